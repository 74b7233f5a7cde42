import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import { ZipfSampler } from '@sim/random/ZipfSampler';
import { chiSquare, chiSquareCritical, histogram, proportionSE } from './stats-helpers';

// Seeded, hence deterministic. Goodness of fit uses the chi-square critical value at p = 1e-5 and
// proportions are checked within 5 standard errors, so only a very unlucky seed could fail a
// correct sampler; a wrong normaliser, exponent or rounding shifts counts by many SEs. The fit
// tests use N_FIT = 1,000,000 because skipping the rejection step of rejection-inversion only
// inflates rank 2 by ~2-4% (about 6-13 SEs at that N for s = 1 and 1.5, but only 3-6 at 200,000).
const N = 200_000;
const N_FIT = 1_000_000;
const K = 5;

function exactPmf(n: number, s: number): number[] {
  let norm = 0;
  for (let k = 1; k <= n; k++) norm += k ** -s;
  return Array.from({ length: n }, (_, i) => (i + 1) ** -s / norm);
}

describe('ZipfSampler', () => {
  for (const s of [1, 0.8, 1.5]) {
    it(`fits the exact pmf over n = 50 ranks for exponent ${s} (chi-square, 49 df)`, () => {
      const n = 50;
      const z = new ZipfSampler(n, s);
      const rng = new RandomStream(7, `zipf/fit/${s}`);
      const counts = histogram(n, N_FIT, () => z.sample(rng) - 1);
      const pmf = exactPmf(n, s);
      expect(
        chiSquare(
          counts,
          pmf.map((p) => p * N_FIT),
        ),
      ).toBeLessThan(chiSquareCritical(n - 1));
      // The two most popular ranks on their own, so a small bias at the head cannot hide in 49 df.
      for (const k of [0, 1]) {
        expect(Math.abs(counts[k] / N_FIT - pmf[k])).toBeLessThan(K * proportionSE(pmf[k], N_FIT));
      }
    });
  }

  it('probability() agrees with the exact pmf and sums to 1', () => {
    const z = new ZipfSampler(50, 0.8);
    const pmf = exactPmf(50, 0.8);
    let total = 0;
    for (let k = 1; k <= 50; k++) {
      expect(z.probability(k)).toBeCloseTo(pmf[k - 1], 14);
      total += z.probability(k);
    }
    expect(total).toBeCloseTo(1, 12);
  });

  it('always returns an integer rank within [1, n] across exponents and sizes', () => {
    const rng = new RandomStream(7, 'zipf/range');
    for (const n of [2, 3, 10, 1000]) {
      for (const s of [0.01, 0.5, 1, 1 + 1e-9, 2, 10]) {
        const z = new ZipfSampler(n, s);
        for (let i = 0; i < 5000; i++) {
          const k = z.sample(rng);
          if (!(Number.isInteger(k) && k >= 1 && k <= n))
            throw new Error(`rank ${k} for n=${n}, s=${s}`);
        }
      }
    }
  });

  it('reaches the last rank and is nearly uniform for a tiny exponent', () => {
    const n = 10;
    const z = new ZipfSampler(n, 1e-6);
    const rng = new RandomStream(7, 'zipf/flat');
    const counts = histogram(n, N, () => z.sample(rng) - 1);
    const expected = exactPmf(n, 1e-6).map((p) => p * N);
    expect(counts[n - 1]).toBeGreaterThan(0);
    expect(chiSquare(counts, expected)).toBeLessThan(chiSquareCritical(n - 1));
  });

  it('always returns 1 when n = 1', () => {
    const z = new ZipfSampler(1, 1.2);
    const rng = new RandomStream(7, 'zipf/one');
    const ranks = Array.from({ length: 10_000 }, () => z.sample(rng));
    expect(ranks.every((k) => k === 1)).toBe(true);
    expect(z.probability(1)).toBe(1);
  });

  it('samples a 10,000,000-object catalogue quickly, within range, with head and tail at the right rates', () => {
    const n = 10_000_000;
    // Normaliser H_n = sum 1/k for s = 1, computed here rather than through probability().
    let h = 0;
    for (let k = n; k >= 1; k--) h += 1 / k;
    const p1 = 1 / h;
    let hHead = 0; // sum over k ≤ 10^6, for the tail P(rank > 10^6) = 1 - H_{10^6} / H_n ≈ ln 10 / H_n
    for (let k = 1e6; k >= 1; k--) hHead += 1 / k;
    const pTail = 1 - hHead / h;

    const z = new ZipfSampler(n, 1);
    const rng = new RandomStream(7, 'zipf/large');
    const start = performance.now();
    let ones = 0;
    let tail = 0;
    for (let i = 0; i < N; i++) {
      const k = z.sample(rng);
      if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new Error(`rank ${k} out of range`);
      if (k === 1) ones++;
      if (k > 1e6) tail++;
    }
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(2000); // O(1) per draw: ~tens of ms; an O(n) sampler takes hours.
    expect(Math.abs(ones / N - p1)).toBeLessThan(K * proportionSE(p1, N));
    expect(Math.abs(tail / N - pTail)).toBeLessThan(K * proportionSE(pTail, N));
  });

  it('rejects n = 0, non-integer n and exponents that are not positive and finite', () => {
    expect(() => new ZipfSampler(0, 1)).toThrow();
    expect(() => new ZipfSampler(-5, 1)).toThrow();
    expect(() => new ZipfSampler(2.5, 1)).toThrow();
    expect(() => new ZipfSampler(10, 0)).toThrow();
    expect(() => new ZipfSampler(10, -1)).toThrow();
    expect(() => new ZipfSampler(10, Number.NaN)).toThrow();
    expect(() => new ZipfSampler(10, Number.POSITIVE_INFINITY)).toThrow();
  });
});
