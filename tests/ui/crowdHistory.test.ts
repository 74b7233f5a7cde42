import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { CrowdHistory } from '@ui/charts/crowdHistory.svelte';
import { createSandboxRun } from '@sim/models/delivery';
import type { SecondStats } from '@sim/models/delivery';

/** Real per-second records from a short classroom run. */
function records(): SecondStats[] {
  const r = createSandboxRun({ scale: 'classroom', seconds: 6, config: { loadFactor: 2 } }, 1);
  r.run();
  return r.sandbox.takeSeconds();
}

const frame = (timeNs: number, stats: SecondStats[]): RuntimeFrame =>
  ({
    timeNs,
    observations: stats.map((s) => ({
      type: 'sim.second',
      timeNs: (s.second + 1) * 1e9,
      stats: s,
    })),
  }) as unknown as RuntimeFrame;

describe('the crowd charts’ history', () => {
  const seconds = records();

  it('adds one point per second, adding up the shards’ halves of a second', () => {
    const h = new CrowdHistory();
    const half = (s: SecondStats): SecondStats => ({ ...s, requests: s.requests / 2 });
    expect(h.add(frame(3e9, [half(seconds[0]), half(seconds[0])]))).toBe(true);
    expect(h.points).toHaveLength(1);
    expect(h.points[0].requestsPerSecond).toBe(seconds[0].requests);
  });

  it('reports no change for a frame it has seen or a second it already has (no update loops)', () => {
    const h = new CrowdHistory();
    const f = frame(2e9, [seconds[0]]);
    expect(h.add(f)).toBe(true);
    expect(h.add(f)).toBe(false);
    expect(h.add(frame(2.5e9, [seconds[0]]))).toBe(false);
    expect(h.points).toHaveLength(1);
  });

  it('starts over when time goes back (a new run), and keeps at most its capacity', () => {
    const h = new CrowdHistory(3);
    h.add(frame(6e9, seconds.slice(0, 5)));
    expect(h.points.map((p) => p.t)).toEqual([2, 3, 4]);
    expect(h.add(frame(1e9, []))).toBe(true);
    expect(h.points).toHaveLength(0);
  });

  it('replaces its points whole when they change (what reads them follows), never in place', () => {
    const h = new CrowdHistory();
    h.add(frame(1e9, [seconds[0]]));
    const before = h.points;
    h.add(frame(2e9, [seconds[1]]));
    expect(h.points).not.toBe(before);
    expect(before).toHaveLength(1);
    expect(h.points).toHaveLength(2);
    const after = h.points;
    h.add(frame(2.5e9, []));
    expect(h.points).toBe(after);
  });
});
