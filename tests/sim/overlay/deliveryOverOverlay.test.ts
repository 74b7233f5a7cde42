/**
 * One CDN: with `overlay: true` the delivery model's edge servers send their uncacheable origin
 * fetches along the overlay's path. In the classroom Internet of seed 3 the edge servers of
 * net-3 reach the origin's network (net-11) through net-0; when the net-0/net-11 link goes
 * silent (it carries nothing, and neither end's interface notices), BGP keeps sending the
 * traffic into it until its hold timer expires (60 to 90 s), while the overlay's probes notice
 * within seconds and its members relay through an edge server whose path still works. (Seed 3,
 * 25 s from 30 s after the silence: 3,220 origin timeouts straight on, 3 over the overlay.)
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';

const SILENT_AT = 30;
/** RON's detection takes up to about 25 s (a probe every 12 s, then 3 follow-ups 3 s apart) */
const LOOK_FROM = SILENT_AT + 30;
/** before the hold timer can have expired (60 s at the earliest) */
const LOOK_UNTIL = SILENT_AT + 55;

async function silentLink(overlay: boolean) {
  const run = new Run({
    scenario: { seed: 3, scale: 'classroom' },
    model: [
      { id: 'bgp' },
      { id: 'delivery', config: { uncacheableFraction: 0.5, overlay } },
      ...(overlay ? [{ id: 'overlay' as const }] : []),
    ],
    shards: 2,
  });
  try {
    await run.start();
    await run.advanceTo(SILENT_AT * SECOND);
    run.command({ type: 'bgp.silenceLink', networkA: 0, networkB: 11 });
    await run.advanceTo(LOOK_FROM * SECOND);
    const before = (await run.snapshot()).counters;
    await run.advanceTo(LOOK_UNTIL * SECOND);
    const after = (await run.snapshot()).counters;
    const during = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    return {
      relayed: during('delivery.relayedFetches'),
      originTimeouts: during('delivery.failures.originTimeout'),
      responses: during('delivery.responses'),
    };
  } finally {
    run.dispose();
  }
}

describe('the delivery model over the overlay', () => {
  it('relays uncacheable fetches around a silent link long before BGP notices it', async () => {
    const direct = await silentLink(false);
    const relayed = await silentLink(true);
    // Without the overlay, fetches into the silent link time out until BGP's hold timer.
    expect(direct.relayed).toBe(0);
    expect(direct.originTimeouts).toBeGreaterThan(20);
    // With it, once the probes have noticed, the edge servers relay and hardly a fetch is lost.
    expect(relayed.relayed).toBeGreaterThan(20);
    expect(relayed.originTimeouts).toBeLessThan(direct.originTimeouts / 10);
    expect(relayed.responses).toBeGreaterThan(direct.responses);
  }, 120_000);

  it('is refused, naming the overlay model, when the world does not run it', async () => {
    const run = new Run({
      scenario: { seed: 3, scale: 'classroom' },
      model: [{ id: 'delivery', config: { overlay: true } }],
      shards: 1,
    });
    try {
      await expect(run.start()).rejects.toThrow(/overlay: true needs the overlay model/);
    } finally {
      run.dispose();
    }
  });
});
