/**
 * Pacing: wall time to simulated time, for the page, the CLI and soak runs alike.
 *
 * As fast as possible: The workers should never wait for the page: the session
 * keeps one call to the workers in flight at a time, each sized to take about CHUNK_WALL_MS
 * (long enough that the per-call round trip is small beside it, short enough that Pause and
 * commands are taken within a few frames), and takes a snapshot for the display only as often
 * as it can afford: ten times a second at most, and never so often that snapshots (which cost
 * the workers time too, 10 ms and more at the 2009 scale) take more than a fifth of the time.
 * Each snapshot makes the page redraw its map, charts and tables, which on a two-core laptop
 * takes CPU from the workers: at 60 updates a second the page's main thread was measured busy
 * 70 % of the time, at the 2009 scale. Ten a second still reads as live motion.
 */

import { frameOf, type RuntimeFrame } from './frame';
import type { Run } from './Run';

/** Wall time one call to the workers should take when running flat out, ms. */
export const CHUNK_WALL_MS = 25;
/**
 * Longest chunk, simulated ns. A world with nothing to do runs each chunk in no time, so
 * without a bound chunks would quadruple until time overflowed: a minute per call still
 * crosses hours of an idle world per second.
 */
export const MAX_CHUNK_NS = 60e9;
/** Snapshots may take at most 1 / SNAPSHOT_SHARE_DIVISOR of the wall time. */
const SNAPSHOT_SHARE_DIVISOR = 5;
const MIN_INTERVAL_MS = 100;

/**
 * The next chunk of simulated time: what the last one achieved per wall ms, times the target,
 * growing at most fourfold per call (a quiet stretch must not launch a huge chunk into a busy
 * one), never longer than MAX_CHUNK_NS and never shorter than one window.
 */
export function nextChunkNs(chunkNs: number, tookMs: number, minNs: number): number {
  const grown = 4 * chunkNs;
  const fitted = tookMs > 0 ? (chunkNs / tookMs) * CHUNK_WALL_MS : grown;
  return Math.round(Math.max(minNs, Math.min(grown, fitted, MAX_CHUNK_NS)));
}

/** Whether to take a snapshot now, given when the last one ended and how long it took. */
export function snapshotDue(nowMs: number, lastEndMs: number, lastCostMs: number): boolean {
  return nowMs - lastEndMs >= Math.max(MIN_INTERVAL_MS, (SNAPSHOT_SHARE_DIVISOR - 1) * lastCostMs);
}

/** Longest wall-clock gap one paced step makes up for (after a pause in rendering), ms. */
export const MAX_FRAME_GAP_MS = 100;

/**
 * Simulated time to run for `wallMs` of wall time at `speed` (simulated ns per wall second):
 * at most MAX_FRAME_GAP_MS worth, so that a hidden tab or a stalled page does not make the
 * simulation race to catch up, and at least 1 ns, so that time always moves.
 */
export function pacedStepNs(speed: number, wallMs: number): number {
  return Math.max(1, Math.round((speed * Math.min(MAX_FRAME_GAP_MS, wallMs)) / 1000));
}

/** The simulated time a run achieves per wall second, over the last second of samples. */
export class RateMeter {
  private samples: { wall: number; sim: number }[] = [];

  /** Records where the run is at wall time `wallMs`; returns the rate, or null if too soon. */
  note(wallMs: number, simNs: number): number | null {
    this.samples.push({ wall: wallMs, sim: simNs });
    while (this.samples.length > 2 && wallMs - this.samples[0].wall > 1000) this.samples.shift();
    const first = this.samples[0];
    const span = (wallMs - first.wall) / 1000;
    return span > 0.05 ? (simNs - first.sim) / span : null;
  }
}

/**
 * Drives a Run as a page, the CLI or a soak run does: a paced step for wall time, or flat-out
 * chunks sized to keep the workers busy, with snapshots taken only as often as they can be
 * afforded (see the top of this file). It holds no timers of its own: the caller decides when
 * to call (an animation frame, a loop).
 */
export class Pacer {
  /** simulated time run per call at full speed */
  private chunkNs = 1_000_000;
  private refreshedAt = -Infinity;
  private refreshCostMs = 0;

  constructor(
    private readonly run: Run,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Runs the simulated time `speed` gives for `wallMs` of wall time, not past `limitNs`. */
  async paced(speed: number, wallMs: number, limitNs = Infinity): Promise<void> {
    const target = Math.min(this.run.now + pacedStepNs(speed, wallMs), limitNs);
    if (target > this.run.now) await this.run.advanceTo(target);
  }

  /**
   * Runs one flat-out chunk, not past `targetNs`; returns whether a frame is due (snapshotDue).
   */
  async chunk(targetNs = Infinity): Promise<boolean> {
    const t0 = this.clock();
    await this.run.advanceTo(Math.min(targetNs, this.run.now + this.chunkNs));
    this.chunkNs = nextChunkNs(this.chunkNs, this.clock() - t0, this.run.lookaheadNs);
    return snapshotDue(this.clock(), this.refreshedAt, this.refreshCostMs);
  }

  /** Takes a merged snapshot as a frame, and notes what it cost (for snapshotDue). */
  async frame(): Promise<RuntimeFrame> {
    const started = this.clock();
    const frame = frameOf(await this.run.snapshot());
    this.refreshedAt = this.clock();
    this.refreshCostMs = this.refreshedAt - started;
    return frame;
  }
}
