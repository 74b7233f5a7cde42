/**
 * An edge server: an LRU byte cache in front of the origin. A hit is answered at once with the
 * object; a miss (absent, expired or uncacheable) becomes an origin fetch, and concurrent misses
 * for one cacheable object share a single fetch (request coalescing). Processing takes no time:
 * the server's capacity only shows in its load figure, an exponentially weighted request rate
 * (time constant 1 s) over its capacity in requests per second.
 */
import { LruCache, type CachedObject } from './LruCache';
import {
  ERROR_BYTES,
  MSG_FETCH,
  MSG_RESPONSE,
  type FetchBody,
  type ResponseBody,
} from './messages';
import type { SandboxContext } from './SandboxContext';
import type { FailureReason } from './sandboxStats';

const RATE_TAU_NS = 1e9;

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
  requests = 0;
  hits = 0;

  constructor(
    private readonly ctx: SandboxContext,
    readonly id: number,
  ) {
    this.cache = new LruCache(ctx.params.cacheBytes);
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

  onRequest(client: number, id: number, obj: number): void {
    const { ctx } = this;
    const now = ctx.engine.now;
    this.rateHz = this.rateHz * Math.exp(-(now - this.rateAtNs) / RATE_TAU_NS) + 1e9 / RATE_TAU_NS;
    this.rateAtNs = now;
    this.requests++;
    const cacheable = ctx.catalogue.cacheable(obj);
    const found = cacheable ? this.cache.lookup(obj, now) : 'miss';
    if (found === 'hit') {
      this.hits++;
      ctx.counts.hits++;
      this.reply(client, { id, ok: true, hit: true }, ctx.catalogue.sizeBytes(obj));
      return;
    }
    ctx.counts.misses++;
    if (found === 'expired') ctx.counts.expired++;
    if (!cacheable) ctx.counts.uncacheable++;
    const inFlight = cacheable ? this.fetchOf.get(obj) : undefined;
    if (inFlight !== undefined) {
      ctx.counts.coalesced++;
      this.fetches.get(inFlight)!.waiters.push(client, id);
      return;
    }
    this.startFetch(obj, cacheable, client, id);
  }

  /**
   * The origin sent the object: cache it (if allowed) and answer everyone waiting. An object that
   * arrives after its fetch timed out is still cached: the bytes are here, only the waiters are gone.
   */
  onObject(fetchId: number, obj: number): void {
    const { ctx } = this;
    const sizeBytes = ctx.catalogue.sizeBytes(obj);
    if (ctx.catalogue.cacheable(obj))
      this.cache.insert(obj, sizeBytes, ctx.engine.now + ctx.catalogue.ttlNs(obj));
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

  private startFetch(obj: number, cacheable: boolean, client: number, id: number): void {
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
    const body: FetchBody = { fetch: fetchId, obj };
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
    if (body.ok) this.ctx.counts.bytesServedByEdges += sizeBytes;
    this.ctx.network.send(this.id, client, sizeBytes, MSG_RESPONSE, body);
  }
}
