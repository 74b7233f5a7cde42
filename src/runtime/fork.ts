/**
 * Forks: a change made at an earlier moment of a run (after going back, see rewind.ts) starts a
 * new future, and the one the run had is kept as "the other run" rather than dropped, so the two
 * can be compared. Runs are deterministic, so the other run is kept as its definition alone
 * (scenario, model and its commands with their times): replayed from time 0 it passes through
 * exactly the states the run had passed through before the change, and on past it as it would
 * have gone. Nothing of the world is copied.
 */
import type { TimedCommand } from './Coordinator';
import { Run, type RunOptions } from './Run';
import type { SimCommand } from '@sim/models/commands';

/** A run as plain data: enough to replay it from time 0. */
export interface RunDefinition extends Pick<RunOptions, 'scenario' | 'model' | 'shards'> {
  /** every command of the run, with the time it takes effect */
  commands: TimedCommand[];
}

/** A fork: where the run changed, what changed, and the future it had before. */
export interface Fork {
  /** the moment of the change, simulated ns */
  atNs: number;
  /** the change (the first command of the new future) */
  change: SimCommand;
  /** how far the run had got before it went back, simulated ns */
  headNs: number;
  /** the run as it was before the change: its commands after `atNs` included */
  before: RunDefinition;
}

/**
 * The fork a change given at `nowNs` makes in a run defined by `before` (its commands before the
 * change) that had got to `headNs`, or null if it makes none: a run that has not gone back
 * stands at the furthest point it has reached, and has no other future to keep.
 */
export function forkAt(
  before: RunDefinition,
  nowNs: number,
  headNs: number,
  change: SimCommand,
): Fork | null {
  return headNs > nowNs ? { atNs: nowNs, change, headNs, before } : null;
}

/** A new run of a definition (start() replays its commands at their times from time 0). */
export function runOf(
  definition: RunDefinition,
  options: Omit<RunOptions, 'scenario' | 'model' | 'shards' | 'resume'> & { shards?: number } = {},
): Run {
  const { commands, ...def } = definition;
  return new Run({
    ...def,
    ...options,
    shards: options.shards ?? def.shards,
    resume: { reachedNs: 0, stepsSinceReached: 0, commands },
  });
}
