import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { RateHistory } from '../../../src/ui/charts/history.svelte';

function frame(timeNs: number, counters: Record<string, number>): RuntimeFrame {
  return {
    timeNs,
    executed: 0,
    eventsPerShard: [0],
    busyMsPerShard: [0],
    counters,
    digest: '',
    log: { entries: [], skipped: 0 },
    nodeLoad: new Float32Array(0),
    nodeUp: new Uint8Array(0),
    percentiles: { 'delivery.latencyNs': { count: 10, p50: 20e6, p95: 90e6, p99: 120e6 } },
  };
}

describe('the chart history', () => {
  it('turns counter changes between frames into rates over simulated time', () => {
    const h = new RateHistory(10, 1);
    h.add(frame(0, { 'delivery.requests': 0, 'delivery.hits': 0, 'delivery.misses': 0 }));
    h.add(
      frame(2e9, {
        'delivery.requests': 500,
        'delivery.hits': 100,
        'delivery.misses': 300,
        'delivery.originBusyNs': 4e9,
        'delivery.originCapacityNs': 16e9,
      }),
    );
    expect(h.points).toEqual([
      { t: 2, requestsPerSecond: 250, hitRatio: 0.25, originBusy: 0.25, p50Ms: 20, p95Ms: 90 },
    ]);
  });

  it('says “no data” rather than inventing a ratio when nothing was looked up', () => {
    const h = new RateHistory(10, 1);
    h.add(frame(0, {}));
    h.add(frame(1e9, {}));
    expect(h.points[0].hitRatio).toBeNull();
    expect(h.points[0].originBusy).toBeNull();
  });

  it('stays bounded, merges frames that are too close, and starts over after a reset', () => {
    const h = new RateHistory(5, 100);
    for (let t = 0; t <= 2000; t += 10) h.add(frame(t, { 'delivery.requests': t }));
    expect(h.points).toHaveLength(5);
    expect(h.points.every((p, i) => i === 0 || p.t - h.points[i - 1].t >= 99.999 / 1e9)).toBe(true);
    h.add(frame(0, {}));
    expect(h.points).toHaveLength(0);
  });
});
