import { describe, expect, it } from 'vitest';
import { keyedUniform } from '@sim/util/hash';
import { chiSquare, chiSquareCritical, histogram, mean, pearson, sample } from './stats-helpers';

// Keys here mimic real use: a fixed run key and consecutive message/link numbers, which is the
// hardest case for a hash (low-entropy, highly structured inputs). N = 200,000; the mean is
// checked within 5 standard errors (SE = sqrt(1/12 / N)) and histograms at chi-square p = 1e-5.
const N = 200_000;
const KEY = 0x5eed1234;

describe('keyedUniform', () => {
  it('always returns a value in [0, 1), including for extreme arguments', () => {
    const extremes = [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1];
    for (const key of extremes)
      for (const a of extremes)
        for (const c of extremes) {
          const u = keyedUniform(key, a, 7, c);
          expect(u >= 0 && u < 1).toBe(true);
        }
    let i = 0;
    const xs = sample(N, () => keyedUniform(KEY, i++, 3, 0));
    expect(xs.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('is deterministic: the same arguments give the same value regardless of call order', () => {
    const args: [number, number, number, number][] = [
      [1, 2, 3, 4],
      [KEY, 123456789, 42, 2 ** 40],
      [0, 0, 0, 0],
    ];
    const first = args.map((a) => keyedUniform(...a));
    for (let i = 0; i < 1000; i++) keyedUniform(i, i, i, i);
    expect(args.reverse().map((a) => keyedUniform(...a))).toEqual(first.reverse());
  });

  it('has mean 1/2 over many consecutive keys', () => {
    let i = 0;
    const xs = sample(N, () => keyedUniform(KEY, i++, 17, 3));
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
  });

  it('is roughly uniform over 20 bins (chi-square) whichever argument is counted up', () => {
    for (const which of [0, 1, 2, 3]) {
      let i = 0;
      const counts = histogram(20, N, () => {
        const args = [KEY, 1000, 2000, 3000];
        args[which] += i++;
        return Math.floor(keyedUniform(args[0], args[1], args[2], args[3]) * 20);
      });
      expect(chiSquare(counts, new Array(20).fill(N / 20))).toBeLessThan(chiSquareCritical(19));
    }
  });

  it('gives uncorrelated values to neighbouring keys', () => {
    let i = 0;
    const xs = sample(N + 1, () => keyedUniform(KEY, 9, i++, 1));
    // SE of a correlation from N pairs is 1/sqrt(N) ≈ 0.0022; 5 SEs ≈ 0.011.
    expect(Math.abs(pearson(xs.subarray(0, N), xs.subarray(1)))).toBeLessThan(5 / Math.sqrt(N));
  });

  it('changes when any one of its four arguments changes, by 1 or by 2^32', () => {
    for (let t = 0; t < 1000; t++) {
      const base = [KEY + t, t * 7919, t * 104729, t * 31];
      const u = keyedUniform(base[0], base[1], base[2], base[3]);
      for (let j = 0; j < 4; j++) {
        for (const delta of j === 0 ? [1] : [1, 2 ** 32]) {
          const moved = [...base];
          moved[j] += delta;
          expect(keyedUniform(moved[0], moved[1], moved[2], moved[3])).not.toBe(u);
        }
      }
    }
  });

  it('depends on argument positions, not just on the set of values', () => {
    const perms = [
      [11, 22, 33],
      [11, 33, 22],
      [22, 11, 33],
      [22, 33, 11],
      [33, 11, 22],
      [33, 22, 11],
    ];
    const out = perms.map(([a, b, c]) => keyedUniform(5, a, b, c));
    expect(new Set(out).size).toBe(perms.length);
  });
});
