/**
 * Pacing for "as fast as possible". The workers should never wait for the page: the session
 * keeps one call to the workers in flight at a time, each sized to take about CHUNK_WALL_MS
 * (long enough that the per-call round trip is small beside it, short enough that Pause and
 * commands are taken within a few frames), and takes a snapshot for the display only as often
 * as it can afford: ten times a second at most, and never so often that snapshots (which cost
 * the workers time too, 10 ms and more at the 2009 scale) take more than a fifth of the time.
 * Each snapshot makes the page redraw its map, charts and tables, which on a two-core laptop
 * takes CPU from the workers: at 60 updates a second the page's main thread was measured busy
 * 70 % of the time, at the 2009 scale. Ten a second still reads as live motion.
 */

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
