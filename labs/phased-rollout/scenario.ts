/**
 * The network and the releases of the faulty-rollouts lab: 600 edge servers (the topology
 * generator's rules at that size), one worker, and the rollout model with a soak of 30 minutes
 * and a world watch of an hour, so a release runs in a few minutes of watching. The bugs of
 * steps 1–4 are scripted (src/sim/models/rollout/bugSpec.ts), so each step shows what its prose says;
 * step 5 draws them from the model's stated distribution.
 */
import { DEFAULT_ROLLOUT_CONFIG } from '@sim/models/rollout/rolloutConfig';

export const SEED = 1;
export const SERVERS = 600;

/** Phase one is one machine, then its data centre, 10 % of the network, the world. */
export const PHASES = '1,dc,10%,world';
export const SOAK_MINUTES = 30;
export const WORLD_WATCH_MINUTES = 60;

/** What the runs of steps 1–3 start from. */
export const PHASED = {
  phases: PHASES,
  soakSeconds: SOAK_MINUTES * 60,
  worldWatchSeconds: WORLD_WATCH_MINUTES * 60,
};

/** Step 1: a release with no bug. */
export const GOOD_BUGS = 'none';
/** Step 2: the release crashes its server about twice a minute, anywhere. */
export const INSTANT_BUGS = 'always:crash:rate=120';
/**
 * Step 3: a crash that only happens once half the network runs the release (a load the staging
 * phases never reach), then about once per server every five hours.
 */
export const SCALE_BUGS = 'scale:crash:at=0.5,rate=0.2';

/** Step 4: every server already runs a clean release, nobody aborts; one request of death. */
export const ROD_MINUTES = 30;
export const QUARANTINE_SET = DEFAULT_ROLLOUT_CONFIG.quarantineSetSize;
export const ROD_RUN = (quarantine: boolean) => ({
  phases: 'world',
  autoAbort: false,
  worldWatchSeconds: ROD_MINUTES * 60,
  quarantine,
});

/** Step 5: releases per plan, drawn from the stated distribution. */
export const RELEASES = 100;
export const PRESETS = [
  { label: 'four phases, 1 h soak', phases: '1,dc,10%,world', soakSeconds: 3_600 },
  { label: 'straight to the world, 1 h soak', phases: '1,world', soakSeconds: 3_600 },
  { label: 'four phases, 4 h soak', phases: '1,dc,10%,world', soakSeconds: 14_400 },
] as const;
export type PresetLabel = (typeof PRESETS)[number]['label'];

/**
 * The student's own plan: its number of phases picks one of these (one machine first and the
 * world last, with the phases between added from the smallest), and its soak is theirs too.
 */
export const PHASES_BY_COUNT: Record<number, string> = {
  2: '1,world',
  3: '1,dc,world',
  4: '1,dc,10%,world',
  5: '1,dc,1%,10%,world',
  6: '1,dc,1%,10%,50%,world',
};
export const YOUR_PLAN = 'your plan';
export const YOUR_PLAN_START = { phases: 4, soakHours: 1 };

/** The Monte Carlo command for the student's plan. */
export function yourPlanCommand(phases: number, soakHours: number) {
  return {
    type: 'rollout.monteCarlo' as const,
    releases: RELEASES,
    phases: PHASES_BY_COUNT[phases] ?? PHASES_BY_COUNT[YOUR_PLAN_START.phases],
    soakSeconds: Math.round(soakHours * 3_600),
    label: YOUR_PLAN,
  };
}

/** Afergan, Wein and LaMeyer (2005), as Leighton (2009) retells it. */
export const PAPER = { phaseOne: 36, world: 23 };

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: { scale: SERVERS, seed: SEED },
  model: { id: 'rollout' as const, config: PHASED },
  // Two workers share the statistics step's releases (each shard runs the releases of the
  // servers it owns); the rest of the lab costs one event per bug, check and failure.
  workers: 2,
};
