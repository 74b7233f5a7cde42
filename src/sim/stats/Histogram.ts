/**
 * A log-bucketed histogram of non-negative values (latencies in ns, sizes in bytes) in bounded
 * memory. Count, sum, mean, min and max are exact; percentiles are within
 * Histogram.RELATIVE_ERROR (1/128, under 0.8%) of the exact nearest-rank percentile.
 */
import { assert, fail } from '../util/assert';
import {
  BUCKET_COUNT,
  FIRST_POSITIVE_BUCKET,
  MIN_EXPONENT,
  MIN_TRACKED_VALUE,
  RELATIVE_ERROR,
  SUB_BUCKETS,
  SUB_BUCKET_BITS,
  VALUE_LIMIT,
  ZERO_BUCKET,
  bucketIndex,
  bucketMidpoint,
} from './logBuckets';

/**
 * Plain data (numbers and typed arrays only) so it survives structuredClone / postMessage.
 * Buckets are sparse: only non-empty ones, indices ascending. min/max/mean are NaN when empty.
 */
export interface HistogramSnapshot {
  /** Layout of the buckets, checked by fromSnapshot so incompatible data is never mixed. */
  readonly subBucketBits: number;
  readonly minExponent: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly bucketIndices: Uint32Array;
  readonly bucketCounts: Float64Array;
}

export class Histogram {
  /** Bound on |percentile(p) − exact| / exact, for values ≥ MIN_TRACKED_VALUE (and for 0). */
  static readonly RELATIVE_ERROR = RELATIVE_ERROR;
  /** Positive values below this share one bucket (absolute error under 2^-32 instead). */
  static readonly MIN_TRACKED_VALUE = MIN_TRACKED_VALUE;
  /** Values must be below 2^64. */
  static readonly VALUE_LIMIT = VALUE_LIMIT;
  /** Upper bound on the number of buckets one histogram ever allocates. */
  static readonly MAX_BUCKETS = BUCKET_COUNT;

  private total = 0;
  private totalSum = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;
  private zeroCount = 0;
  // Positive buckets live in a window [base, base + counts.length) that grows to cover the
  // indices seen, so a histogram of ns latencies spanning a few octaves costs a few KB, not
  // the full 6,000-bucket layout.
  private counts = new Float64Array(0);
  private base = FIRST_POSITIVE_BUCKET;

  /** Records value (non-negative, below 2^64) count times. */
  record(value: number, count = 1): void {
    // Tested inline, not by `assert`: its message would be built on every record.
    if (!(value >= 0 && value < VALUE_LIMIT))
      fail(`histogram values must be non-negative numbers below 2^64, got ${value}`);
    if (!(Number.isSafeInteger(count) && count >= 0))
      fail(`record count must be a non-negative integer, got ${count}`);
    if (count === 0) return;
    if (value === 0) value = 0; // −0 would otherwise surface as min = −0
    this.addToBucket(bucketIndex(value), count);
    this.total += count;
    this.totalSum += value * count;
    if (value < this.minValue) this.minValue = value;
    if (value > this.maxValue) this.maxValue = value;
  }

  get count(): number {
    return this.total;
  }

  get sum(): number {
    return this.totalSum;
  }

  /** NaN when empty. */
  get mean(): number {
    return this.total === 0 ? NaN : this.totalSum / this.total;
  }

  /** NaN when empty. */
  get min(): number {
    return this.total === 0 ? NaN : this.minValue;
  }

  /** NaN when empty. */
  get max(): number {
    return this.total === 0 ? NaN : this.maxValue;
  }

  /** Buckets currently allocated (memory use is 8 bytes each); never above MAX_BUCKETS. */
  get allocatedBuckets(): number {
    return this.counts.length;
  }

