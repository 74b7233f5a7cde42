import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import { AssertionError } from '@sim/util/assert';
import {
  BUCKET_COUNT,
  FIRST_POSITIVE_BUCKET,
  MAX_EXPONENT,
  MIN_EXPONENT,
  MIN_TRACKED_VALUE,
  RELATIVE_ERROR,
  SUB_BUCKETS,
  VALUE_LIMIT,
  ZERO_BUCKET,
  bucketIndex,
  bucketLower,
  bucketMidpoint,
  bucketUpper,
} from '@sim/stats/logBuckets';

describe('log bucket layout', () => {
  it('states a relative error of 1/128 for 64 sub-buckets per octave', () => {
    expect(SUB_BUCKETS).toBe(64);
    expect(RELATIVE_ERROR).toBe(1 / 128);
    expect(BUCKET_COUNT).toBe(1 + (MAX_EXPONENT - MIN_EXPONENT + 1) * 64);
  });

  it('covers at least 1 to 2^53 and reserves a bucket for exactly zero', () => {
    expect(MIN_TRACKED_VALUE).toBeLessThanOrEqual(1);
    expect(VALUE_LIMIT).toBeGreaterThan(2 ** 53);
    expect(bucketIndex(0)).toBe(ZERO_BUCKET);
    expect(bucketIndex(Number.MIN_VALUE)).toBe(FIRST_POSITIVE_BUCKET);
    expect(bucketIndex(2 ** 53)).toBeLessThan(BUCKET_COUNT);
    expect(bucketIndex(VALUE_LIMIT * (1 - 2 ** -53))).toBe(BUCKET_COUNT - 1);
  });

  it('tiles the positive range: each bucket starts where the previous one ends', () => {
    for (let i = FIRST_POSITIVE_BUCKET; i < BUCKET_COUNT; i++) {
      const lo = bucketLower(i);
      expect(bucketIndex(lo)).toBe(i);
      if (i + 1 < BUCKET_COUNT) expect(bucketUpper(i)).toBe(bucketLower(i + 1));
      // The largest double below the upper bound still belongs to this bucket.
      const justBelow = bucketUpper(i) - bucketUpper(i) * 2 ** -53;
      expect(bucketIndex(justBelow)).toBe(i);
    }
  });

  it('puts every power of two at the start of its octave, whatever Math.log2 rounds to', () => {
    // From MIN_EXPONENT + 1: just below 2^MIN_EXPONENT is the shared bucket for tiny values.
    for (let e = MIN_EXPONENT + 1; e <= MAX_EXPONENT; e++) {
      const i = bucketIndex(2 ** e);
      expect(bucketLower(i)).toBe(2 ** e);
      expect(bucketIndex(2 ** e * (1 - 2 ** -53))).toBe(i - 1);
    }
  });

  it('keeps every value within 1/128 of its bucket midpoint over 60 octaves', () => {
    const rng = new RandomStream(7, 'stats/logBuckets');
    let worst = 0;
    let outside = 0;
    for (let n = 0; n < 200_000; n++) {
      const v = 2 ** rng.uniformRange(-30, 62);
      const i = bucketIndex(v);
      if (!(bucketLower(i) <= v && v < bucketUpper(i))) outside++;
      worst = Math.max(worst, Math.abs(bucketMidpoint(i) - v) / v);
    }
    expect(outside).toBe(0);
    expect(worst).toBeLessThanOrEqual(RELATIVE_ERROR);
    // The bound is tight: values at the bottom of an octave come close to it.
    expect(worst).toBeGreaterThan(0.9 * RELATIVE_ERROR);
  });

  it('rejects negative, NaN, infinite and too-large values', () => {
    for (const bad of [-1, -Number.MIN_VALUE, NaN, Infinity, VALUE_LIMIT]) {
      expect(() => bucketIndex(bad)).toThrow(AssertionError);
    }
  });
});
