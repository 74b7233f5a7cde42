/**
 * A client group: a population of users issuing requests as one Poisson process at rate users ×
 * per-user rate × load factor × the flash crowd's multiplier of the moment. Each request picks an
 * object by popularity (or, for the crowd's extra requests, the crowd's hot object if it has
 * one), goes to the server the mapping chooses (or straight to the nearest origin when there is
 * no CDN), and ends as a response (its latency recorded), an error answer, or a timeout.
 * A request lost in the network is noticed only by the timeout (no retries are modelled).
 */
import type { RandomStream } from '../../random/RandomStream';
import { SECOND } from '../../time';
import { crowdFactor, crowdShare } from './crowdCurve';
import { DnsStub, type HeldAnswer } from './DnsStub';
import { LoadViews } from './LoadView';
import type { LoadAwareness } from './Mapping';
import { MSG_REQUEST, type MapAnswerBody, type RequestBody, type ResponseBody } from './messages';
import type { SandboxContext } from './SandboxContext';
import type { FailureReason } from './sandboxStats';
import { rttNs } from './transport';

/** A request waiting for its connection to open. */
export interface PendingRequest {
  to: number;
  body: RequestBody;
}

interface Outstanding {
  sentAtNs: number;
  timer: number;
  /** the edge server asked (−1 while the name is being looked up) */
  edge: number;
  /** with DNS: the answer the request was sent under, and which of its addresses it went to */
  answer?: HeldAnswer;
  index?: number;
  obj?: number;
}

/**
 * Every field in the literal, so that every request's record has one shape and never grows
 * (a field added later costs a second object, on 35,000 requests a simulated second).
 */
