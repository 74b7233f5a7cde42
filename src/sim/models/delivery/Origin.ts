/**
 * The content provider's origin server as a protocol node: an M/M/c/K queue (ServiceQueue) that
 * serves edge servers' fetches and, when there is no CDN, clients' requests directly. It holds
 * the current version of each object (0 until the provider publishes a new one), which is what a
 * revalidation is checked against. Each whole second it records that second's busy time and
 * queue for the charts.
 */
import {
  ERROR_BYTES,
  MSG_NOT_MODIFIED,
  MSG_OBJECT,
  MSG_REJECT,
  MSG_RESPONSE,
  type ConditionalFetchBody,
  type ObjectBody,
  type ResponseBody,
} from './messages';
import type { SandboxContext } from './SandboxContext';
import { ServiceQueue } from './ServiceQueue';
import { SECOND } from '../../time';

/** A fetch (from an edge server) or a request (from a client group) at the origin. */
export interface OriginJob {
  from: number;
  /** the edge's fetch number, or the client's request id */
  ref: number;
  obj: number;
  /** the version the edge holds (a revalidation), or −1; always −1 for a client */
  heldVersion: number;
  direct: boolean;
}

export class Origin {
  readonly queue: ServiceQueue<OriginJob>;
  private readonly versions = new Map<number, number>();
  private lastBusyNs = 0;

  constructor(
    private readonly ctx: SandboxContext,
    readonly id: number,
  ) {
    const c = ctx.params.config;
    this.queue = new ServiceQueue<OriginJob>(
      ctx.engine,
      id,
      ctx.streams.get(`origin:${id}/service`),
      {
        workers: c.originWorkers,
        queueLength: c.originQueueLength,
        serviceMeanNs: ctx.params.originServiceMeanNs,
      },
      ctx.kinds.originDone,
    );
    this.lastBusyNs = this.queue.busyNs(ctx.engine.now);
    this.scheduleSample();
  }

  version(obj: number): number {
    return this.versions.get(obj) ?? 0;
  }

  /** The provider publishes a new version of an object. */
  publish(obj: number): void {
    this.versions.set(obj, this.version(obj) + 1);
  }

  /** A fetch or a request arrives: queued, or refused at once if the queue is full. */
  offer(job: OriginJob): void {
    const { ctx } = this;
    const second = ctx.seconds.at(ctx.engine.now);
    second.originArrivals++;
    if (this.queue.offer(job)) return;
    ctx.counts.originRejected++;
    second.originRejected++;
    if (job.direct) {
      const body: ResponseBody = { id: job.ref, ok: false, hit: false, reason: 'originRejected' };
      ctx.network.send(this.id, job.from, ERROR_BYTES, MSG_RESPONSE, body);
    } else {
      const body: ObjectBody = { fetch: job.ref, obj: job.obj, version: this.version(job.obj) };
      ctx.network.send(this.id, job.from, ERROR_BYTES, MSG_REJECT, body);
    }
  }

  /** A worker finished a job: send the object, or "not modified" for a current stale copy. */
  onDone(job: OriginJob): void {
    const { ctx } = this;
    this.queue.finish(job);
    ctx.counts.originServed++;
    const version = this.version(job.obj);
    if (job.heldVersion === version) {
      const body: ObjectBody = { fetch: job.ref, obj: job.obj, version };
      ctx.network.send(this.id, job.from, ERROR_BYTES, MSG_NOT_MODIFIED, body);
      return;
    }
    const sizeBytes = ctx.catalogue.sizeBytes(job.obj);
    ctx.counts.bytesFromOrigin += sizeBytes;
    ctx.seconds.at(ctx.engine.now).originBytes += sizeBytes;
    if (job.direct) {
      const body: ResponseBody = { id: job.ref, ok: true, hit: false, bytes: sizeBytes };
      ctx.network.send(this.id, job.from, sizeBytes, MSG_RESPONSE, body);
    } else {
      const body: ObjectBody = { fetch: job.ref, obj: job.obj, version };
      ctx.network.send(this.id, job.from, sizeBytes, MSG_OBJECT, body);
    }
  }

  /** A fetch from an edge server (a revalidation when it names the version it holds). */
  onFetch(edge: number, body: ConditionalFetchBody): void {
    this.offer({
      from: edge,
      ref: body.fetch,
      obj: body.obj,
      heldVersion: body.heldVersion,
      direct: false,
    });
  }

  /** A second has ended: record its busy time and the queue now. */
  onSample(): void {
    const { ctx } = this;
    const now = ctx.engine.now;
    const busy = this.queue.busyNs(now);
    const second = ctx.seconds.of(Math.round(now / SECOND) - 1);
    second.originBusyNs += busy - this.lastBusyNs;
    second.originCapacityNs += this.queue.spec.workers * SECOND;
    second.originQueue += this.queue.queueLength;
    this.lastBusyNs = busy;
    this.scheduleSample();
  }

  private scheduleSample(): void {
    const now = this.ctx.engine.now;
    const next = (Math.floor(now / SECOND) + 1) * SECOND;
    this.ctx.engine.schedule(next - now, this.id, this.id, this.ctx.kinds.originSample);
  }
}
