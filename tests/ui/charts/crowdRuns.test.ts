import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { createSandboxRun, type SecondStats } from '@sim/models/delivery';
import {
  CrowdRuns,
  crowdDataMarks,
  runLabels,
} from '../../../src/ui/views/delivery/crowdRuns.svelte';
import { originCapacityRps } from '../../../src/ui/views/delivery/originCapacity';
import type { CrowdPoint } from '../../../src/ui/charts/crowdHistory.svelte';

/** Real per-second records from a short classroom run. */
function records(config: Record<string, unknown>): SecondStats[] {
  const r = createSandboxRun({ scale: 'classroom', seconds: 4, config }, 1);
  r.run();
  return r.sandbox.takeSeconds();
}

const frame = (timeNs: number, stats: SecondStats[], extra: unknown[] = []): RuntimeFrame =>
  ({
    timeNs,
    observations: [
      ...extra,
      ...stats.map((s) => ({ type: 'sim.second', timeNs: (s.second + 1) * 1e9, stats: s })),
    ],
  }) as unknown as RuntimeFrame;

describe('the flash-crowd charts’ runs', () => {
  const withCdn = records({ loadFactor: 2 });
  const noCdn = records({ loadFactor: 2, cdn: false });

  it('keeps the earlier run of the same step, labelled by what differs', () => {
    const runs = new CrowdRuns();
    runs.add(frame(4e9, noCdn), 'uncacheable');
    runs.add(frame(1e9, withCdn), 'uncacheable'); // time went back: a new run
    const earlier = runs.earlierOf('uncacheable');
    expect(earlier).toHaveLength(1);
    expect(earlier[0].points).toHaveLength(noCdn.length);
    expect(runs.current.points).toHaveLength(withCdn.length);
    expect(runLabels([...earlier, runs.current])).toEqual([
      'first run: no CDN (no cache lookups)',
      'second run: through the CDN',
    ]);
  });

  it('starts over, keeping no earlier run, when the same run goes back on the timeline', () => {
    const runs = new CrowdRuns();
    runs.add(frame(4e9, noCdn), 'uncacheable', 1);
    // Run 2 (a reset): the first run is kept to compare with.
    runs.add(frame(3e9, withCdn), 'uncacheable', 2);
    expect(runs.earlierOf('uncacheable')).toHaveLength(1);
    // Run 2 goes back to 1 s and replays: no third run, only the replayed points.
    runs.add(frame(1e9, withCdn.slice(0, 1)), 'uncacheable', 2);
    expect(runs.earlierOf('uncacheable')).toHaveLength(1);
    expect(runs.current.points).toHaveLength(1);
    expect(runs.earlierOf('uncacheable')[0].points).toHaveLength(noCdn.length);
  });

  it('drops a run of another step, and keeps none when the step is not named', () => {
    const runs = new CrowdRuns();
    runs.add(frame(4e9, withCdn), 'cdn');
    runs.add(frame(1e9, withCdn), 'hot');
    expect(runs.earlierOf('hot')).toEqual([]);
    expect(runs.earlierOf('cdn')).toEqual([]);
    const unnamed = new CrowdRuns();
    unnamed.add(frame(4e9, withCdn), undefined);
    unnamed.add(frame(1e9, withCdn), undefined);
    expect(unnamed.earlierOf(undefined)).toEqual([]);
  });

  it('tells runs apart by the load feedback acting, and marks what it did', () => {
    const runs = new CrowdRuns();
    const spread = { type: 'sim.contentSpread', timeNs: 2e9, dc: 0, object: 7, servers: 3 };
    runs.add(frame(4e9, withCdn, [spread]), 'hot');
    expect(runs.current.marks).toEqual([{ t: 2, label: 'object spread' }]);
    runs.add(frame(1e9, withCdn), 'hot');
    const labels = runLabels([...runs.earlierOf('hot'), runs.current]);
    expect(labels).toEqual([
      'first run: load feedback acted 1×',
      'second run: no spreads or withdrawals',
    ]);
    expect(runs.current.marks).toEqual([]);
  });

  it('falls back on the runs’ order when the frames show no difference', () => {
    const runs = new CrowdRuns();
    runs.add(frame(4e9, withCdn), 's');
    runs.add(frame(1e9, withCdn), 's');
    expect(runLabels([...runs.earlierOf('s'), runs.current])).toEqual(['first run', 'second run']);
  });
});

describe('marks from the crowd’s own data', () => {
  const point = (t: number, rps: number, busy: number, errors: number): CrowdPoint => ({
    t,
    requestsPerSecond: rps,
    originPerSecond: rps,
    originBusy: busy,
    errorRate: errors,
    hitRatio: null,
    p50Ms: null,
    p95Ms: null,
  });

  it('marks the origin filling up, errors beginning and the peak once it has passed', () => {
    const rising = [point(0, 50, 0.1, 0), point(1, 500, 1, 0), point(2, 5000, 1, 0.2)];
    expect(crowdDataMarks(rising).map((m) => m.label)).toEqual(['origin full', 'errors ≥ 1 %']);
    const after = [...rising, point(3, 4000, 1, 0.1)];
    expect(crowdDataMarks(after)).toContainEqual({ t: 2, label: 'peak 5,000/s' });
  });
});

describe('the origin’s capacity', () => {
  it('is its workers over their service time, from the model’s configuration', () => {
    expect(originCapacityRps({ originWorkers: 8, originServiceMeanMs: 20 })).toBe(400);
    expect(originCapacityRps({ originWorkers: 4, originServiceMeanMs: 50 })).toBe(80);
    expect(originCapacityRps({ originWorkers: 'many' })).toBeNull();
  });
});
