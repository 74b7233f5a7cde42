/**
 * The quarantine comparison on its own: every server already runs a release with a request of
 * death, nobody aborts, and one such request arrives. Without quarantine the mapping hands the
 * object from server to server and each one crashes; with each customer's content held to a
 * bounded set, the crashes stay inside that set.
 */
import { RandomStream } from '../../random/RandomStream';
import { MINUTE } from '../../time';
import type { FleetLayout } from './fleetLayout';
import { parsePhases } from './phases';
import type { RolloutConfig } from './rolloutConfig';
import { freshSim } from './RolloutSim';

export interface RequestOfDeathResult {
  quarantine: boolean;
  /** servers the request of death crashed */
  serversAffected: number;
  /** crashes that ended in a long sleep */
  longSleeps: number;
  /** requests for the object that failed */
  failedRequests: number;
  errorMinutes: number;
}

export function runRequestOfDeath(
  layout: FleetLayout,
  config: RolloutConfig,
  opts: { seed: number; quarantine: boolean; minutes?: number },
): RequestOfDeathResult {
  const sim = freshSim(
    layout,
    {
      ...config,
      phases: parsePhases('world'),
      autoAbort: false,
      quarantine: opts.quarantine,
      worldWatchNs: (opts.minutes ?? 30) * MINUTE,
    },
    opts.seed,
  );
  sim.startRelease([]);
  const rng = new RandomStream(opts.seed, 'rollout/request-of-death');
  sim.rods.start(rng.int(0, layout.node.length - 1));
  sim.runRelease();
  const o = sim.controller.outcome!;
  return {
    quarantine: opts.quarantine,
    serversAffected: sim.rods.crashed.size,
    longSleeps: o.longSleeps,
    failedRequests: sim.rods.failedRequests,
    errorMinutes: o.errorMinutes,
  };
}
