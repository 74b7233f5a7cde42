import { fleetLayout, type FleetLayout } from '@sim/models/rollout/fleetLayout';
import { parseBugSpec } from '@sim/models/rollout/bugSpec';
import { parsePhases } from '@sim/models/rollout/phases';
import { rolloutConfig, type RolloutConfig } from '@sim/models/rollout/rolloutConfig';
import { freshSim } from '@sim/models/rollout/RolloutSim';
import type { RolloutObservation } from '@sim/models/rollout/RolloutController';
import { generateTopology } from '@sim/topology';

const layouts = new Map<string, FleetLayout>();

/** A fleet layout, generated once per (scale, seed) for the whole test file. */
export function layoutOf(scale: string | number = 300, seed = 1): FleetLayout {
  const key = `${scale}/${seed}`;
  let l = layouts.get(key);
  if (!l) {
    l = fleetLayout(generateTopology(scale, seed));
    layouts.set(key, l);
  }
  return l;
}

export function config(
  phases = '1,dc,10%,world',
  overrides: Partial<RolloutConfig> = {},
): RolloutConfig {
  return rolloutConfig({ phases: parsePhases(phases), ...overrides });
}

/** Ships one release with the given bugs; returns its outcome, observations and the sim. */
export function ship(
  bugs: string,
  cfg: RolloutConfig = config(),
  opts: { layout?: FleetLayout; seed?: number; release?: number } = {},
) {
  const sim = freshSim(opts.layout ?? layoutOf(), cfg, opts.seed ?? 1);
  const seen: RolloutObservation[] = [];
  sim.controller.onObservation = (o) => seen.push(o);
  sim.startRelease(parseBugSpec(bugs), opts.release ?? 0);
  sim.runRelease();
  return { outcome: sim.controller.outcome!, seen, sim };
}
