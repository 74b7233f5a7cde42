/**
 * Fixed-width time bins for charts: per bin count, sum, min and max of the values added, kept
 * in a ring of at most `capacity` bins so a long run uses bounded memory (old bins fall off).
 * Bins are aligned to multiples of binNs, so series from different nodes line up.
 */
import { assert } from '../util/assert';
import { isSimTime, nsToSeconds, type SimTime } from '../time';

/** The kept bins, oldest first, as plain arrays. Empty bins have count 0, sum 0 and NaN mean/min/max. */
export interface TimeSeriesBins {
  readonly startNs: number[];
  readonly count: number[];
  readonly sum: number[];
  readonly mean: number[];
  readonly min: number[];
  readonly max: number[];
}

/** Plain data for structuredClone; arrays are oldest bin first, min/max NaN for empty bins. */
export interface TimeSeriesSnapshot {
  readonly binNs: number;
  readonly capacity: number;
  /** Start of the oldest kept bin (0 when there are none). */
  readonly firstStartNs: number;
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export class TimeSeries {
  private readonly counts: Float64Array;
  private readonly sums: Float64Array;
  private readonly mins: Float64Array;
  private readonly maxs: Float64Array;
  /** Absolute bin number (time / binNs) of the newest kept bin. */
  private newest = 0;
  private size = 0;

  constructor(
    readonly binNs: number,
    readonly capacity: number,
  ) {
    assert(
      Number.isSafeInteger(binNs) && binNs > 0,
      `binNs must be a positive integer, got ${binNs}`,
    );
    assert(
      Number.isSafeInteger(capacity) && capacity > 0,
      `capacity must be a positive integer, got ${capacity}`,
    );
    this.counts = new Float64Array(capacity);
    this.sums = new Float64Array(capacity);
    this.mins = new Float64Array(capacity);
    this.maxs = new Float64Array(capacity);
  }

  /** Number of bins kept (at most capacity). */
  get length(): number {
    return this.size;
  }

  /**
   * Adds a value at timeNs. Time may move forward by any amount (skipped bins become empty
   * bins) and may land in any kept bin, but not before the oldest kept one.
   */
  add(timeNs: SimTime, value: number): void {
    assert(Number.isFinite(value), `time series value must be finite, got ${value}`);
    const bin = this.binOf(timeNs);
    this.advanceToBin(bin);
    const oldest = this.newest - this.size + 1;
    assert(
      bin >= oldest,
      `time ${timeNs} ns is before the oldest kept bin, which starts at ${oldest * this.binNs} ns`,
    );
    const slot = bin % this.capacity;
    this.counts[slot] += 1;
    this.sums[slot] += value;
    if (value < this.mins[slot]) this.mins[slot] = value;
    if (value > this.maxs[slot]) this.maxs[slot] = value;
  }

  /**
   * Extends the series with empty bins up to the bin holding timeNs, so a chart shows quiet
   * periods as zeros up to "now" (and, called at the start of a run, from time 0).
   */
  advanceTo(timeNs: SimTime): void {
    this.advanceToBin(this.binOf(timeNs));
  }

  /** The kept bins, oldest first. */
  bins(): TimeSeriesBins {
    const out: TimeSeriesBins = { startNs: [], count: [], sum: [], mean: [], min: [], max: [] };
    for (let bin = this.newest - this.size + 1; bin <= this.newest; bin++) {
      const slot = bin % this.capacity;
      const n = this.counts[slot];
      out.startNs.push(bin * this.binNs);
      out.count.push(n);
      out.sum.push(this.sums[slot]);
      out.mean.push(n === 0 ? NaN : this.sums[slot] / n);
      out.min.push(n === 0 ? NaN : this.mins[slot]);
      out.max.push(n === 0 ? NaN : this.maxs[slot]);
    }
    return out;
  }

  /**
   * Per-second rates per kept bin, oldest first: of 'count' gives events per second, of 'sum'
   * gives value per second (bytes added per bin → bytes per second).
   */
  rate(of: 'count' | 'sum' = 'count'): number[] {
    const seconds = nsToSeconds(this.binNs);
    const source = of === 'count' ? this.counts : this.sums;
    const out: number[] = [];
    for (let bin = this.newest - this.size + 1; bin <= this.newest; bin++) {
      out.push(source[bin % this.capacity] / seconds);
    }
    return out;
  }

  /** Drops every bin. */
  reset(): void {
    this.size = 0;
    this.newest = 0;
  }

  toSnapshot(): TimeSeriesSnapshot {
    const n = this.size;
    const count = new Float64Array(n);
    const sum = new Float64Array(n);
    const min = new Float64Array(n);
    const max = new Float64Array(n);
    const first = this.newest - n + 1;
    for (let i = 0; i < n; i++) {
      const slot = (first + i) % this.capacity;
      count[i] = this.counts[slot];
      sum[i] = this.sums[slot];
      min[i] = count[i] === 0 ? NaN : this.mins[slot];
      max[i] = count[i] === 0 ? NaN : this.maxs[slot];
    }
    return {
      binNs: this.binNs,
      capacity: this.capacity,
      firstStartNs: n === 0 ? 0 : first * this.binNs,
      count,
      sum,
      min,
      max,
    };
  }

  static fromSnapshot(s: TimeSeriesSnapshot): TimeSeries {
    const ts = new TimeSeries(s.binNs, s.capacity);
    const n = s.count.length;
    assert(
      s.sum.length === n && s.min.length === n && s.max.length === n,
      'time series snapshot arrays differ in length',
    );
    assert(
      n <= s.capacity,
      `time series snapshot has ${n} bins, more than its capacity ${s.capacity}`,
    );
    if (n === 0) return ts;
    assert(
      isSimTime(s.firstStartNs) && s.firstStartNs % s.binNs === 0,
      `time series snapshot start ${s.firstStartNs} is not a bin boundary`,
    );
    const first = s.firstStartNs / s.binNs;
    ts.advanceToBin(first + n - 1);
    ts.size = n;
    for (let i = 0; i < n; i++) {
      const slot = (first + i) % s.capacity;
      ts.counts[slot] = s.count[i];
      ts.sums[slot] = s.sum[i];
      ts.mins[slot] = s.count[i] === 0 ? Infinity : s.min[i];
      ts.maxs[slot] = s.count[i] === 0 ? -Infinity : s.max[i];
    }
    return ts;
  }

  private binOf(timeNs: SimTime): number {
    assert(isSimTime(timeNs), `time must be a non-negative integer ns, got ${timeNs}`);
    // Exact integer arithmetic: floor(t / binNs) in floating point can round up near 2^53.
    return (timeNs - (timeNs % this.binNs)) / this.binNs;
  }

  /** Makes bin the newest, emptying the slots of every bin skipped over; no-op if already kept. */
  private advanceToBin(bin: number): void {
    if (this.size > 0 && bin <= this.newest) return;
    const steps = this.size === 0 ? 1 : bin - this.newest;
    // Past a full lap every slot is reused, so clearing more than capacity slots is wasted work.
    const toClear = Math.min(steps, this.capacity);
    for (let b = bin - toClear + 1; b <= bin; b++) this.clearSlot(b % this.capacity);
    this.size = Math.min(this.capacity, this.size + steps);
    this.newest = bin;
  }

  private clearSlot(slot: number): void {
    this.counts[slot] = 0;
    this.sums[slot] = 0;
    this.mins[slot] = Infinity;
    this.maxs[slot] = -Infinity;
  }
}
