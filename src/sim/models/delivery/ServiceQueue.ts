/**
 * A server as an M/M/c/K queue (the origin, and an edge server's request processing): `workers`
 * identical servers, a FIFO of at most
 * `queueLength` waiting jobs (so the system holds at most workers + queueLength), and exponential
 * service times drawn from the server's own stream. Arrival times are whatever the caller makes
 * them; under Poisson arrivals this is the textbook queue (Erlang C without the queue limit).
 * A finished job is announced by an engine event of kind `doneKind` targeted at this node with
 * the job as payload; its handler must call `finish(job)` to start the next one.
 */
import type { Engine } from '../../engine/Engine';
import type { RandomStream } from '../../random/RandomStream';
import { assert } from '../../util/assert';

export interface OriginQueueSpec {
  workers: number;
  queueLength: number;
  serviceMeanNs: number;
}

export class ServiceQueue<Job> {
  private busy = 0;
  private readonly waiting: Job[] = [];
  /** index of the head of `waiting` (a FIFO without shifting the array) */
  private head = 0;
  private busyIntegralNs = 0;
  private lastChangeNs: number;
  readonly startNs: number;
  accepted = 0;
  rejected = 0;
  completed = 0;

  constructor(
    private readonly engine: Engine,
    readonly nodeId: number,
    private readonly rng: RandomStream,
    readonly spec: OriginQueueSpec,
    private readonly doneKind: number,
  ) {
    assert(spec.workers >= 1, `a server needs at least one worker, got ${spec.workers}`);
    this.startNs = engine.now;
    this.lastChangeNs = engine.now;
  }

  /** Jobs waiting (not in service). */
  get queueLength(): number {
    return this.waiting.length - this.head;
  }

  get inService(): number {
    return this.busy;
  }

  /** Offers a job now; false if every worker is busy and the queue is full (the job is rejected). */
  offer(job: Job): boolean {
    if (this.busy < this.spec.workers) {
      this.accepted++;
      this.start(job);
      return true;
    }
    if (this.queueLength >= this.spec.queueLength) {
      this.rejected++;
      return false;
    }
    this.accepted++;
    this.waiting.push(job);
    return true;
  }

  /** Called by the `doneKind` handler: frees the worker and starts the oldest waiting job. */
  finish(_job: Job): void {
    this.account();
    this.busy--;
    this.completed++;
    if (this.queueLength > 0) {
      const next = this.waiting[this.head];
      this.head++;
      // Compact now and then so the array does not grow with every job ever queued.
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      this.start(next);
    }
  }

  /** Busy worker-ns since start, up to nowNs. */
  busyNs(nowNs: number): number {
    return this.busyIntegralNs + this.busy * (nowNs - this.lastChangeNs);
  }

  /** Mean fraction of workers busy since start (0 before any time has passed). */
  utilisation(nowNs: number): number {
    const elapsed = nowNs - this.startNs;
    return elapsed > 0 ? this.busyNs(nowNs) / (elapsed * this.spec.workers) : 0;
  }

  /** Jobs in the system per worker: 1 = all workers busy, above 1 = a queue is building. */
  load(): number {
    return (this.busy + this.queueLength) / this.spec.workers;
  }

  private start(job: Job): void {
    this.account();
    this.busy++;
    // At least 1 ns: a job never finishes at the instant it starts.
    const serviceNs = Math.max(1, Math.round(this.rng.exponential(this.spec.serviceMeanNs)));
    this.engine.schedule(serviceNs, this.nodeId, this.nodeId, this.doneKind, 0, job);
  }

  private account(): void {
    const now = this.engine.now;
    this.busyIntegralNs += this.busy * (now - this.lastChangeNs);
    this.lastChangeNs = now;
  }
}
