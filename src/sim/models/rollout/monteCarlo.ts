/**
 * Many releases, each on a fresh fleet, with bugs drawn from the stated distribution (or fixed by
 * a spec): the distribution of the phase at which they are aborted, to set against Afergan, Wein
 * and LaMeyer's record (2005: 36 aborts in phase one, 23 at world level, the rest in between).
 * Release k depends only on (seed, k), so the releases can be shared among workers
 * (`monteCarloParts.ts`).
 */
import { TraceDigest } from '../../engine/TraceDigest';
import type { BugSpec } from './bugSpec';
import type { FleetLayout } from './fleetLayout';
import type { ReleaseOutcome } from './RolloutController';
import type { RolloutConfig } from './rolloutConfig';
import { freshSim } from './RolloutSim';
import { phaseLabel } from './phases';

export interface MonteCarloResult {
  releases: ReleaseOutcome[];
  /** aborts by phase, keyed '<n>:<label>' (e.g. '1:1', '4:world'), every phase listed */
  abortPhaseHistogram: Record<string, number>;
  shipped: number;
  /** shipped releases that carried at least one bug that never showed */
  shippedWithBugs: number;
  errorMinutes: number;
  digest: string;
  /** the digest as summable plain data, to add up shards' shares */
  digestPlain: { lane1: number; lane2: number; count: number };
}

export function runMonteCarlo(
  layout: FleetLayout,
  config: RolloutConfig,
  opts: {
    releases: number;
    seed: number;
    bugs: BugSpec;
    first?: number;
    /** runs only the releases k this accepts (a shard's share) */
    pick?: (k: number) => boolean;
  },
): MonteCarloResult {
  const digest = new TraceDigest();
  const releases: ReleaseOutcome[] = [];
  const first = opts.first ?? 0;
  for (let k = first; k < first + opts.releases; k++) {
    if (opts.pick && !opts.pick(k)) continue;
    const sim = freshSim(layout, config, opts.seed);
    const d = new TraceDigest();
    sim.engine.observe(d.observer);
    sim.startRelease(opts.bugs, k);
    sim.runRelease();
    digest.merge(d);
    releases.push(sim.controller.outcome!);
  }
  return summarise(releases, digest, config.phases.map(phaseLabel));
}

/** @param labels - the plan's phase labels, so every phase is listed even with no release */
export function summarise(
  releases: ReleaseOutcome[],
  digest: TraceDigest,
  labels: readonly string[],
): MonteCarloResult {
  const abortPhaseHistogram: Record<string, number> = {};
  labels.forEach((l, i) => (abortPhaseHistogram[`${i + 1}:${l}`] = 0));
  let shipped = 0;
  let shippedWithBugs = 0;
  let errorMinutes = 0;
  for (const r of releases) {
    errorMinutes += r.errorMinutes;
    if (r.aborted) abortPhaseHistogram[`${r.phaseReached}:${r.phaseLabel}`]++;
    else {
      shipped++;
      if (r.bugs.length > 0) shippedWithBugs++;
    }
  }
  return {
    releases,
    abortPhaseHistogram,
    shipped,
    shippedWithBugs,
    errorMinutes,
    digest: digest.toString(),
    digestPlain: digest.toPlain(),
  };
}
