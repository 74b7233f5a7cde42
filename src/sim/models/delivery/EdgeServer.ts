/**
 * An edge server: request processing (an M/M/c/K queue, see ServiceQueue: a request finding every
 * worker busy and the queue full is answered with an error at once, like an HTTP 503) in front
 * of an LRU byte cache in front of the origin. A hit is answered with the object; a miss
 * (absent or uncacheable) becomes an origin fetch, and concurrent misses for one cacheable object
 * share a single fetch (request coalescing). An expired copy is revalidated: the fetch names the
 * version held, and the origin answers "not modified" (small) if it is still current.
 * Load, as reported to the monitor and drawn on the map, is an exponentially weighted request
 * rate (time constant 1 s) over the capacity in requests per second.
 */
import { LruCache, type CachedObject } from './LruCache';
import {
  ERROR_BYTES,
  MSG_FETCH,
  MSG_LOAD_REPORT,
  MSG_RESPONSE,
  type ConditionalFetchBody,
  type LoadReportBody,
  type ResponseBody,
} from './messages';
import type { SandboxContext } from './SandboxContext';
import type { FailureReason } from './sandboxStats';
import { ServiceQueue } from './ServiceQueue';

const RATE_TAU_NS = 1e9;
const REPORT_BYTES = 200;
/** a report names at most this many objects, each making at least HOT_SHARE of the requests */
const HOT_OBJECTS = 4;
const HOT_SHARE = 0.05;
/** a server whose load has fallen below this stops reporting (after saying so once) */
const IDLE_LOAD = 0.01;

/** A request waiting for, or in, processing. */
export interface EdgeJob {
  client: number;
  id: number;
  obj: number;
}

/** What an edge server's cache holds, for the node inspector. Plain data. */
export interface CacheSummary {
  objects: number;
  usedBytes: number;
  capacityBytes: number;
  requests: number;
  hits: number;
  misses: number;
  evictions: number;
  /** the cached objects asked for most since they were stored */
  top: CachedObject[];
}

/** The summary of a cache nothing has reached yet. */
export function emptyCacheSummary(capacityBytes: number): CacheSummary {
  return {
    objects: 0,
    usedBytes: 0,
    capacityBytes,
    requests: 0,
    hits: 0,
    misses: 0,
    evictions: 0,
    top: [],
  };
}

interface Fetch {
  obj: number;
  /** (client, request id) pairs, flattened */
  waiters: number[];
  timer: number;
}

export class EdgeServer {
  readonly cache: LruCache;
  private nextFetch = 0;
  private readonly fetches = new Map<number, Fetch>();
  /** fetch in flight for each cacheable object being fetched */
  private readonly fetchOf = new Map<number, number>();
  private rateHz = 0;
  private rateAtNs = 0;
  private readonly queue: ServiceQueue<EdgeJob>;
  /** requests per object since the last load report */
  private readonly recent = new Map<number, number>();
  private reporting = false;
  private lastReportNs = 0;
  requests = 0;
  hits = 0;

  constructor(
    private readonly ctx: SandboxContext,
    readonly id: number,
  ) {
    this.cache = new LruCache(ctx.params.cacheBytes);
    // Made on the server's first event: the warm contents do not depend on when that is.
    ctx.warmCaches?.fill(this.cache, id);
    const c = ctx.params.config;
    this.queue = new ServiceQueue<EdgeJob>(
      ctx.engine,
      id,
      ctx.streams.get(`edge:${id}/service`),
      {
        workers: c.edgeWorkers,
        queueLength: c.edgeQueueLength,
        serviceMeanNs: ctx.params.edgeServiceMeanNs,
      },
      ctx.kinds.edgeDone,
    );
  }

  /** Requests waiting for a worker. */
  get queueLength(): number {
    return this.queue.queueLength;
  }

  /** Fetches waiting for the origin. */
  get fetchesInFlight(): number {
    return this.fetches.size;
  }

