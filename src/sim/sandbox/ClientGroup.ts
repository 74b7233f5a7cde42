/**
 * A client group: a population of users issuing requests as one Poisson process at rate users ×
 * per-user rate × load factor. Each request picks an object by popularity, goes to the server the
 * mapping chooses, and ends as a response (its latency recorded), an error answer, or a timeout.
 * A request lost in the network is noticed only by the timeout (no retries are modelled).
 */
import type { RandomStream } from '../random/RandomStream';
import { MSG_REQUEST, type RequestBody, type ResponseBody } from './messages';
import type { SandboxContext } from './SandboxContext';

interface Outstanding {
  sentAtNs: number;
  timer: number;
  /** the edge server asked */
  edge: number;
}

export class ClientGroup {
  private readonly rng: RandomStream;
  private rate: number;
  private meanGapNs: number;
  /** handle of the pending request timer, or −1 */
  private timer = -1;
  private nextId = 0;
  private readonly outstanding = new Map<number, Outstanding>();
  private readonly isUp: (node: number) => boolean;

  constructor(
    private readonly ctx: SandboxContext,
    readonly id: number,
    rateHz: number,
    /** the rate at load factor 1 (users × per-user rate) */
    readonly baseRateHz: number = rateHz,
  ) {
    this.rng = ctx.streams.get(`client:${id}/requests`);
    this.rate = rateHz;
    this.meanGapNs = rateHz > 0 ? 1e9 / rateHz : Infinity;
    this.isUp = (node) => ctx.network.isNodeUp(node);
  }

  /** requests per second the group makes now */
  get rateHz(): number {
    return this.rate;
  }

  /**
   * Changes the request rate from now on. The pending request is drawn again at the new rate:
   * a Poisson process has no memory, so that is exactly a process whose rate changed now.
   */
  setRate(rateHz: number): void {
    if (this.timer >= 0) this.ctx.engine.cancel(this.timer);
    this.timer = -1;
    this.rate = rateHz;
    this.meanGapNs = rateHz > 0 ? 1e9 / rateHz : Infinity;
    if (rateHz > 0) this.scheduleNext();
  }

  get outstandingCount(): number {
    return this.outstanding.size;
  }

  /** Schedules the first request (a Poisson process started now). */
  start(): void {
    if (this.rate > 0) this.scheduleNext();
  }

  /** Requests waiting on one edge server (for inspectors and tests). */
  outstandingAt(edge: number): number {
    let n = 0;
    for (const req of this.outstanding.values()) if (req.edge === edge) n++;
    return n;
  }

  /** The request timer fired: send one request and schedule the next. */
  onRequestTime(): void {
    const obj = this.ctx.catalogue.pick(this.rng);
    this.scheduleNext();
    this.request(obj);
  }

  /**
   * Requests one object now, outside the Poisson process (a lab's "fetch object 7"). Call it
   * from an event at this node or, in a sharded run, as a command at a window edge.
   */
  request(obj: number): void {
    const { ctx } = this;
    ctx.counts.requests++;
    const edge = ctx.mapping.serverFor(this.id, obj, this.isUp);
    if (edge < 0) {
      ctx.failures.noServer++;
      return;
    }
    const id = this.nextId++;
    const timer = ctx.engine.schedule(
      ctx.params.requestTimeoutNs,
      this.id,
      this.id,
      ctx.kinds.clientTimeout,
      id,
    );
    this.outstanding.set(id, { sentAtNs: ctx.engine.now, timer, edge });
    const body: RequestBody = { id, obj };
    ctx.network.send(this.id, edge, ctx.params.config.requestBytes, MSG_REQUEST, body);
  }

  onResponse(body: ResponseBody): void {
    const { ctx } = this;
    const req = this.outstanding.get(body.id);
    if (req === undefined) {
      ctx.counts.lateResponses++;
      return;
    }
    this.outstanding.delete(body.id);
    ctx.engine.cancel(req.timer);
    if (body.ok) {
      ctx.counts.responses++;
      ctx.latencyNs.record(ctx.engine.now - req.sentAtNs);
    } else {
      ctx.failures[body.reason ?? 'originRejected']++;
    }
  }

  onTimeout(id: number): void {
    if (this.outstanding.delete(id)) this.ctx.failures.timeout++;
  }

  private scheduleNext(): void {
    const gapNs = Math.max(1, Math.round(this.rng.exponential(this.meanGapNs)));
    this.timer = this.ctx.engine.schedule(gapNs, this.id, this.id, this.ctx.kinds.clientRequest);
  }
}
