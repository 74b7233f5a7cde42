/**
 * The overlay split across workers: each member's probes, choices and flows run on the shard that
 * owns it, relays pass requests on wherever they run, and a de-peering in the middle of the run
 * changes the same paths at the same instants. One and two shards give the same digest, counters
 * and observations.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';

async function depeerWithOverlay(shards: number, seconds: number) {
  const run = new Run({
    scenario: { seed: 3, scale: 'classroom' },
    model: [
      { id: 'bgp' },
      {
        id: 'overlay',
        config: {
          summarySeconds: 15,
          flows: [
            { name: 'n0-to-n1', from: 6, to: 10, everySeconds: 2 },
            { name: 'n3-to-origin', from: 14, to: 4, everySeconds: 3, bytes: 50_000 },
          ],
        },
      },
    ],
    shards,
  });
  try {
    await run.start();
    const observations: unknown[] = [];
    for (let t = 1; t <= seconds; t++) {
      if (t - 1 === 20) run.command({ type: 'bgp.depeer', networkA: 0, networkB: 1 });
      await run.advanceTo(t * SECOND);
      const snap = await run.snapshot();
      observations.push(...snap.observations);
      if (t === seconds) return { digest: snap.digest, counters: snap.counters, observations };
    }
    throw new Error('unreachable');
  } finally {
    run.dispose();
  }
}

describe('the overlay on 1 and 2 shards', () => {
  it('gives the same digest, counters and observations', async () => {
    const one = await depeerWithOverlay(1, 60);
    const two = await depeerWithOverlay(2, 60);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
    expect(two.observations).toEqual(one.observations);
    // Not vacuous: probes were lost to the de-peering and paths changed.
    expect(one.counters['overlay.probesLost']).toBeGreaterThan(0);
    expect(one.counters['overlay.choiceChanges']).toBeGreaterThan(0);
    expect(one.counters['overlay.overlayDone']).toBeGreaterThan(0);
    expect(one.observations.some((o) => (o as { type: string }).type === 'overlay.row')).toBe(true);
  }, 120_000);
});
