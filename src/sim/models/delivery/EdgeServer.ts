/**
 * An edge server: request processing (an M/M/c/K queue, see ServiceQueue: a request finding every
 * worker busy and the queue full is answered with an error at once, like an HTTP 503) in front
 * of an LRU byte cache in front of the origin. A hit is answered with the object; a miss
 * (absent or uncacheable) becomes an origin fetch, and concurrent misses for one cacheable object
 * share a single fetch (request coalescing). An expired copy is revalidated: the fetch names the
 * version held, and the origin answers "not modified" (small) if it is still current.
 * With parent caches (config `tiers`, see ParentTier) a cacheable miss is fetched from the
 * object's parent server instead of the origin. A parent is an edge server like any other: a
 * child's fetch waits for a worker like a request, is answered from the cache or joins the
 * fetch already under way, and only its misses go to the origin (a fetch from a child always
 * goes to the origin: two tiers, never a loop). It answers as the origin would (the object, "not
 * modified", or a refusal), with the copy's age so that the child's copy expires with its own.
 * Load, as reported to the monitor and drawn on the map, is an exponentially weighted request
 * rate (time constant 1 s) over the capacity in requests per second.
 */
import { LruCache, type CachedObject } from './LruCache';
import {
  ERROR_BYTES,
  MSG_FETCH,
  MSG_LOAD_REPORT,
  MSG_NOT_MODIFIED,
  MSG_OBJECT,
  MSG_REJECT,
  MSG_RESPONSE,
  MSG_SYN_ACK,
  SYN_BYTES,
  type ConditionalFetchBody,
  type LoadReportBody,
  type ObjectBody,
  type ResponseBody,
  type SynBody,
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

/**
 * A request waiting for, or in, processing: a client's (`ref` its request id) or, at a parent, a
 * child edge server's fetch (`ref` the child's fetch number, `heldVersion` what it holds or −1).
 */
export interface EdgeJob {
  from: number;
  ref: number;
  obj: number;
  /** FROM_CLIENT for a client's request */
  heldVersion: number;
}

/** The heldVersion of a client's request: it holds nothing and wants a response, not an object. */
const FROM_CLIENT = -2;

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
  /** the version this server holds (a revalidation), or −1 */
  heldVersion: number;
  /** the parent server (or overlay relay) asked, or −1 for the origin */
  upstream: number;
  /** upstream is an overlay relay, not a parent cache */
  relayed: boolean;
  /** (node, ref, heldVersion) of each job waiting, flattened (see EdgeJob) */
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
  /** requests per mapping key (an object, or with DNS on its host name) since the last report */
  private readonly recent = new Map<number, number>();
  private reporting = false;
  /** the origins by distance (Mapping.originsFor, fixed per data centre), once asked */
  private originList: Int32Array | undefined;
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

  /** A client's request arrives: it waits for a worker, or is turned away if the queue is full. */
  /**
   * A SYN: the server's kernel answers it with a SYN-ACK whatever its workers are doing (the
   * request queue, not the listen backlog, is what a busy edge server runs out of). A server
   * that is down never receives it.
   */
  acceptConnection(client: number, body: SynBody): void {
    this.ctx.counts.connectionsAccepted++;
    this.ctx.network.send(this.id, client, SYN_BYTES, MSG_SYN_ACK, body);
  }

  onRequest(client: number, id: number, obj: number): void {
    this.admit({ from: client, ref: id, obj, heldVersion: FROM_CLIENT });
  }

  /** A child edge server's fetch arrives at this parent: admitted like a request. */
  onChildFetch(child: number, body: ConditionalFetchBody): void {
    this.admit({ from: child, ref: body.fetch, obj: body.obj, heldVersion: body.heldVersion });
  }

  private admit(job: EdgeJob): void {
    const { ctx } = this;
    const { obj } = job;
    const now = ctx.engine.now;
    this.rateHz = this.rateHz * Math.exp(-(now - this.rateAtNs) / RATE_TAU_NS) + 1e9 / RATE_TAU_NS;
    this.rateAtNs = now;
    this.requests++;
    if (ctx.params.config.loadFeedback) {
      const key = ctx.mappingKey(obj);
      this.recent.set(key, (this.recent.get(key) ?? 0) + 1);
      if (!this.reporting) this.startReporting();
    }
    if (!this.queue.offer(job)) this.refuse(job.from, job.ref, job.heldVersion, 'edgeOverloaded');
  }

  /**
   * A worker has processed a request (or a child's fetch): answer it from the cache, or fetch
   * from upstream. The hit and miss counts and the per-second records are the clients' only;
   * a parent's lookups for its children are counted apart (parentHits, parentMisses).
   */
  onProcessed(job: EdgeJob): void {
    this.queue.finish(job);
    const { ctx } = this;
    const { obj } = job;
    const child = job.heldVersion !== FROM_CLIENT;
    const cacheable = ctx.catalogue.cacheable(obj);
    const found = cacheable ? this.cache.lookup(obj, ctx.engine.now) : 'miss';
    const second = child ? undefined : ctx.seconds.at(ctx.engine.now);
    if (found === 'hit') {
      this.hits++;
      if (child) ctx.counts.parentHits++;
      else {
        ctx.counts.hits++;
        second!.hits++;
      }
      this.answer(job.from, job.ref, job.heldVersion, obj, true);
      return;
    }
    if (child) ctx.counts.parentMisses++;
    else {
      ctx.counts.misses++;
      second!.misses++;
      if (found === 'expired') ctx.counts.expired++;
      if (!cacheable) ctx.counts.uncacheable++;
    }
    const inFlight = cacheable ? this.fetchOf.get(obj) : undefined;
    if (inFlight !== undefined) {
      ctx.counts.coalesced++;
      this.fetches.get(inFlight)!.waiters.push(job.from, job.ref, job.heldVersion);
      return;
    }
    const heldVersion = found === 'expired' ? this.cache.version(obj) : -1;
    // A child's (or relayed) fetch goes to the origin; a client's cacheable miss to its parent,
    // if it has one; what would go straight to the origin follows the overlay when it routes
    // fetches.
    if (child) return this.startFetch(obj, cacheable, heldVersion, job, -1, false);
    const parent = cacheable ? ctx.mapping.parentFor(this.id, obj) : -1;
    if (parent >= 0) return this.startFetch(obj, cacheable, heldVersion, job, parent, false);
    const relay = this.overlayRelay();
    this.startFetch(obj, cacheable, heldVersion, job, relay, relay >= 0);
  }

  /**
   * The origin sent the object: cache it (if allowed) and answer everyone waiting. An object that
   * arrives after its fetch timed out is still cached: the bytes are here, only the waiters are gone.
   */
  onObject(fetchId: number, obj: number, version: number, ageNs = 0): void {
    const { ctx } = this;
    const sizeBytes = ctx.catalogue.sizeBytes(obj);
    if (ctx.catalogue.cacheable(obj))
      this.cache.insert(obj, sizeBytes, ctx.engine.now + ctx.catalogue.ttlNs(obj) - ageNs, version);
    this.answerWaiters(fetchId, version);
  }

  /**
   * The origin (or a parent) says the stale copy is current: fresh again for a TTL, less the age
   * of the parent's copy, and served from here.
   */
  onNotModified(fetchId: number, obj: number, ageNs = 0): void {
    const { ctx } = this;
    ctx.counts.revalidated++;
    this.cache.refresh(obj, ctx.engine.now + ctx.catalogue.ttlNs(obj) - ageNs);
    this.answerWaiters(fetchId, this.cache.version(obj));
  }

  /** Drops one object from the cache, or everything (a purge from the content provider). */
  purge(obj?: number): void {
    if (obj === undefined) this.cache.clear();
    else this.cache.remove(obj);
  }

  /**
   * Time to report: load and busiest content to the data centre's monitor (objects, or with DNS
   * on host names, by their mapping key: what the mapping can hand out on more servers).
   */
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

  /** The object came (as `version`): everyone waiting for the fetch gets it. */
  private answerWaiters(fetchId: number, version: number): void {
    const fetch = this.endFetch(fetchId);
    if (fetch === undefined) return;
    const w = fetch.waiters;
    for (let i = 0; i < w.length; i += 3)
      this.answer(w[i], w[i + 1], w[i + 2], fetch.obj, false, version);
  }

  /**
   * Sends the object to a client, or to a child edge server (as the origin would: "not
   * modified" if the child holds this version, with the copy's age from the cache).
   */
  private answer(
    to: number,
    ref: number,
    heldVersion: number,
    obj: number,
    hit: boolean,
    version = this.cache.version(obj),
  ): void {
    const { ctx } = this;
    const sizeBytes = ctx.catalogue.sizeBytes(obj);
    if (heldVersion === FROM_CLIENT) {
      this.ctx.counts.bytesServedByEdges += sizeBytes;
      // Whole in one literal: a field added later would cost every response a second object.
      this.reply(to, { id: ref, ok: true, hit, bytes: sizeBytes }, sizeBytes);
      return;
    }
    const body: ObjectBody = { fetch: ref, obj, version, ageNs: this.ageNs(obj) };
    if (heldVersion === version) ctx.network.send(this.id, to, ERROR_BYTES, MSG_NOT_MODIFIED, body);
    else ctx.network.send(this.id, to, sizeBytes, MSG_OBJECT, body);
  }

  /** How long ago the cached copy came from (or was confirmed by) the origin; 0 if none is held. */
  private ageNs(obj: number): number {
    const { ctx } = this;
    const expires = this.cache.expiresAtNs(obj);
    const ttl = ctx.catalogue.ttlNs(obj);
    if (expires === undefined || !Number.isFinite(ttl)) return 0;
    return Math.max(0, ctx.engine.now - (expires - ttl));
  }

  /** An error to a client, a refusal to a child. */
  private refuse(to: number, ref: number, heldVersion: number, reason: FailureReason): void {
    if (heldVersion === FROM_CLIENT) {
      this.reply(to, { id: ref, ok: false, hit: false, reason }, ERROR_BYTES);
      return;
    }
    const body: ObjectBody = { fetch: ref, obj: -1, version: -1 };
    this.ctx.network.send(this.id, to, ERROR_BYTES, MSG_REJECT, body);
  }

  onReject(fetchId: number): void {
    if (!this.retryAtOrigin(fetchId)) this.fail(fetchId, 'originRejected');
  }

  onFetchTimeout(fetchId: number): void {
    if (!this.retryAtOrigin(fetchId)) this.fail(fetchId, 'originTimeout');
  }

  /**
   * A parent refused a fetch (its queue full) or never answered (it failed before the
   * monitoring agents saw it): the fetch goes to the origin instead, for the same waiters, as a
   * cache hierarchy goes direct when its parent is unavailable. False if the origin was asked.
   */
  private retryAtOrigin(fetchId: number): boolean {
    const fetch = this.fetches.get(fetchId);
    if (fetch === undefined || fetch.upstream < 0) return false;
    this.ctx.engine.cancel(fetch.timer);
    this.ctx.counts.parentFallbacks++;
    // Under a new number, so that a late answer from the parent finds its fetch over.
    const retryId = this.nextFetch++;
    this.fetches.delete(fetchId);
    this.fetches.set(retryId, fetch);
    if (this.fetchOf.get(fetch.obj) === fetchId) this.fetchOf.set(fetch.obj, retryId);
    fetch.upstream = -1;
    fetch.relayed = false;
    this.sendFetch(retryId, fetch);
    return true;
  }

  /** The edge server a fetch to the origin goes through, or −1 (overlayFetches.ts). */
  private overlayRelay(): number {
    return this.ctx.overlay === null ? -1 : this.ctx.overlay.relayFor(this.id, this.origin());
  }

  /** Fetches `obj` for `job` from `upstream` (a parent server or relay), or the origin if −1. */
  private startFetch(
    obj: number,
    cacheable: boolean,
    heldVersion: number,
    job: EdgeJob,
    upstream: number,
    relayed: boolean,
  ): void {
    const fetchId = this.nextFetch++;
    const fetch: Fetch = {
      obj,
      heldVersion,
      upstream,
      relayed,
      waiters: [job.from, job.ref, job.heldVersion],
      timer: -1,
    };
    this.fetches.set(fetchId, fetch);
    if (cacheable) this.fetchOf.set(obj, fetchId);
    this.sendFetch(fetchId, fetch);
  }

  /** Sends a fetch upstream, with its timer. */
  private sendFetch(fetchId: number, fetch: Fetch): void {
    const { ctx } = this;
    const { obj, heldVersion, upstream } = fetch;
    fetch.timer = ctx.engine.schedule(
      ctx.params.originTimeoutNs,
      this.id,
      this.id,
      ctx.kinds.fetchTimeout,
      fetchId,
    );
    if (upstream < 0) ctx.counts.originFetches++;
    else if (fetch.relayed) ctx.counts.relayedFetches++;
    else ctx.counts.parentFetches++;
    const body: ConditionalFetchBody = { fetch: fetchId, obj, heldVersion };
    const to = upstream < 0 ? this.origin() : upstream;
    ctx.network.send(this.id, to, ctx.params.config.requestBytes, MSG_FETCH, body);
  }

  /** The nearest origin that is up (the nearest of all if none is: the fetch will time out). */
  private origin(): number {
    const origins = (this.originList ??= this.ctx.mapping.originsFor(this.id));
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
    for (let i = 0; i < w.length; i += 3) this.refuse(w[i], w[i + 1], w[i + 2], reason);
  }

  private reply(client: number, body: ResponseBody, sizeBytes: number): void {
    this.ctx.network.send(this.id, client, sizeBytes, MSG_RESPONSE, body);
  }
}
