import { describe, expect, it } from 'vitest';
import { binomialHalfWidth, buildNet, type ClassOverrides, type NodeAt } from './helpers';

const N = 20_000;
const MEAN = 3_000_000; // 3 ms
/** Infinite-bandwidth access links: nothing can queue, so any extra delay is jitter. */
const NO_QUEUE: ClassOverrides = {
  firstMile: { bandwidthBps: Infinity },
  lastMile: { bandwidthBps: Infinity },
};
const SAME_NET: NodeAt[] = [
  { city: 'seattle', network: 0, access: 'firstMile' },
  { city: 'miami', network: 0, access: 'lastMile' },
];
const TWO_NETS: NodeAt[] = [
  { city: 'seattle', network: 0, access: 'firstMile' },
  { city: 'miami', network: 1, access: 'lastMile' },
];

function excesses(nodes: NodeAt[], classes: ClassOverrides, seed = 1) {
  const merged: ClassOverrides = { ...classes };
  for (const cls of ['firstMile', 'lastMile'] as const)
    merged[cls] = { ...NO_QUEUE[cls], ...classes[cls] };
  const h = buildNet(nodes, { seed, inflation: 1.3, classes: merged });
  for (let i = 0; i < N; i++) h.sendAt(i * 100_000, 0, 1, 200);
  h.engine.run();
  const base = h.net.baseLatencyNs(0, 1, 200);
  return { h, base, excess: h.deliveries.map((d) => d.latency - base) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fractionAbove = (xs: number[], x: number) => xs.filter((v) => v > x).length / xs.length;

describe('jitter', () => {
  it('leaves every latency at exactly the base latency when its mean is 0', () => {
    const { excess } = excesses(SAME_NET, { backbone: { jitterMeanNs: 0 } });
    expect(excess).toHaveLength(N);
    expect(excess.every((e) => e === 0)).toBe(true);
  });

  it('makes latencies vary, in whole ns, and never pushes one below the base latency', () => {
    const { excess } = excesses(SAME_NET, { backbone: { jitterMeanNs: MEAN } });
    expect(excess).toHaveLength(N);
    expect(Math.min(...excess)).toBeGreaterThanOrEqual(0);
    expect(excess.every(Number.isInteger)).toBe(true);
    expect(new Set(excess).size).toBeGreaterThan(N * 0.95);
  });

  it('adds an extra delay whose mean is within four standard errors of the configured mean', () => {
    const { excess } = excesses(SAME_NET, { backbone: { jitterMeanNs: MEAN } });
    // Exponential: standard deviation = mean, so the standard error of the sample mean is MEAN/√N.
    expect(Math.abs(mean(excess) - MEAN)).toBeLessThan((4 * MEAN) / Math.sqrt(N));
  });

  it('is exponentially distributed: P(X > x) = e^(−x/mean) at several quantiles, median = mean·ln 2', () => {
    const { excess } = excesses(SAME_NET, { backbone: { jitterMeanNs: MEAN } });
    for (const k of [0.1, 0.5, 1, 2, 3]) {
      const p = Math.exp(-k);
      expect(Math.abs(fractionAbove(excess, k * MEAN) - p)).toBeLessThanOrEqual(
        binomialHalfWidth(p, N),
      );
    }
    const sorted = [...excess].sort((a, b) => a - b);
    expect(Math.abs(sorted[N / 2] / (MEAN * Math.LN2) - 1)).toBeLessThan(0.05);
  });

  it('adds up over links: two jittery backbones give a mean of twice the configured mean', () => {
    const { excess } = excesses(TWO_NETS, { backbone: { jitterMeanNs: MEAN } });
    // Sum of two independent exponentials: variance 2·MEAN², standard error MEAN·√2/√N.
    expect(Math.abs(mean(excess) - 2 * MEAN)).toBeLessThan((4 * MEAN * Math.SQRT2) / Math.sqrt(N));
    // P(X1 + X2 > m) for two Exp(mean m) = (1 + 1)·e^(−1), not e^(−1/2): the two draws are independent.
    const p = 2 * Math.exp(-1);
    expect(Math.abs(fractionAbove(excess, MEAN) - p)).toBeLessThanOrEqual(binomialHalfWidth(p, N));
  });

  it('draws jitter independently of the loss decision on the same link', () => {
    const { excess, h } = excesses(SAME_NET, { backbone: { jitterMeanNs: MEAN, lossRate: 0.5 } });
    const n = excess.length;
    expect(n + h.drops.length).toBe(N);
    // Were the same uniform used for both, survivors (u ≥ 0.5) would average MEAN·(1 + ln 2).
    expect(Math.abs(mean(excess) - MEAN)).toBeLessThan((4 * MEAN) / Math.sqrt(n));
  });

  it('repeats exactly with the same seed and differs with another', () => {
    const a = excesses(SAME_NET, { lastMile: { jitterMeanNs: MEAN } }, 7).excess;
    const b = excesses(SAME_NET, { lastMile: { jitterMeanNs: MEAN } }, 7).excess;
    const c = excesses(SAME_NET, { lastMile: { jitterMeanNs: MEAN } }, 8).excess;
    expect(b).toEqual(a);
    expect(c.filter((x, i) => x === a[i]).length).toBeLessThan(N / 100);
  });

  it('can reorder messages: jitter larger than their spacing lets a later one overtake', () => {
    const { h } = excesses(SAME_NET, { backbone: { jitterMeanNs: MEAN } });
    const order = h.deliveries.map((d) => d.msg.sentAt);
    const overtaken = order.filter((t, i) => i > 0 && t < order[i - 1]).length;
    expect(overtaken).toBeGreaterThan(0);
  });
});
