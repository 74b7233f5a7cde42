import { describe, expect, it } from 'vitest';
import { solveZipfExponent, topShare, zipfShares } from '@sim/topology';
import { zipfTopShare } from '@sim/topology/userShares';

describe('Zipf user shares', () => {
  it('calibrates the exponent so that the top 30 of 13,000 networks carry half the users', () => {
    const s = solveZipfExponent(13_000);
    expect(s).toBeGreaterThan(1);
    expect(s).toBeLessThan(1.2);
    expect(topShare(zipfShares(13_000, s))).toBeCloseTo(0.5, 6);
  });

  it('matches the exact sum when the tail of the normaliser is taken as an integral', () => {
    for (const [n, s] of [
      [5000, 1],
      [13_000, 1.08],
      [40_000, 1.2],
    ]) {
      const exact = topShare(zipfShares(n, s));
      expect(zipfTopShare(n, s, 30)).toBeCloseTo(exact, 8);
    }
  });

  it('keeps classic Zipf (s = 1) for network counts too small to reach the calibration', () => {
    expect(solveZipfExponent(8)).toBe(1);
    expect(solveZipfExponent(1000)).toBe(1);
    expect(zipfTopShare(1000, 1, 30)).toBeGreaterThan(0.5);
  });

  it('gives strictly decreasing shares that sum to one', () => {
    const shares = zipfShares(2000, 1.03);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares.filter((x, i) => i > 0 && x >= shares[i - 1])).toEqual([]);
  });
});