  cacheSummary(topN: number): CacheSummary {
    const { cache } = this;
    return {
      objects: cache.count,
      usedBytes: cache.usedBytes,
      capacityBytes: cache.capacityBytes,
      requests: this.requests,
      hits: this.hits,
      misses: this.requests - this.hits,
      evictions: cache.evictions,
      top: cache.mostHit(topN),
    };
  }

  /** Requests per second (smoothed) over capacity: 0 idle, 1 at capacity. */
  load(nowNs: number): number {
    const rate = this.rateHz * Math.exp(-(nowNs - this.rateAtNs) / RATE_TAU_NS);
    return rate / this.ctx.params.config.edgeCapacityRequestsPerSecond;
  }

  /** A request arrives: it waits for a worker, or is turned away if the queue is full. */
  onRequest(client: number, id: number, obj: number): void {
    const { ctx } = this;
    const now = ctx.engine.now;
    this.rateHz = this.rateHz * Math.exp(-(now - this.rateAtNs) / RATE_TAU_NS) + 1e9 / RATE_TAU_NS;
    this.rateAtNs = now;
    this.requests++;
    if (ctx.params.config.loadFeedback) {
      this.recent.set(obj, (this.recent.get(obj) ?? 0) + 1);
      if (!this.reporting) this.startReporting();
    }
    if (!this.queue.offer({ client, id, obj }))
      this.reply(client, { id, ok: false, hit: false, reason: 'edgeOverloaded' }, ERROR_BYTES);
  }

  /** A worker has processed a request: answer it from the cache, or fetch from the origin. */
  onProcessed(job: EdgeJob): void {
    this.queue.finish(job);
    const { ctx } = this;
    const { client, id, obj } = job;
    const cacheable = ctx.catalogue.cacheable(obj);
    const found = cacheable ? this.cache.lookup(obj, ctx.engine.now) : 'miss';
    const second = ctx.seconds.at(ctx.engine.now);
    if (found === 'hit') {
      this.hits++;
      ctx.counts.hits++;
      second.hits++;
      this.reply(client, { id, ok: true, hit: true }, ctx.catalogue.sizeBytes(obj));
      return;
    }
    ctx.counts.misses++;
    second.misses++;
    if (found === 'expired') ctx.counts.expired++;
    if (!cacheable) ctx.counts.uncacheable++;
    const inFlight = cacheable ? this.fetchOf.get(obj) : undefined;
    if (inFlight !== undefined) {
      ctx.counts.coalesced++;
      this.fetches.get(inFlight)!.waiters.push(client, id);
      return;
    }
    const heldVersion = found === 'expired' ? this.cache.version(obj) : -1;
    this.startFetch(obj, cacheable, heldVersion, client, id);
  }

  /**
   * The origin sent the object: cache it (if allowed) and answer everyone waiting. An object that
   * arrives after its fetch timed out is still cached: the bytes are here, only the waiters are gone.
   */
  onObject(fetchId: number, obj: number, version: number): void {
    const { ctx } = this;
    const sizeBytes = ctx.catalogue.sizeBytes(obj);
    if (ctx.catalogue.cacheable(obj))
      this.cache.insert(obj, sizeBytes, ctx.engine.now + ctx.catalogue.ttlNs(obj), version);
    this.answerWaiters(fetchId, sizeBytes);
  }

  /** The origin says the stale copy is current: fresh again for a TTL, and served from here. */
  onNotModified(fetchId: number, obj: number): void {
    const { ctx } = this;
    ctx.counts.revalidated++;
    this.cache.refresh(obj, ctx.engine.now + ctx.catalogue.ttlNs(obj));
    this.answerWaiters(fetchId, ctx.catalogue.sizeBytes(obj));
  }

  /** Drops one object from the cache, or everything (a purge from the content provider). */
  purge(obj?: number): void {
    if (obj === undefined) this.cache.clear();
    else this.cache.remove(obj);
  }

