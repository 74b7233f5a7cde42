/**
 * The sandbox's controls, validated with valibot: every field optional with a default, and a bad
 * field rejected with a message that names it. Plain numbers only, in the units their names
 * say; `toSandboxParams` turns them into the simulation's units (ns, bytes) in one place.
 */
import * as v from 'valibot';
import { MS, SECOND } from '../../time';
import { DEFAULT_RING_POINTS } from '../mapping/ConsistentHashRing';
import { DEFAULT_THRESHOLDS } from '../mapping/LoadTable';

const positive = (max: number) => v.pipe(v.number(), v.gtValue(0), v.maxValue(max));
const nonNegative = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * A flash crowd: the request rate of every client group is multiplied by a curve that is 1 until
 * `startSeconds`, climbs geometrically to `peakFactor` over `rampSeconds`, holds for
 * `holdSeconds`, then decays back towards 1 with the given half-life. Rates change in steps of
 * one simulated second (a Poisson process whose rate is constant within each second).
 */
const crowdSchema = v.strictObject({
  startSeconds: v.optional(nonNegative(86_400), 10),
  rampSeconds: v.optional(nonNegative(3_600), 10),
  peakFactor: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10_000)), 100),
  holdSeconds: v.optional(nonNegative(86_400), 60),
  decayHalfLifeSeconds: v.optional(positive(86_400), 30),
  /**
   * If set, the crowd's extra requests (everything above the baseline) all ask for this one
   * object, as when one story or one video suddenly becomes news; otherwise they follow the
   * catalogue's popularity like the baseline.
   */
  hotObject: v.optional(whole(0, 10_000_000)),
});

export const sandboxConfigSchema = v.strictObject({
  /** objects in the catalogue; ranks 1..N map to object ids 0..N−1 (0 the most popular) */
  catalogueObjects: v.optional(whole(1, 10_000_000), 10_000),
  /** the s of the Zipf popularity P(rank k) ∝ k^−s */
  zipfExponent: v.optional(positive(5), 0.8),
  /** median object size; every object has this size when objectSizeSigma is 0 */
  objectSizeBytes: v.optional(whole(100, 1_000_000_000), 50_000),
  /** sigma of the log-normal object sizes (0: all the same size) */
  objectSizeSigma: v.optional(nonNegative(3), 0),
  ttlSeconds: v.optional(positive(1_000_000), 300),
  /**
   * fraction of cacheable objects published under versioned names (a new version gets a new
   * URL), which may therefore be cached for ever: no TTL, never revalidated
   */
  versionedFraction: v.optional(nonNegative(1), 0),
  /** fraction of objects the origin marks uncacheable (every request for them goes to the origin) */
  uncacheableFraction: v.optional(nonNegative(1), 0.05),
  /**
   * Requests per end user per second. 2.5e-7 makes the 1.4 billion users of every scale issue
   * about 350 requests/s in total: each simulated request stands for many real ones.
   */
  requestsPerUserPerSecond: v.optional(nonNegative(1), 2.5e-7),
  /** multiplies every client group's request rate (the one "load" control) */
  loadFactor: v.optional(nonNegative(10_000), 1),
  /** a scripted flash crowd on top of the load factor (none if left out) */
  crowd: v.optional(crowdSchema),
  /** false: no CDN at all, every client group sends its requests straight to the nearest origin */
  cdn: v.optional(v.boolean(), true),
  /**
   * true: client groups resolve each object's host name through the DNS model (which must run
   * in the same world): their resolvers, the root, .net and the CDN's two tiers, whose low level
   * answers from this model's load table; the request goes to the answer's first address (the
   * next after a timeout), the answer kept for its TTL. false: the mapping's choice at once.
   */
  dns: v.optional(v.boolean(), false),
  /**
   * true: an edge server's fetches to the origin (those no parent cache takes) follow the
   * overlay (which must run in the same world): through the relay the overlay's member in its
   * data centre chose (an edge server that passes the fetch on, caching what it may) when the
   * direct path is worse or broken, else straight on (overlayFetches.ts).
   */
  overlay: v.optional(v.boolean(), false),
  /** with dns: host names a1…aN.g.akamai.net (one per customer); object k is on a(k mod N + 1) */
  dnsNames: v.optional(whole(1, 1_000), 8),
  /**
   * with dns: each answer a client group gets (`sim.clientResolved`) and each request it sends
   * (`sim.requestSent`, with the edge) is recorded as an observation, for tests (many records)
   */
  observeDns: v.optional(v.boolean(), false),
  requestBytes: v.optional(whole(1, 1_000_000), 500),
  /**
   * share of requests that open a new connection to the server they ask (the rest reuse one);
   * a new one first costs `handshakeRtts` round trips (see transport.ts)
   */
  newConnectionShare: v.optional(nonNegative(1), 0),
  handshakeRtts: v.optional(whole(0, 10), 2),
  /** lost messages are sent again after a retransmission timeout (TCP); off: lost for good */
  lossRecovery: v.optional(v.boolean(), true),
  /** a client gives up on a request after this long and counts it as failed */
  requestTimeoutSeconds: v.optional(positive(3600), 10),
  /** data centres kept per client group, nearest first, to fail over to */
  mappingCandidates: v.optional(whole(1, 64), 4),
  /** virtual points per server on each data centre's consistent-hash ring */
  ringPointsPerServer: v.optional(whole(1, 10_000), DEFAULT_RING_POINTS),
  /**
   * Parent caches (tiered distribution, see ParentTier.ts). 'none': every edge server fetches
   * its misses from the origin. 'regional': a cacheable miss goes to the object's server in the
   * region's parent data centre (one per region, the one nearest the origin), an edge server
   * like the others, and only the parent's miss goes to the origin. Uncacheable objects always
   * go to the origin, as Akamai's tiered distribution is for cacheable content only.
   */
  tiers: v.optional(v.picklist(['none', 'regional']), 'none'),
  /** per edge server */
  cacheMegabytes: v.optional(nonNegative(1_000_000), 10),
  /**
   * true: every edge cache starts full of the most popular cacheable objects that fit, as after
   * a long day of traffic (see warmCaches.ts); false: caches start empty
   */
  warmCaches: v.optional(v.boolean(), false),
  /**
   * true: each change made to the running sandbox (a failure, loss, load, a purge…) is recorded
   * as a `sim.change` observation, for marks on the sandbox page's charts (see changes.ts); off
   * by default so the labs' traces stay as they are
   */
  observeChanges: v.optional(v.boolean(), false),
  /**
   * requests per second an edge server can process: it has `edgeWorkers` workers, each taking an
   * exponential time of mean edgeWorkers / capacity per request, and `edgeQueueLength` places
   * to wait; a request finding them full gets an error ("503") at once
   */
  edgeCapacityRequestsPerSecond: v.optional(positive(1e9), 2_000),
  edgeWorkers: v.optional(whole(1, 10_000), 8),
  edgeQueueLength: v.optional(whole(0, 10_000_000), 2_000),
  /**
   * Load feedback (Dilley et al. 2002): edge servers report their load to their data centre's
   * monitor, which publishes it through the data centre's low-level name server. Above
   * `spreadThreshold` a server's hottest objects are handed out on more servers; above
   * `withdrawThreshold` the server's address is no longer handed out; a data centre whose mean
   * load is above `dataCentreThreshold` sheds the excess share of its clients to the next one.
   * Off: the mapping knows nothing about load (consistent hashing alone).
   */
  loadFeedback: v.optional(v.boolean(), true),
  loadReportSeconds: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(3_600)), 1),
  /** TTL of the low-level name servers' answers: how long a client group keeps a load view */
  lowLevelTtlSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(86_400)), 20),
  spreadThreshold: v.optional(positive(100), DEFAULT_THRESHOLDS.spread),
  withdrawThreshold: v.optional(positive(100), DEFAULT_THRESHOLDS.withdraw),
  dataCentreThreshold: v.optional(positive(100), DEFAULT_THRESHOLDS.dataCentre),
  /** an edge server answers its waiting clients with an error if the origin is silent this long */
  originTimeoutSeconds: v.optional(positive(3600), 5),
  originWorkers: v.optional(whole(1, 100_000), 8),
  /** waiting places in front of the origin's workers; an arrival finding them all taken is rejected */
  originQueueLength: v.optional(whole(0, 10_000_000), 200),
  originServiceMeanMs: v.optional(positive(3_600_000), 20),
});

