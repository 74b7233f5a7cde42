/**
 * What a release hides: its latent bugs, each a trigger (what has to happen for it to show) and an
 * effect (what it does then). The student never sees these up front; the rollout finds them, or
 * does not.
 *
 * The trigger kinds are the ones Wein gave for aborts at world level (Afergan, Wein, LaMeyer
 * 2005: "hardware, order of events, or corner cases", "stupid mistakes", "needing to run on 50,000
 * servers"), plus Leighton's (2009) rare content configuration and the version mix of Dilley et
 * al. (2002).
 */
import type { RandomStream } from '../../random/RandomStream';
import { logUniform, poisson } from './draws';

export const TRIGGERS = ['always', 'content', 'order', 'hardware', 'scale', 'mixed'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const EFFECTS = ['crash', 'wrong', 'leak', 'incompatible'] as const;
export type Effect = (typeof EFFECTS)[number];

export interface Bug {
  trigger: Trigger;
  effect: Effect;
  /**
   * Times per hour one eligible server meets the trigger. Eligible: runs the release; for
   * 'hardware' also has `hardwareType`; for 'scale' only once `scaleThreshold` of the network runs
   * it; for 'mixed' the rate is scaled by the share of servers whose version it cannot talk to.
   */
  ratePerServerHour: number;
  /** 'hardware' only: index into HARDWARE_TYPES */
  hardwareType?: number;
  /** 'scale' only: fraction of all servers that must run the release before it can show */
  scaleThreshold?: number;
  /** 'leak' only: hours from the leak's start to running out of memory */
  leakHours?: number;
}

export interface Release {
  bugs: Bug[];
  /**
   * The message format the release writes can be read by the version before it. False exactly when
   * a 'mixed' bug is present: that bug is the broken compatibility rule.
   */
  compatible: boolean;
}

/**
 * THE STATED DISTRIBUTION of randomised releases (docs: src/sim/models/rollout/README.md). Calibrated so
 * that, with the default phases (1, dc, 10%, world), one-hour soaks and a day's watch at world
 * scale, aborts come most often in phase one, next most at world level, and the rest in between,
 * the shape of the record in Afergan, Wein, LaMeyer 2005 (36 in phase one, 23 at world level).
 *
 * - bugs per release: Poisson with mean 1 (so about 37 % of releases are clean);
 * - trigger: always 35 % (a plain mistake: every server meets it within minutes),
 *   content 20 % (a rare content configuration or request mix), order 12 % (a rare order of
 *   events), hardware 8 % (a type on few servers), scale 15 % (shows only once 20–90 % of the
 *   network runs it), mixed 10 % (breaks the message format the old version reads);
 * - rate per eligible server-hour, log-uniform: always 2–30 (a trigger every 2–30 minutes),
 *   content 10⁻⁶–1, order 10⁻⁷–10⁻³, hardware 0.1–10, scale 0.1–10, mixed 0.1–10 (times the
 *   share of servers still on the old version);
 * - effect (for all but mixed, whose effect is 'incompatible'): crash 50 %, wrong content 25 %,
 *   slow memory leak 25 % running out of memory after 0.5–48 hours (log-uniform).
 */
export const BUG_DISTRIBUTION = {
  meanBugsPerRelease: 1,
  triggerWeights: { always: 35, content: 20, order: 12, hardware: 8, scale: 15, mixed: 10 },
  ratePerServerHour: {
    always: [2, 30],
    content: [1e-6, 1],
    order: [1e-7, 1e-3],
    hardware: [0.1, 10],
    scale: [0.1, 10],
    mixed: [0.1, 10],
  },
  scaleThreshold: [0.2, 0.9],
  effectWeights: { crash: 50, wrong: 25, leak: 25 },
  leakHours: [0.5, 48],
} as const;

/**
 * Hardware generations and their shares of servers. Bugs that need one of the common types are
 * caught before release (QA runs on them), so 'hardware' bugs pick one of the rare ones.
 */
export const HARDWARE_TYPES = [
  { name: 'gen-a', share: 0.6 },
  { name: 'gen-b', share: 0.3 },
  { name: 'old-c', share: 0.08 },
  { name: 'rare-d', share: 0.018 },
  { name: 'rare-e', share: 0.002 },
] as const;
const RARE_HARDWARE = [2, 3, 4];

function pickKey<K extends string>(rng: RandomStream, weights: Record<K, number>): K {
  const keys = Object.keys(weights) as K[];
  return keys[rng.weightedIndex(keys.map((k) => weights[k]))];
}

/** One bug of the stated distribution. */
export function drawBug(rng: RandomStream): Bug {
  const d = BUG_DISTRIBUTION;
  const trigger = pickKey(rng, d.triggerWeights);
  const bug: Bug = {
    trigger,
    effect: trigger === 'mixed' ? 'incompatible' : pickKey(rng, d.effectWeights),
    ratePerServerHour: logUniform(rng, d.ratePerServerHour[trigger]),
  };
  if (trigger === 'hardware')
    bug.hardwareType = RARE_HARDWARE[rng.int(0, RARE_HARDWARE.length - 1)];
  if (trigger === 'scale') bug.scaleThreshold = rng.uniformRange(...d.scaleThreshold);
  if (bug.effect === 'leak') bug.leakHours = logUniform(rng, d.leakHours);
  return bug;
}

/** A release of the stated distribution. */
export function drawRelease(rng: RandomStream): Release {
  const n = poisson(rng, BUG_DISTRIBUTION.meanBugsPerRelease);
  const bugs = Array.from({ length: n }, () => drawBug(rng));
  return releaseOf(bugs);
}

export function releaseOf(bugs: Bug[]): Release {
  return { bugs, compatible: !bugs.some((b) => b.trigger === 'mixed') };
}

/** A short plain description, e.g. 'content:crash@0.01/h'. */
export function describeBug(b: Bug): string {
  let s = `${b.trigger}:${b.effect}@${b.ratePerServerHour.toPrecision(2)}/h`;
  if (b.hardwareType !== undefined) s += ` on ${HARDWARE_TYPES[b.hardwareType].name}`;
  if (b.scaleThreshold !== undefined) s += ` from ${Math.round(b.scaleThreshold * 100)}%`;
  if (b.leakHours !== undefined) s += ` oom ${b.leakHours.toPrecision(2)}h`;
  return s;
}
