/** The rollout model's commands, each `<model id>.<verb>` (listed in the model, validated with every command). */
import * as v from 'valibot';
import { isBugSpec } from './bugSpec';
import { isPhaseSpec } from './phases';

const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0));
const seconds = (max: number) => v.pipe(v.number(), v.minValue(1), v.maxValue(max));
/** `bugs` and `phases` as in bugSpec.ts and phases.ts */
const bugs = v.pipe(v.string(), v.maxLength(500), v.check(isBugSpec, 'bad bug spec'));
const phases = v.pipe(v.string(), v.maxLength(200), v.check(isPhaseSpec, 'bad phases'));

export const ROLLOUT_COMMANDS = [
  /** ships a release phase by phase */
  v.object({
    type: v.literal('rollout.start'),
    bugs: v.optional(bugs),
    phases: v.optional(phases),
    soakSeconds: v.optional(seconds(604_800)),
    quarantine: v.optional(v.boolean()),
  }),
  /** the operator aborts the running rollout: every server goes back to the old version */
  v.object({ type: v.literal('rollout.abort') }),
  /** a request of death reaches an edge server (by node id) running the release */
  v.object({ type: v.literal('rollout.requestOfDeath'), server: v.optional(nodeId) }),
  v.object({
    type: v.literal('rollout.configure'),
    quarantine: v.optional(v.boolean()),
    autoAbort: v.optional(v.boolean()),
    worldWatchMinutes: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10_080))),
  }),
  /**
   * many releases, each on a fresh copy of the fleet, with the default rollout knobs but these
   * phases and soak time; the result comes back as one `sim.rolloutMonteCarlo` observation
   */
  v.object({
    type: v.literal('rollout.monteCarlo'),
    releases: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000)),
    bugs: v.optional(bugs),
    phases: v.optional(phases),
    soakSeconds: v.optional(seconds(604_800)),
    /** a name the observation carries back, to tell several runs apart */
    label: v.optional(v.pipe(v.string(), v.maxLength(100))),
  }),
] as const;

export type RolloutCommand = v.InferOutput<(typeof ROLLOUT_COMMANDS)[number]>;
