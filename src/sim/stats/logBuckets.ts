/**
 * The bucket layout shared by every Histogram: HDR-style, each power-of-two octave split into
 * 64 equal-width sub-buckets, plus one bucket for exactly 0. Any value in a bucket is within
 * 1/128 (relative) of the bucket's midpoint, so a percentile read from buckets is too.
 */
import { fail } from '../util/assert';

/** log2 of the number of sub-buckets per octave. */
export const SUB_BUCKET_BITS = 6;
export const SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

/**
 * Octaves [2^MIN_EXPONENT, 2^(MAX_EXPONENT + 1)) are tracked: from sub-nanosecond fractions up
 * to 2^64 (beyond any byte count or ns time a run can produce).
 */
export const MIN_EXPONENT = -32;
export const MAX_EXPONENT = 63;

/** Worst-case |reported − true| / true for a value reported as its bucket's midpoint. */
export const RELATIVE_ERROR = 1 / (2 * SUB_BUCKETS);

export const ZERO_BUCKET = 0;
export const FIRST_POSITIVE_BUCKET = 1;
export const BUCKET_COUNT = 1 + (MAX_EXPONENT - MIN_EXPONENT + 1) * SUB_BUCKETS;

// Exact powers of two by repeated doubling/halving, so nothing depends on how an engine
// rounds Math.pow or Math.log2.
const POW2: number[] = [];
{
  let x = 1;
  for (let e = 0; e >= MIN_EXPONENT; e--, x /= 2) POW2[e - MIN_EXPONENT] = x;
  x = 1;
  for (let e = 0; e <= MAX_EXPONENT + 1; e++, x *= 2) POW2[e - MIN_EXPONENT] = x;
}

function pow2(e: number): number {
  return POW2[e - MIN_EXPONENT];
}

/** Smallest value with the full relative precision; smaller positive values share bucket 1. */
export const MIN_TRACKED_VALUE = pow2(MIN_EXPONENT);
/** Values must be below this. */
export const VALUE_LIMIT = pow2(MAX_EXPONENT + 1);

/** The bucket holding value (a finite number in [0, 2^64)). */
export function bucketIndex(value: number): number {
  // Tested inline, not by `assert`: its message would be built on every value.
  if (!(value >= 0 && value < VALUE_LIMIT))
    fail(`histogram value must be in [0, 2^64), got ${value}`);
  if (value === 0) return ZERO_BUCKET;
  if (value < MIN_TRACKED_VALUE) return FIRST_POSITIVE_BUCKET;
  // Math.log2 may be off by one ulp near powers of two; the exact comparisons below fix the
  // octave so the index is the same on every JavaScript engine.
  let e = Math.floor(Math.log2(value));
  if (e > MAX_EXPONENT) e = MAX_EXPONENT;
  if (e < MIN_EXPONENT) e = MIN_EXPONENT;
  if (value < pow2(e)) e--;
  else if (value >= pow2(e + 1)) e++;
  // value / 2^e is exact (a power-of-two division) and lies in [1, 2).
  const sub = Math.floor((value / pow2(e) - 1) * SUB_BUCKETS);
  return FIRST_POSITIVE_BUCKET + (e - MIN_EXPONENT) * SUB_BUCKETS + sub;
}

/** Inclusive lower bound of a bucket. */
export function bucketLower(index: number): number {
  if (index === ZERO_BUCKET) return 0;
  const k = index - FIRST_POSITIVE_BUCKET;
  const e = MIN_EXPONENT + Math.floor(k / SUB_BUCKETS);
  return pow2(e) * (1 + (k % SUB_BUCKETS) / SUB_BUCKETS);
}

/** Exclusive upper bound of a bucket (0 for the zero bucket, which holds only 0). */
export function bucketUpper(index: number): number {
  if (index === ZERO_BUCKET) return 0;
  const k = index - FIRST_POSITIVE_BUCKET;
  const e = MIN_EXPONENT + Math.floor(k / SUB_BUCKETS);
  return pow2(e) * (1 + ((k % SUB_BUCKETS) + 1) / SUB_BUCKETS);
}

/** The value reported for anything in the bucket: the midpoint, exact in binary floating point. */
export function bucketMidpoint(index: number): number {
  if (index === ZERO_BUCKET) return 0;
  const k = index - FIRST_POSITIVE_BUCKET;
  const e = MIN_EXPONENT + Math.floor(k / SUB_BUCKETS);
  return pow2(e) * (1 + ((k % SUB_BUCKETS) + 0.5) / SUB_BUCKETS);
}