  /** Time to report: load and busiest objects to the data centre's monitor. */
  onReportTime(): void {
    const { ctx } = this;
    const now = ctx.engine.now;
    const load = this.load(now);
    const intervalS = Math.max(now - this.lastReportNs, 1) / 1e9;
    let total = 0;
    for (const n of this.recent.values()) total += n;
    const top = [...this.recent]
      .filter(([, n]) => n >= HOT_SHARE * total)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, HOT_OBJECTS);
    const hot: number[] = [];
    for (const [obj, n] of top) hot.push(obj, n / intervalS);
    this.recent.clear();
    this.lastReportNs = now;
    const monitor = ctx.mapping.lowLevelDnsOf(ctx.mapping.dataCentreOf(this.id));
    const body: LoadReportBody = { load, hot };
    ctx.network.send(this.id, monitor, REPORT_BYTES, MSG_LOAD_REPORT, body);
    // An idle server says so once and then stays quiet until its next request.
    if (load < IDLE_LOAD) this.reporting = false;
    else ctx.engine.schedule(ctx.params.loadReportNs, this.id, this.id, ctx.kinds.loadReport);
  }

  private startReporting(): void {
    this.reporting = true;
    this.lastReportNs = this.ctx.engine.now;
    const { ctx } = this;
    ctx.engine.schedule(ctx.params.loadReportNs, this.id, this.id, ctx.kinds.loadReport);
  }

  private answerWaiters(fetchId: number, sizeBytes: number): void {
    const fetch = this.endFetch(fetchId);
    if (fetch === undefined) return;
    const { waiters } = fetch;
    for (let i = 0; i < waiters.length; i += 2)
      this.reply(waiters[i], { id: waiters[i + 1], ok: true, hit: false }, sizeBytes);
  }

  onReject(fetchId: number): void {
    this.fail(fetchId, 'originRejected');
  }

  onFetchTimeout(fetchId: number): void {
    this.fail(fetchId, 'originTimeout');
  }

  private startFetch(
    obj: number,
    cacheable: boolean,
    heldVersion: number,
    client: number,
    id: number,
  ): void {
    const { ctx } = this;
    const fetchId = this.nextFetch++;
    const timer = ctx.engine.schedule(
      ctx.params.originTimeoutNs,
      this.id,
      this.id,
      ctx.kinds.fetchTimeout,
      fetchId,
    );
    this.fetches.set(fetchId, { obj, waiters: [client, id], timer });
    if (cacheable) this.fetchOf.set(obj, fetchId);
    ctx.counts.originFetches++;
    const body: ConditionalFetchBody = { fetch: fetchId, obj, heldVersion };
    ctx.network.send(this.id, this.origin(), ctx.params.config.requestBytes, MSG_FETCH, body);
  }

  /** The nearest origin that is up (the nearest of all if none is: the fetch will time out). */
  private origin(): number {
    const origins = this.ctx.mapping.originsFor(this.id);
    for (const o of origins) if (this.ctx.network.isNodeUp(o)) return o;
    return origins[0];
  }

  /** Forgets a fetch; undefined if it already ended (timed out before the answer came). */
  private endFetch(fetchId: number): Fetch | undefined {
    const fetch = this.fetches.get(fetchId);
    if (fetch === undefined) return undefined;
    this.fetches.delete(fetchId);
    if (this.fetchOf.get(fetch.obj) === fetchId) this.fetchOf.delete(fetch.obj);
    this.ctx.engine.cancel(fetch.timer);
    return fetch;
  }

  private fail(fetchId: number, reason: FailureReason): void {
    const fetch = this.endFetch(fetchId);
    if (fetch === undefined) return;
    const w = fetch.waiters;
    for (let i = 0; i < w.length; i += 2)
      this.reply(w[i], { id: w[i + 1], ok: false, hit: false, reason }, ERROR_BYTES);
  }

  private reply(client: number, body: ResponseBody, sizeBytes: number): void {
    if (body.ok) {
      this.ctx.counts.bytesServedByEdges += sizeBytes;
      body.bytes = sizeBytes;
    }
    this.ctx.network.send(this.id, client, sizeBytes, MSG_RESPONSE, body);
  }
}
