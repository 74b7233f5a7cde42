import { describe, expect, it } from 'vitest';
import { RandomStream, streamState } from '@sim/random/RandomStream';
import { StreamRegistry } from '@sim/random/streams';
import { pearson, sample } from './stats-helpers';

const take = (r: RandomStream, n: number) => Array.from({ length: n }, () => r.nextUint32());

describe('stream independence', () => {
  it('gives different sequences to two names under the same seed', () => {
    const a = take(new RandomStream(1, 'client:1/think-time'), 16);
    const b = take(new RandomStream(1, 'client:1/object'), 16);
    expect(a).not.toEqual(b);
    // Not merely shifted copies of each other either: no value in common out of 16 × 16 pairs.
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });

  it('repeats the same sequence for the same (seed, name) in two instances', () => {
    const a = new RandomStream(99, 'topology/networks');
    const b = new RandomStream(99, 'topology/networks');
    expect(a.getState()).toEqual(b.getState());
    expect(take(a, 100)).toEqual(take(b, 100));
    expect([a.uniform(), a.normal(), a.int(0, 9)]).toEqual([b.uniform(), b.normal(), b.int(0, 9)]);
  });

  it('gives a different sequence under a different seed, even adjacent seeds', () => {
    const base = take(new RandomStream(1000, 'origin'), 16);
    expect(take(new RandomStream(1001, 'origin'), 16)).not.toEqual(base);
    expect(take(new RandomStream(0, 'origin'), 16)).not.toEqual(base);
    expect(streamState(1000, 'origin')).not.toEqual(streamState(1001, 'origin'));
  });

  it('distinguishes names that differ only in order or by an empty name', () => {
    const states = ['ab', 'ba', '', 'a', 'client:12', 'client:21'].map((n) =>
      streamState(5, n).join(','),
    );
    expect(new Set(states).size).toBe(states.length);
  });

  it('does not let creating and heavily using an unrelated registry stream change another stream', () => {
    const fresh = new StreamRegistry(314);
    const expected = take(fresh.get('client:7/requests'), 50);

    const busy = new StreamRegistry(314);
    const victim = busy.get('client:7/requests');
    const first = take(victim, 25);
    const noisy = busy.get('edge:3/jitter');
    for (let i = 0; i < 100_000; i++) noisy.uniform();
    for (let i = 0; i < 100; i++) busy.get(`client:${i}/think-time`).normal();
    expect([...first, ...take(busy.get('client:7/requests'), 25)]).toEqual(expected);
  });

  it('returns the same stream object for a name, continuing rather than restarting its sequence', () => {
    const reg = new StreamRegistry(2);
    const s = reg.get('x');
    expect(reg.get('x')).toBe(s);
    const firstTwo = take(s, 2);
    expect(reg.get('x').nextUint32()).toBe(take(new RandomStream(2, 'x'), 3)[2]);
    expect(firstTwo).toEqual(take(new RandomStream(2, 'x'), 2));
    expect(reg.seed).toBe(2);
  });

  it('rejects negative, non-integer, unsafe and non-finite seeds', () => {
    for (const seed of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => streamState(seed, 'x')).toThrow(/seed/);
      expect(() => new RandomStream(seed, 'x')).toThrow();
    }
    expect(() => streamState(0, 'x')).not.toThrow();
    expect(() => streamState(Number.MAX_SAFE_INTEGER, 'x')).not.toThrow();
  });

  it('makes consecutive-name streams client:1 and client:2 uncorrelated', () => {
    // With 10,000 independent pairs the sample correlation has SE ≈ 1/sqrt(10,000) = 0.01, so the
    // 0.05 bound is 5 SEs. Also checked at lag 1 in case one stream is a shifted copy of the other.
    const n = 10_000;
    const a = new RandomStream(77, 'client:1');
    const b = new RandomStream(77, 'client:2');
    const xs = sample(n + 1, () => a.uniform());
    const ys = sample(n + 1, () => b.uniform());
    expect(Math.abs(pearson(xs.subarray(0, n), ys.subarray(0, n)))).toBeLessThan(0.05);
    expect(Math.abs(pearson(xs.subarray(1), ys.subarray(0, n)))).toBeLessThan(0.05);
    expect(Math.abs(pearson(xs.subarray(0, n), ys.subarray(1)))).toBeLessThan(0.05);
  });

  it('makes many consecutive-name streams look independent in their first draw', () => {
    // First uniforms of client:0..client:9999 should themselves be uniform: mean 1/2 within
    // 5 SEs (SE = sqrt(1/12 / 10,000)) and uncorrelated with the next stream's first draw.
    const n = 10_000;
    let i = 0;
    const firsts = sample(n, () => new RandomStream(77, `client:${i++}`).uniform());
    const m = firsts.reduce((s, x) => s + x, 0) / n;
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(pearson(firsts.subarray(0, n - 1), firsts.subarray(1)))).toBeLessThan(0.05);
  });
});