function outstanding(
  sentAtNs: number,
  timer: number,
  edge: number,
  obj: number | undefined,
): Outstanding {
  return { sentAtNs, timer, edge, answer: undefined, index: undefined, obj };
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
  private loadFactor: number;
  private crowd = 1;
  private readonly load: LoadAwareness | undefined;
  private readonly views: LoadViews | undefined;
  private readonly region: number;
  /** the group's stub resolver, when requests go where the DNS answers (config `dns`) */
  private readonly stub: DnsStub | undefined;

  constructor(
    private readonly ctx: SandboxContext,
    readonly id: number,
    /** the rate at load factor 1 (users × per-user rate) */
    readonly baseRateHz: number,
    loadFactor = 1,
  ) {
    this.rng = ctx.streams.get(`client:${id}/requests`);
    this.loadFactor = loadFactor;
    this.rate = baseRateHz * loadFactor;
    this.meanGapNs = this.rate > 0 ? 1e9 / this.rate : Infinity;
    this.isUp = (node) => ctx.network.isNodeUp(node);
    this.region = ctx.regionOf(id);
    const c = ctx.params.config;
    if (c.dns) this.stub = new DnsStub(ctx, id, ctx.dns);
    else if (c.cdn && c.loadFeedback) {
      const rng = ctx.streams.get(`client:${id}/mapping`);
      const views = new LoadViews(ctx, id, rng);
      this.views = views;
      this.load = {
        view: (dc) => views.get(dc),
        rng,
        dataCentreThreshold: c.dataCentreThreshold,
      };
    }
  }

  /** requests per second the group makes now */
  get rateHz(): number {
    return this.rate;
  }

  /** Scales the baseline (a quiet night, a busier day); the crowd's multiplier still applies. */
  setLoadFactor(loadFactor: number): void {
    this.loadFactor = loadFactor;
    this.setRate(this.baseRateHz * loadFactor * this.crowd);
  }

  /**
   * Changes the request rate from now on. The pending request is drawn again at the new rate:
   * a Poisson process has no memory, so that is exactly a process whose rate changed now.
   */
  private setRate(rateHz: number): void {
    if (this.timer >= 0) this.ctx.engine.cancel(this.timer);
    this.timer = -1;
    this.rate = rateHz;
    this.meanGapNs = rateHz > 0 ? 1e9 / rateHz : Infinity;
    if (rateHz > 0) this.scheduleNext();
  }

  get outstandingCount(): number {
    return this.outstanding.size;
  }

  /** Schedules the first request (a Poisson process started now), and the crowd's first step. */
  start(): void {
    if (this.rate > 0) this.scheduleNext();
    if (this.ctx.params.config.crowd !== undefined) this.onCrowdTick();
  }

  /**
   * Follows the crowd's curve: the rate for the coming second, then the next step. Steps stop
   * once the crowd has decayed to within 0.1 % of the baseline.
   */
  onCrowdTick(): void {
    const { ctx } = this;
    const crowd = ctx.params.config.crowd!;
    const t = ctx.engine.now / SECOND;
    const factor = crowdFactor(crowd, t);
    if (factor !== this.crowd) {
      this.crowd = factor;
      this.setRate(this.baseRateHz * this.loadFactor * factor);
    }
    const decaying = t > crowd.startSeconds + crowd.rampSeconds + crowd.holdSeconds;
    if (decaying && factor < 1.001) return;
    ctx.engine.schedule(SECOND, this.id, this.id, ctx.kinds.crowdTick);
  }

  /** Requests waiting on one edge server (for inspectors and tests). */
  outstandingAt(edge: number): number {
    let n = 0;
    for (const req of this.outstanding.values()) if (req.edge === edge) n++;
    return n;
  }

  /** The request timer fired: send one request and schedule the next. */
  onRequestTime(): void {
    const hot = this.ctx.params.config.crowd?.hotObject;
    const obj =
      hot !== undefined && this.rng.uniform() < crowdShare(this.crowd)
        ? hot
        : this.ctx.catalogue.pick(this.rng);
    this.scheduleNext();
    this.request(obj);
  }

  onMapAnswer(body: MapAnswerBody): void {
    this.views?.onAnswer(body);
  }

  /**
   * Requests one object now, outside the Poisson process (a lab's "fetch object 7"). Call it
   * from an event at this node or, in a sharded run, as a command at a window edge.
   */
  request(obj: number): void {
    const { ctx } = this;
    ctx.counts.requests++;
    ctx.seconds.at(ctx.engine.now).requests++;
    if (this.stub !== undefined) {
      this.requestByName(obj, this.stub);
      return;
    }
    const edge = ctx.params.config.cdn
      ? ctx.mapping.serverFor(this.id, obj, this.load)
      : this.nearestOriginUp();
    if (edge < 0) {
      this.failed('noServer');
      return;
    }
    const { id, timer } = this.startTimeout();
    this.outstanding.set(id, outstanding(ctx.engine.now, timer, edge, undefined));
    this.send(edge, { id, obj });
  }

  /** A new request's number, and its timeout started now. */
  private startTimeout(): { id: number; timer: number } {
    const { ctx } = this;
    const id = this.nextId++;
    const timer = ctx.engine.schedule(
      ctx.params.requestTimeoutNs,
      this.id,
      this.id,
      ctx.kinds.clientTimeout,
      id,
    );
    return { id, timer };
  }

  /**
   * With DNS: the request waits (its timeout already running) for the answer for its object's
   * name, then goes to the answer's current address.
   */
  private requestByName(obj: number, stub: DnsStub): void {
    const { ctx } = this;
    const { id, timer } = this.startTimeout();
    const req = outstanding(ctx.engine.now, timer, -1, obj);
    this.outstanding.set(id, req);
    const held = stub.heldAnswer(obj);
    if (held !== undefined) {
      this.sendUnder(id, req, held);
      return;
    }
    stub.whenAnswered(obj, (answer) => {
      // Gone: it timed out while the name was looked up.
      if (this.outstanding.get(id) !== req) return;
      if (answer === undefined) {
        this.outstanding.delete(id);
        ctx.engine.cancel(req.timer);
        this.failed('noServer');
        return;
      }
      this.sendUnder(id, req, answer);
    });
  }

  /** Sends request `id` to the address `answer` has come to (see onTimeout). */
  private sendUnder(id: number, req: Outstanding, answer: HeldAnswer): void {
    req.answer = answer;
    req.index = Math.min(answer.index, answer.addresses.length - 1);
    req.edge = answer.addresses[req.index];
    this.send(req.edge, { id, obj: req.obj ?? 0 });
  }

  /** Sends a request to an edge (or an origin), over a new connection for some. */
  private send(edge: number, body: RequestBody): void {
    const { ctx } = this;
    if (ctx.params.config.observeDns)
      ctx.observations.add({
        type: 'sim.requestSent',
        timeNs: ctx.engine.now,
        client: this.id,
        edge,
        obj: body.obj,
      });
    const c = ctx.params.config;
    if (c.newConnectionShare > 0 && this.rng.uniform() < c.newConnectionShare) {
      const handshakeNs = c.handshakeRtts * rttNs(ctx.network.routes, this.id, edge);
      const pending: PendingRequest = { to: edge, body };
      ctx.engine.schedule(handshakeNs, this.id, this.id, ctx.kinds.connected, 0, pending);
    } else ctx.network.send(this.id, edge, c.requestBytes, MSG_REQUEST, body);
  }

  /** A new connection is open: the request it was opened for goes now. */
  onConnected(pending: PendingRequest): void {
    const bytes = this.ctx.params.config.requestBytes;
    this.ctx.network.send(this.id, pending.to, bytes, MSG_REQUEST, pending.body);
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
      const latencyNs = ctx.engine.now - req.sentAtNs;
      ctx.latencyNs.record(latencyNs);
      ctx.seconds.answered(ctx.engine.now, latencyNs, this.region);
      ctx.seconds.at(ctx.engine.now).deliveredBytes += body.bytes ?? 0;
    } else {
      this.failed(body.reason ?? 'originRejected');
    }
  }

  onTimeout(id: number): void {
    const req = this.outstanding.get(id);
    if (req === undefined) return;
    const { answer, index } = req;
    if (answer !== undefined && index !== undefined && index + 1 < answer.addresses.length) {
      // The next address of the same answer, for this request and the group's later ones.
      const { ctx } = this;
      ctx.dnsCounts.failovers++;
      req.index = index + 1;
      answer.index = Math.max(answer.index, req.index);
      req.edge = answer.addresses[req.index];
      req.timer = ctx.engine.schedule(
        ctx.params.requestTimeoutNs,
        this.id,
        this.id,
        ctx.kinds.clientTimeout,
        id,
      );
      this.send(req.edge, { id, obj: req.obj ?? 0 });
      return;
    }
    this.outstanding.delete(id);
    this.failed('timeout');
  }

  private failed(reason: FailureReason): void {
    this.ctx.failures[reason]++;
    this.ctx.seconds.at(this.ctx.engine.now).failed++;
  }

  /** With no CDN: the nearest origin that is up, or −1. */
  private nearestOriginUp(): number {
    for (const o of this.ctx.mapping.originsNear(this.id)) if (this.isUp(o)) return o;
    return -1;
  }

  private scheduleNext(): void {
    const gapNs = Math.max(1, Math.round(this.rng.exponential(this.meanGapNs)));
    this.timer = this.ctx.engine.schedule(gapNs, this.id, this.id, this.ctx.kinds.clientRequest);
  }
}