  /**
   * The nearest-rank percentile: the value of rank ceil(p·count/100) (at least 1) in sorted
   * order, reported as its bucket's midpoint clamped to [min, max]. p = 0 gives min and
   * p = 100 gives max exactly. NaN when the histogram is empty.
   */
  percentile(p: number): number {
    assert(p >= 0 && p <= 100, `percentile must be in [0, 100], got ${p}`);
    if (this.total === 0) return NaN;
    if (p === 0) return this.minValue;
    if (p === 100) return this.maxValue;
    const rank = Math.min(this.total, Math.max(1, Math.ceil((p * this.total) / 100)));
    let seen = this.zeroCount;
    if (seen >= rank) return 0;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) return this.clamp(bucketMidpoint(this.base + i));
    }
    assert(false, 'histogram bucket counts do not add up to its count');
  }

  /** Adds other's values into this one (e.g. to combine per-shard histograms). */
  merge(other: Histogram): void {
    if (other.total === 0) return;
    const counts = other.counts;
    const base = other.base;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] > 0) this.addToBucket(base + i, counts[i]);
    }
    // Read before updating: other may be this.
    const zeros = other.zeroCount;
    if (zeros > 0) this.addToBucket(ZERO_BUCKET, zeros);
    this.total += other.total;
    this.totalSum += other.totalSum;
    this.minValue = Math.min(this.minValue, other.minValue);
    this.maxValue = Math.max(this.maxValue, other.maxValue);
  }

  /** Empties the histogram and releases its buckets. */
  reset(): void {
    this.total = 0;
    this.totalSum = 0;
    this.minValue = Infinity;
    this.maxValue = -Infinity;
    this.zeroCount = 0;
    this.counts = new Float64Array(0);
    this.base = FIRST_POSITIVE_BUCKET;
  }

  toSnapshot(): HistogramSnapshot {
    let nonEmpty = this.zeroCount > 0 ? 1 : 0;
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] > 0) nonEmpty++;
    const bucketIndices = new Uint32Array(nonEmpty);
    const bucketCounts = new Float64Array(nonEmpty);
    let j = 0;
    if (this.zeroCount > 0) {
      bucketIndices[j] = ZERO_BUCKET;
      bucketCounts[j++] = this.zeroCount;
    }
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] > 0) {
        bucketIndices[j] = this.base + i;
        bucketCounts[j++] = this.counts[i];
      }
    }
    return {
      subBucketBits: SUB_BUCKET_BITS,
      minExponent: MIN_EXPONENT,
      count: this.total,
      sum: this.totalSum,
      min: this.min,
      max: this.max,
      bucketIndices,
      bucketCounts,
    };
  }

  static fromSnapshot(s: HistogramSnapshot): Histogram {
    assert(
      s.subBucketBits === SUB_BUCKET_BITS && s.minExponent === MIN_EXPONENT,
      `histogram snapshot has layout 2^${s.subBucketBits} sub-buckets from 2^${s.minExponent}, expected 2^${SUB_BUCKET_BITS} from 2^${MIN_EXPONENT}`,
    );
    assert(
      s.bucketIndices.length === s.bucketCounts.length,
      'histogram snapshot arrays differ in length',
    );
    const h = new Histogram();
    let total = 0;
    for (let j = 0; j < s.bucketIndices.length; j++) {
      const index = s.bucketIndices[j];
      const c = s.bucketCounts[j];
      assert(index < BUCKET_COUNT, `histogram snapshot bucket ${index} out of range`);
      assert(j === 0 || index > s.bucketIndices[j - 1], 'histogram snapshot buckets must ascend');
      assert(
        Number.isSafeInteger(c) && c > 0,
        `histogram snapshot bucket count must be a positive integer, got ${c}`,
      );
      h.addToBucket(index, c);
      total += c;
    }
    assert(total === s.count, `histogram snapshot count ${s.count} ≠ bucket total ${total}`);
    h.total = s.count;
    h.totalSum = s.sum;
    if (s.count > 0) {
      assert(s.min >= 0 && s.max >= s.min, `histogram snapshot has bad min/max ${s.min}/${s.max}`);
      h.minValue = s.min;
      h.maxValue = s.max;
    }
    return h;
  }

  private clamp(v: number): number {
    return v < this.minValue ? this.minValue : v > this.maxValue ? this.maxValue : v;
  }

  private addToBucket(index: number, count: number): void {
    if (index === ZERO_BUCKET) {
      this.zeroCount += count;
      return;
    }
    const offset = index - this.base;
    if (offset < 0 || offset >= this.counts.length) {
      this.grow(index);
      this.counts[index - this.base] += count;
    } else {
      this.counts[offset] += count;
    }
  }

  /** Widens the window to include index, at least doubling it so growth costs amortised O(1). */
  private grow(index: number): void {
    const oldLen = this.counts.length;
    let lo = oldLen === 0 ? index : Math.min(this.base, index);
    let hi = oldLen === 0 ? index + 1 : Math.max(this.base + oldLen, index + 1);
    const extra = Math.max(SUB_BUCKETS, 2 * oldLen) - (hi - lo);
    if (extra > 0) {
      // Extend toward the side the new index lies on: values tend to keep drifting that way.
      if (oldLen > 0 && index < this.base) lo = Math.max(FIRST_POSITIVE_BUCKET, lo - extra);
      else hi = Math.min(BUCKET_COUNT, hi + extra);
    }
    const next = new Float64Array(hi - lo);
    if (oldLen > 0) next.set(this.counts, this.base - lo);
    this.counts = next;
    this.base = lo;
  }
}
