/**
 * The sandbox's controls, validated with valibot: every field optional with a default, and a bad
 * field rejected with a message that names it. Plain numbers only, in the units their names
 * say; `toSandboxParams` turns them into the simulation's units (ns, bytes) in one place.
 */
import * as v from 'valibot';
import { MS, SECOND } from '../time';

const positive = (max: number) => v.pipe(v.number(), v.gtValue(0), v.maxValue(max));
const nonNegative = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

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
  /** fraction of objects the origin marks uncacheable (every request for them goes to the origin) */
  uncacheableFraction: v.optional(nonNegative(1), 0.05),
  /**
   * Requests per end user per second. 2.5e-7 makes the 1.4 billion users of every scale issue
   * about 350 requests/s in total: each simulated request stands for many real ones.
   */
  requestsPerUserPerSecond: v.optional(nonNegative(1), 2.5e-7),
  /** multiplies every client group's request rate (the one "load" control) */
  loadFactor: v.optional(nonNegative(10_000), 1),
  requestBytes: v.optional(whole(1, 1_000_000), 500),
  /** a client gives up on a request after this long and counts it as failed */
  requestTimeoutSeconds: v.optional(positive(3600), 10),
  /** data centres kept per client group, nearest first, to fail over to */
  mappingCandidates: v.optional(whole(1, 64), 4),
  /** a data centre in the client's own network is preferred when it is at most this far away */
  ownNetworkReachKm: v.optional(nonNegative(40_000), 1_000),
  /** virtual points per server on each data centre's consistent-hash ring */
  ringPointsPerServer: v.optional(whole(1, 10_000), 128),
  /** per edge server */
  cacheMegabytes: v.optional(nonNegative(1_000_000), 10),
  edgeCapacityRequestsPerSecond: v.optional(positive(1e9), 2_000),
  /** an edge server answers its waiting clients with an error if the origin is silent this long */
  originTimeoutSeconds: v.optional(positive(3600), 5),
  originWorkers: v.optional(whole(1, 100_000), 8),
  /** waiting places in front of the origin's workers; an arrival finding them all taken is rejected */
  originQueueLength: v.optional(whole(0, 10_000_000), 200),
  originServiceMeanMs: v.optional(positive(3_600_000), 20),
});

export type SandboxConfigInput = v.InferInput<typeof sandboxConfigSchema>;
export type SandboxConfig = v.InferOutput<typeof sandboxConfigSchema>;

export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid sandbox config: ${problems.join('; ')}`);
  }
}

/** Validates untrusted config data; throws a SandboxConfigError naming every bad field. */
export function parseSandboxConfig(input: unknown = {}): SandboxConfig {
  const result = v.safeParse(sandboxConfigSchema, input);
  if (result.success) return result.output;
  throw new SandboxConfigError(
    result.issues.map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      const where = path === '' ? 'sandbox' : `sandbox.${path}`;
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
}

export function toSandboxParams(config: SandboxConfig): SandboxParams {
  return {
    config,
    ttlNs: Math.round(config.ttlSeconds * SECOND),
    requestTimeoutNs: Math.round(config.requestTimeoutSeconds * SECOND),
    originTimeoutNs: Math.round(config.originTimeoutSeconds * SECOND),
    originServiceMeanNs: Math.round(config.originServiceMeanMs * MS),
    cacheBytes: Math.floor(config.cacheMegabytes * 1_000_000),
  };
}
