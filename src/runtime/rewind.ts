/**
 * Going to another moment of a run: back (an earlier time, one event back) or forward.
 *
 * A run is its scenario, seed and timed commands, and it is deterministic, so an earlier moment
 * is reached exactly by replaying: the run starts again at time 0 with every command it was
 * given still queued at its own time (Run.restartFromZero), and runs, as fast as the shards go,
 * to the moment. Commands given after that moment stay queued, so playing on from there applies
 * them at their times again and the run carries on as it did, until the student changes
 * something (Coordinator.command then drops them: a new future). Forward, within the run so far
 * or beyond it, is simply running on.
 *
 * Nothing of the world is saved on the way (engine and model state are not plain data: see the
 * checkpoint notes in docs/architecture.md), so going back costs the replay of the time before
 * the moment: `npm run sim -- rewind` measures it per lab. The replay runs in chunks of about
 * CHUNK_WALL_MS (pacing.ts) each, so the caller can show progress and a newer request can take over.
 */
import { nextChunkNs } from './pacing';
import type { Run, RunPosition } from './Run';

/** A moment of a run: every event before `timeNs`, then `steps` single events (Run.stepEvent). */
export interface RunMoment {
  timeNs: number;
  steps: number;
}

export interface TravelHooks {
  /** true when a newer request has replaced this one: the travel stops between chunks */
  superseded?: () => boolean;
  /** after each chunk of the way (the run stands at run.now) */
  onChunk?: (run: Run) => void | Promise<void>;
  /** the longest chunk, simulated ns (a page that shows frames on the way caps it) */
  maxChunkNs?: number;
  /** wall clock, ms (tests give their own) */
  clock?: () => number;
}

export type TravelOutcome = 'arrived' | 'superseded';

/** Whether the run can reach `to` by running on from `from` (else it must start again). */
export function reachableOnward(from: RunPosition, nowNs: number, to: RunMoment): boolean {
  if (to.timeNs > nowNs) return true;
  return to.timeNs === from.reachedNs && to.timeNs === nowNs && to.steps >= from.stepsSinceReached;
}

/**
 * Takes the run to `to`: runs on if it lies ahead, else replays from time 0. Stops between
 * chunks once `superseded` says so; the run then stands wherever it got to, a moment of the
 * same run, from which the next request goes on.
 */
export async function travelTo(
  run: Run,
  to: RunMoment,
  hooks: TravelHooks = {},
): Promise<TravelOutcome> {
  const clock = hooks.clock ?? (() => performance.now());
  const stop = hooks.superseded ?? (() => false);
  if (!reachableOnward(run.position(), run.now, to)) await run.restartFromZero();
  // Chunks sized as the flat-out pacer sizes them: long enough that a call's round trip is small
  // beside it, short enough that a newer request is taken within a few tens of milliseconds.
  // Whole nanoseconds: simulated time is an integer (a fractional window end never ends).
  const longest = Math.max(1, Math.floor(hooks.maxChunkNs ?? Infinity));
  let chunkNs = Math.min(Math.max(1, run.lookaheadNs), longest);
  while (run.now < to.timeNs) {
    if (stop()) return 'superseded';
    const started = clock();
    await run.advanceTo(Math.min(to.timeNs, run.now + chunkNs));
    chunkNs = Math.min(nextChunkNs(chunkNs, clock() - started, run.lookaheadNs), longest);
    await hooks.onChunk?.(run);
  }
  for (let done = run.position().stepsSinceReached; done < to.steps; done++) {
    if (stop()) return 'superseded';
    if (!(await run.stepEvent())) break;
  }
  return 'arrived';
}

/**
 * The moment one event before where the run stands (null at the start): where it stands, one
 * single step fewer; or, at the end of a window, the last event's time with the events at that
 * time stepped one by one up to the one before it. Takes a snapshot, and may replay the run to
 * count the events before the last one's time; the run is then left at that time.
 */
export async function momentBeforeLastEvent(
  run: Run,
  hooks: TravelHooks = {},
): Promise<RunMoment | null> {
  const at = run.position();
  if (at.stepsSinceReached > 0) return { timeNs: at.reachedNs, steps: at.stepsSinceReached - 1 };
  const { executed, lastEventNs } = await run.snapshot();
  if (executed === 0 || lastEventNs === -Infinity) return null;
  // Every event before the last one's time, then the ones at that time but the last.
  const before = { timeNs: lastEventNs, steps: 0 };
  if ((await travelTo(run, before, hooks)) === 'superseded') return null;
  const counted = (await run.snapshot()).executed;
  return { timeNs: lastEventNs, steps: executed - 1 - counted };
}

/** Wall time a travel takes before the page shows its progress, ms. */
export const SHOW_PROGRESS_AFTER_MS = 500;
