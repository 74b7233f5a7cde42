import { describe, expect, it } from 'vitest';
import { crowdFactor, mergeSeconds, type SecondStats } from '@sim/models/delivery';
import { runFlashCrowd, type FlashCrowdSpec } from '@sim/models/delivery/flashCrowd';
import { Run } from '@runtime/Run';
import { flashCrowdConfig } from '@sim/models/delivery/flashCrowd';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery';
import { SECOND } from '@sim/time';

const CROWD = {
  startSeconds: 10,
  rampSeconds: 10,
  peakFactor: 100,
  holdSeconds: 20,
  decayHalfLifeSeconds: 5,
};

describe('the crowd curve', () => {
  it('is 1 before the start, grows geometrically to the peak, holds, then halves its excess each half-life', () => {
    expect(crowdFactor(undefined, 50)).toBe(1);
    expect(crowdFactor(CROWD, 9.9)).toBe(1);
    expect(crowdFactor(CROWD, 15)).toBeCloseTo(10, 10); // halfway up: √100
    expect(crowdFactor(CROWD, 20)).toBe(100);
    expect(crowdFactor(CROWD, 39.9)).toBe(100);
    expect(crowdFactor(CROWD, 45)).toBeCloseTo(1 + 99 / 2, 10);
    expect(crowdFactor(CROWD, 50)).toBeCloseTo(1 + 99 / 4, 10);
  });
});

const originOnly = (peakRps: number): FlashCrowdSpec => ({
  scale: 'classroom',
  baselineRps: 50,
  peakRps,
  startSeconds: 5,
  rampSeconds: 10,
  holdSeconds: 10,
  decayHalfLifeSeconds: 5,
  cdn: false,
  loadFeedback: false,
  config: { originWorkers: 8, originServiceMeanMs: 20, originQueueLength: 200 },
});

describe('the crowd against the origin alone', () => {
  const r = runFlashCrowd(originOnly(2_000), 25, 3);

  it('sends every request to the origin, at the rate the curve sets', () => {
    for (const s of r.seconds) {
      expect(s.originArrivalsPerSecond).toBeGreaterThan(0.8 * s.requestsPerSecond - 10);
      expect(s.requestOffload).toBeLessThan(0.2);
    }
    const peak = r.seconds.filter((s) => s.second >= 16 && s.second < 24);
    const mean = peak.reduce((a, s) => a + s.requestsPerSecond, 0) / peak.length;
    expect(mean).toBeGreaterThan(1_850);
    expect(mean).toBeLessThan(2_150);
  });

  it('is busy in proportion to its load below c·μ = 400 requests/s, and saturates above it', () => {
    // Utilisation of an M/M/c queue is λ / (cμ) below saturation: 50 requests/s is 0.125.
    const quiet = r.seconds.filter((s) => s.second >= 1 && s.second < 5);
    const u = quiet.reduce((a, s) => a + s.originUtilisation, 0) / quiet.length;
    expect(u).toBeGreaterThan(0.08);
    expect(u).toBeLessThan(0.17);
    for (const s of r.seconds.filter((x) => x.second >= 16 && x.second < 24)) {
      expect(s.originUtilisation).toBeGreaterThan(0.99);
      expect(s.originQueue).toBeGreaterThan(150);
      // About 400 of 2,000 requests/s can be served; most of the rest are refused.
      expect(s.errorRate).toBeGreaterThan(0.6);
    }
  });
});

describe('per-second records', () => {
  it('hand over each second once, with its origin sample, even when read at whole seconds', async () => {
    const { createSandboxRun } = await import('@sim/models/delivery');
    const r = createSandboxRun(
      { scale: 'classroom', seconds: 0, config: flashCrowdConfig(originOnly(100)) },
      1,
    );
    const seen: SecondStats[] = [];
    for (let t = 1; t <= 8; t++) {
      r.world.engine.runUntil(t * SECOND);
      seen.push(...r.sandbox.takeSeconds());
    }
    const seconds = seen.map((s) => s.second);
    expect(new Set(seconds).size).toBe(seconds.length);
    expect(seconds).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Eight workers for a whole second each: the capacity of every second is complete.
    for (const s of seen) expect(s.originCapacityNs).toBe(8 * SECOND);
  });
});

describe('per-second records across shards', () => {
  it('add up to what one engine records', async () => {
    const spec = { ...originOnly(800), cdn: true, loadFeedback: true, hotObject: 3 };
    const alone = runFlashCrowd(spec, 12, 2);
    const run = new Run({
      scenario: {
        seed: 2,
        scale: 'classroom',
        network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE, lossRate: 0 } } },
      },
      model: { id: 'delivery', config: flashCrowdConfig(spec) },
      shards: 2,
    });
    await run.start();
    const records: SecondStats[] = [];
    for (let t = 3; t <= 12; t += 3) {
      await run.advanceTo(t * SECOND);
      for (const o of (await run.snapshot()).observations as { type: string; stats: SecondStats }[])
        if (o.type === 'sim.second') records.push(o.stats);
    }
    run.dispose();
    const merged = mergeSeconds(records);
    expect(merged.map((s) => s.second)).toEqual(alone.seconds.map((s) => s.second));
    merged.forEach((s, i) => {
      expect(s.requests).toBe(alone.seconds[i].requestsPerSecond);
      expect(s.originArrivals).toBe(alone.seconds[i].originArrivalsPerSecond);
    });
  });
});