export type SandboxConfigInput = v.InferInput<typeof sandboxConfigSchema>;
export type SandboxConfig = v.InferOutput<typeof sandboxConfigSchema>;
export type CrowdConfig = v.InferOutput<typeof crowdSchema>;

export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid sandbox config: ${problems.join('; ')}`);
  }
}

/** Validates untrusted config data; throws a SandboxConfigError naming every bad field. */
export function parseSandboxConfig(input: unknown = {}): SandboxConfig {
  const result = v.safeParse(sandboxConfigSchema, input);
  if (result.success) {
    const c = result.output;
    if (c.dns && !c.cdn)
      throw new SandboxConfigError([
        'delivery.dns: needs cdn (without a CDN there is no name to resolve)',
      ]);
    if (c.withdrawThreshold <= c.spreadThreshold)
      throw new SandboxConfigError([
        `delivery.withdrawThreshold: must be above spreadThreshold (${c.spreadThreshold}), got ${c.withdrawThreshold}`,
      ]);
    return c;
  }
  throw new SandboxConfigError(
    result.issues.map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      const where = path === '' ? 'delivery' : `delivery.${path}`;
      if (issue.type === 'strict_object' && issue.expected === 'never')
        return `${where}: unknown field`;
      return `${where}: ${issue.message}`;
    }),
  );
}

/** The config in simulation units. */
export interface SandboxParams {
  readonly config: SandboxConfig;
  readonly ttlNs: number;
  readonly requestTimeoutNs: number;
  readonly originTimeoutNs: number;
  readonly originServiceMeanNs: number;
  readonly cacheBytes: number;
  readonly edgeServiceMeanNs: number;
  readonly loadReportNs: number;
  readonly lowLevelTtlNs: number;
}

export function toSandboxParams(config: SandboxConfig): SandboxParams {
  return {
    config,
    ttlNs: Math.round(config.ttlSeconds * SECOND),
    requestTimeoutNs: Math.round(config.requestTimeoutSeconds * SECOND),
    originTimeoutNs: Math.round(config.originTimeoutSeconds * SECOND),
    originServiceMeanNs: Math.round(config.originServiceMeanMs * MS),
    cacheBytes: Math.floor(config.cacheMegabytes * 1_000_000),
    edgeServiceMeanNs: Math.round(
      (config.edgeWorkers / config.edgeCapacityRequestsPerSecond) * SECOND,
    ),
    loadReportNs: Math.round(config.loadReportSeconds * SECOND),
    lowLevelTtlNs: Math.round(config.lowLevelTtlSeconds * SECOND),
  };
}
