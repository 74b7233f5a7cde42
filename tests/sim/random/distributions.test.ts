import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import {
  chiSquare,
  chiSquareCritical,
  fraction,
  histogram,
  mean,
  proportionSE,
  sample,
  variance,
} from './stats-helpers';

// Tolerances: each estimate is compared with its exact value within K standard errors, where the
// standard error (SE) is derived from the distribution's known variance and N. Runs are seeded and
// thus deterministic; K = 5 means a correct implementation would fail for fewer than ~1 in 10^6
// seeds, while real bugs (wrong scale, off-by-one, modulo bias, a missing factor) shift the
// estimates by tens to hundreds of SEs at N = 200,000.
const N = 200_000;
const K = 5;
const SQRT_N = Math.sqrt(N);

const stream = (name: string) => new RandomStream(20240601, `dist/${name}`);
/** Asserts |actual − expected| < K standard errors. */
const near = (actual: number, expected: number, se: number) =>
  expect(Math.abs(actual - expected)).toBeLessThan(K * se);

describe('uniform', () => {
  const ur = stream('uniform');
  const xs = sample(N, () => ur.uniform());

  it('stays in [0, 1)', () => {
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('has mean 1/2 and variance 1/12', () => {
    // SE(mean) = sqrt(1/12 / N); SE(var) = sqrt((E(U-1/2)^4 - 1/12^2) / N) = sqrt((1/80 - 1/144) / N).
    near(mean(xs), 0.5, Math.sqrt(1 / 12) / SQRT_N);
    near(variance(xs), 1 / 12, Math.sqrt(1 / 80 - 1 / 144) / SQRT_N);
  });

  it('passes a chi-square test over 20 equal bins', () => {
    let i = 0;
    const counts = histogram(20, N, () => Math.floor(xs[i++] * 20));
    expect(chiSquare(counts, new Array(20).fill(N / 20))).toBeLessThan(chiSquareCritical(19));
  });

  it('uniformPositive stays in (0, 1] and uniformRange in [lo, hi)', () => {
    const [r, twin] = [stream('ranges'), stream('ranges')];
    const ps = sample(N, () => r.uniformPositive());
    expect(ps.every((p) => p > 0 && p <= 1)).toBe(true);
    // uniform() hits 0 with probability 2^-53, never seen here, so also check the construction.
    const mirrored = sample(N, () => 1 - twin.uniform());
    expect(ps.every((p, i) => p === mirrored[i])).toBe(true);
    expect(sample(N, () => r.uniformRange(-3, 7)).every((u) => u >= -3 && u < 7)).toBe(true);
  });
});

describe('int', () => {
  it('covers every value of [3, 9] evenly (chi-square) and never leaves the range', () => {
    const r = stream('int-small');
    const counts = histogram(7, N, () => r.int(3, 9) - 3);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chiSquare(counts, new Array(7).fill(N / 7))).toBeLessThan(chiSquareCritical(6));
  });

  it('handles a range of exactly 2^32 values with one raw draw each and no rejection', () => {
    const r = stream('int-2^32');
    const twin = stream('int-2^32');
    const lo = -(2 ** 31);
    const vs = sample(10_000, () => r.int(lo, 2 ** 31 - 1));
    expect(Array.from(vs)).toEqual(Array.from(sample(10_000, () => lo + twin.nextUint32())));
    expect(vs.every((v) => Number.isInteger(v) && v >= lo && v <= 2 ** 31 - 1)).toBe(true);
    const counts = histogram(16, N, () => Math.floor(r.int(0, 2 ** 32 - 1) / 2 ** 28));
    expect(chiSquare(counts, new Array(16).fill(N / 16))).toBeLessThan(chiSquareCritical(15));
  });

  it('has no modulo bias for a range of 3 * 2^30 values (naive modulo would give 1/2, not 1/3)', () => {
    const r = stream('int-bias');
    const vs = sample(N, () => r.int(0, 3 * 2 ** 30 - 1));
    const low = fraction(vs, (v) => v < 2 ** 30);
    near(low, 1 / 3, proportionSE(1 / 3, N));
  });

  it('is lo + x % n of the raw draws, the first below the rejection limit, for ranges up to 2^32', () => {
    // The reference: the textbook rejection with % (int() computes the remainder another way).
    const r = stream('int-exact');
    const twin = stream('int-exact');
    const sizes = [1, 2, 3, 7, 1000, 2_000_000, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 30];
    sizes.push(2 ** 32 - 5, 2 ** 32 - 1, 2 ** 32, 999_999_937);
    for (let i = 0; i < 40_000; i++) {
      // The same range many times over (as the models draw), then another.
      const n = sizes[Math.floor(i / 1000) % sizes.length];
      const lo = (i % 3) - 1;
      const limit = 2 ** 32 - (2 ** 32 % n);
      let x = twin.nextUint32();
      while (x >= limit) x = twin.nextUint32();
      expect(r.int(lo, lo + n - 1)).toBe(lo + (x % n));
    }
  });

  it('returns the only value of a single-value range', () => {
    const r = stream('int-single');
    expect(sample(1000, () => r.int(5, 5)).every((v) => v === 5)).toBe(true);
  });

  it('stays inside ranges wider than 2^32 and reaches both halves', () => {
    const r = stream('int-wide');
    const hi = 2 ** 40;
    const vs = sample(10_000, () => r.int(0, hi));
    expect(vs.every((v) => Number.isInteger(v) && v >= 0 && v <= hi)).toBe(true);
    const lowerHalf = fraction(vs, (v) => v < hi / 2);
    near(lowerHalf, 0.5, proportionSE(0.5, 10_000));
  });

  it('rejects empty and non-integer ranges', () => {
    const r = stream('int-bad');
    expect(() => r.int(2, 1)).toThrow();
    expect(() => r.int(0, 1.5)).toThrow();
    expect(() => r.int(0, 2 ** 53)).toThrow();
  });
});

describe('continuous distributions', () => {
  it('exponential has the requested mean and P(X > mean) = e^-1', () => {
    const m = 2.5;
    const r = stream('exp');
    const xs = sample(N, () => r.exponential(m));
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    // The exponential's standard deviation equals its mean: SE(mean) = m / sqrt(N).
    near(mean(xs), m, m / SQRT_N);
    const aboveMean = fraction(xs, (x) => x > m);
    near(aboveMean, Math.exp(-1), proportionSE(Math.exp(-1), N));
  });

  it('normal has the requested mean and sd, and 68.27% of draws within one sd', () => {
    const [mu, sd] = [3, 2];
    const r = stream('normal');
    const xs = sample(N, () => r.normal(mu, sd));
    // SE(mean) = sd / sqrt(N); SE(sample sd) ≈ sd / sqrt(2N) for a normal.
    near(mean(xs), mu, sd / SQRT_N);
    near(Math.sqrt(variance(xs)), sd, sd / Math.sqrt(2 * N));
    const within1sd = fraction(xs, (x) => Math.abs(x - mu) < sd);
    near(within1sd, 0.682689, proportionSE(0.682689, N));
    const std = sample(N, () => r.normal()); // defaults: mean 0, sd 1
    near(mean(std), 0, 1 / SQRT_N);
    near(Math.sqrt(variance(std)), 1, 1 / Math.sqrt(2 * N));
  });

  it('logNormal has median e^mu and mean e^(mu + sigma^2/2)', () => {
    const [mu, sigma] = [1, 0.5];
    const r = stream('lognormal');
    const xs = sample(N, () => r.logNormal(mu, sigma));
    const sorted = Float64Array.from(xs).sort();
    // log of the sample median is the median of N normals: SE = sigma * sqrt(pi / 2) / sqrt(N).
    near(Math.log(sorted[N / 2]), mu, (sigma * Math.sqrt(Math.PI / 2)) / SQRT_N);
    // Mean's SE = sd / sqrt(N), with sd = mean * sqrt(e^(sigma^2) - 1).
    const m = Math.exp(mu + sigma ** 2 / 2);
    near(mean(xs), m, (m * Math.sqrt(Math.expm1(sigma ** 2))) / SQRT_N);
  });

  it('logNormal is exp of a normal with the requested sigma', () => {
    const r = stream('lognormal-sigma');
    const logs = sample(N, () => Math.log(r.logNormal(-2, 0.7)));
    // SE(sample sd) ≈ sigma / sqrt(2N) for normal data.
    near(Math.sqrt(variance(logs)), 0.7, 0.7 / Math.sqrt(2 * N));
    near(mean(logs), -2, 0.7 / SQRT_N);
  });

  it('pareto never goes below xm, has mean alpha*xm/(alpha-1) and tail P(X > 2xm) = 2^-alpha', () => {
    const [xm, alpha] = [2, 3];
    const r = stream('pareto');
    const xs = sample(N, () => r.pareto(xm, alpha));
    expect(xs.every((x) => x >= xm)).toBe(true);
    // Variance = xm^2 alpha / ((alpha-1)^2 (alpha-2)) = 3, finite for alpha = 3, so SE(mean) = sqrt(3/N).
    near(mean(xs), (alpha * xm) / (alpha - 1), Math.sqrt(3 / N));
    for (const f of [2, 4]) {
      const tail = fraction(xs, (x) => x > f * xm);
      near(tail, f ** -alpha, proportionSE(f ** -alpha, N));
    }
  });
});

describe('discrete choices', () => {
  it('bernoulli(0.3) is true at rate 0.3, bernoulli(0) never and bernoulli(1) always', () => {
    const r = stream('bernoulli');
    const xs = sample(N, () => (r.bernoulli(0.3) ? 1 : 0));
    near(mean(xs), 0.3, proportionSE(0.3, N));
    expect(sample(10_000, () => (r.bernoulli(0) ? 1 : 0)).every((b) => b === 0)).toBe(true);
    expect(sample(10_000, () => (r.bernoulli(1) ? 1 : 0)).every((b) => b === 1)).toBe(true);
  });

  it('bernoulli(p) is true exactly when one uniform draw falls below p', () => {
    const r = stream('bernoulli-exact');
    const twin = stream('bernoulli-exact');
    const p = (j: number) => (j % 11) / 10;
    let j = 0;
    const got = sample(10_000, () => (r.bernoulli(p(j++)) ? 1 : 0));
    j = 0;
    expect(Array.from(got)).toEqual(
      Array.from(sample(10_000, () => (twin.uniform() < p(j++) ? 1 : 0))),
    );
  });

  it('weightedIndex picks indices in proportion to their weights (chi-square)', () => {
    const r = stream('weighted');
    const w = [1, 2, 3, 4];
    const counts = histogram(4, N, () => r.weightedIndex(w));
    const expected = w.map((x) => (N * x) / 10);
    expect(chiSquare(counts, expected)).toBeLessThan(chiSquareCritical(3));
  });

  it('weightedIndex never picks a zero weight and honours a precomputed total', () => {
    const r = stream('weighted-zero');
    const w = new Float64Array([0, 1, 0, 3, 0]);
    const counts = histogram(5, N, () => r.weightedIndex(w, 4));
    expect([counts[0], counts[2], counts[4]]).toEqual([0, 0, 0]);
    near(counts[3] / N, 0.75, proportionSE(0.75, N));
  });
});
