/**
 * The arithmetic behind a chart's axes, kept out of the component so it can be tested: where a
 * value axis starts and ends (so reference lines stay in view and a spike can be left to run off
 * the top), how wide an axis must be for its longest label, and where event labels go without
 * overlapping.
 */

/**
 * The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k at or above `v` (v > 0): a round
 * top for an axis that leaves little of it empty (10,290 → 12,000, not 20,000).
 */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
    if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/**
 * A linear value axis: from zero (or the lowest value, if negative) to a round number above the
 * highest value and every reference line. `cap`, when given, stops the axis there even if some
 * values are higher (they run off the top): a chart can then show the shape the prose is about
 * rather than one spike.
 */
export function linearRange(
  dataMin: number | null,
  dataMax: number | null,
  references: readonly number[] = [],
  cap: number | null = null,
): [number, number] {
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const lows = [0, ...[dataMin, ...references].filter(finite)];
  let high = Math.max(...[dataMax, ...references].filter(finite), Number.NEGATIVE_INFINITY);
  const top = finite(cap) && cap > 0 ? Math.max(cap, ...references.filter(finite)) : null;
  if (top !== null) high = Math.min(high, top);
  const low = Math.min(...lows);
  if (!Number.isFinite(high) || high <= low) return [low, top ?? low + 1];
  const round = niceCeil(high * 1.05);
  return [low, top === null ? round : Math.min(round, top)];
}

/** A log value axis from the power of ten below the lowest positive value to the one above the highest. */
export function logRange(
  dataMin: number | null,
  dataMax: number | null,
  references: readonly number[] = [],
): [number, number] {
  const positive = [dataMin, dataMax, ...references].filter(
    (v): v is number => v !== null && Number.isFinite(v) && v > 0,
  );
  if (positive.length === 0) return [1, 10];
  const low = 10 ** Math.floor(Math.log10(Math.min(...positive)));
  let high = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
  if (high <= low) high = low * 10;
  return [low, high];
}

/**
 * A high quantile (`q`, e.g. 0.95) of a series' values after it first falls: for a congestion
 * window, the top of its sawtooth in congestion avoidance, leaving out the slow-start spike
 * before the first loss and the few samples of a slow start after a timeout. Null if the series
 * never fell.
 */
export function quantileAfterFirstDrop(
  values: readonly (number | null)[],
  q = 0.95,
): number | null {
  const from = firstDrop(values);
  if (from < 0) return null;
  // Counted into buckets rather than sorted: this runs once per frame over thousands of
  // points; the answer is the top of the bucket the quantile falls in (within 1/256 of the range).
  let lo = Infinity;
  let hi = -Infinity;
  let n = 0;
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
    n++;
  }
  if (hi <= lo) return hi;
  const BUCKETS = 256;
  const width = (hi - lo) / BUCKETS;
  const counts = new Uint32Array(BUCKETS);
  for (let i = from; i < values.length; i++) {
    const v = values[i];
    if (v !== null) counts[Math.min(BUCKETS - 1, Math.floor((v - lo) / width))]++;
  }
  const wanted = Math.ceil(q * n);
  let seen = 0;
  for (let k = 0; k < BUCKETS; k++) {
    seen += counts[k];
    if (seen >= wanted) return lo + (k + 1) * width;
  }
  return hi;
}

/** The index of the first value lower than the one before it (a series' first fall), or -1. */
export function firstDrop(values: readonly (number | null)[]): number {
  let previous: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (previous !== null && v < previous) return i;
    previous = v;
  }
  return -1;
}

/**
 * How wide (or tall) an axis must be: its tick length and gap plus its longest label as
 * `measure` draws it, rounded up. Labels are measured rather than guessed so "10,000 ms" is
 * never clipped to "0,000".
 */
export function axisSize(
  labels: readonly string[],
  measure: (label: string) => number,
  ticksAndGap: number,
): number {
  const widest = labels.reduce((w, l) => Math.max(w, measure(l)), 0);
  return Math.ceil(ticksAndGap + widest + 2);
}

/**
 * Rows for labels along one line (event marks at the top of a plot): each label goes in the
 * first of `rows` rows where it does not overlap the label before it, or nowhere (null) when all
 * are taken; its line is drawn anyway and the text lists it. `xs` must be in increasing order.
 */
export function labelRows(
  xs: readonly number[],
  widths: readonly number[],
  rows: number,
  gap = 4,
): (number | null)[] {
  const ends = new Array<number>(rows).fill(Number.NEGATIVE_INFINITY);
  return xs.map((x, i) => {
    const row = ends.findIndex((end) => x >= end + gap);
    if (row < 0) return null;
    ends[row] = x + widths[i];
    return row;
  });
}

/** Whether series whose highest values are `peaks` span more than `ratio`: then a log axis. */
export function spansOrders(peaks: readonly (number | null)[], ratio = 20): boolean {
  const positive = peaks.filter((v): v is number => v !== null && v > 0);
  if (positive.length < 2) return false;
  return Math.max(...positive) / Math.min(...positive) > ratio;
}
