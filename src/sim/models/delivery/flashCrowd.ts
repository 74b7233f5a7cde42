/**
 * The flash crowd as one set of numbers a student (or the runner) can state in requests per
 * second, turned into the sandbox's config; and a single-engine run that reports it second by
 * second. The lab and `npm run sim -- flashcrowd` build their runs here, so they agree.
 *
 * Rates are "real" requests per second; each simulated request stands for `k` real ones, so the
 * simulation issues rate / k requests per second. Capacities (origin workers and service time,
 * edge capacity) are per simulated request.
 */
import { resolveScale } from '../../topology/scales';
import type { SandboxConfigInput } from './sandboxConfig';
import { createSandboxRun } from './runSandbox';
import { mergeSeconds, summarizeSecond, type SecondSummary } from './secondStats';
import type { SandboxStats } from './sandboxStats';

export interface FlashCrowdSpec {
  scale: string | number;
  /** real requests per second before the crowd, over all client groups */
  baselineRps: number;
  /** real requests per second at the crowd's peak */
  peakRps: number;
  /** real requests per simulated request */
  k?: number;
  startSeconds: number;
  rampSeconds: number;
  holdSeconds: number;
  decayHalfLifeSeconds: number;
  /** the object the crowd's extra requests all ask for, if any */
  hotObject?: number;
  cdn: boolean;
  loadFeedback: boolean;
  /** anything else in the sandbox config (catalogue, caches, capacities...) */
  config?: SandboxConfigInput;
}

export function flashCrowdConfig(spec: FlashCrowdSpec): SandboxConfigInput {
  const users = resolveScale(spec.scale).totalUsers;
  const k = spec.k ?? 1;
  return {
    ...spec.config,
    requestsPerUserPerSecond: spec.baselineRps / k / users,
    cdn: spec.cdn,
    loadFeedback: spec.loadFeedback,
    crowd: {
      startSeconds: spec.startSeconds,
      rampSeconds: spec.rampSeconds,
      holdSeconds: spec.holdSeconds,
      decayHalfLifeSeconds: spec.decayHalfLifeSeconds,
      peakFactor: Math.max(1, spec.peakRps / spec.baselineRps),
      hotObject: spec.hotObject,
    },
  };
}

export interface FlashCrowdResult {
  scaleName: string;
  edgeServers: number;
  events: number;
  seconds: SecondSummary[];
  stats: SandboxStats;
  digest: string;
}

/** Runs the crowd for `seconds` in one engine. */
export function runFlashCrowd(
  spec: FlashCrowdSpec,
  seconds: number,
  seed: number,
): FlashCrowdResult {
  const prepared = createSandboxRun(
    { scale: spec.scale, seconds, config: flashCrowdConfig(spec) },
    seed,
  );
  const r = prepared.run();
  return {
    scaleName: r.scaleName,
    edgeServers: r.edgeServers,
    events: r.events,
    seconds: mergeSeconds(prepared.sandbox.takeSeconds()).map(summarizeSecond),
    stats: r.stats,
    digest: r.digest,
  };
}
