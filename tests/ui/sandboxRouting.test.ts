/**
 * The sandbox's routing switch: with BGP on, the bgp model runs first in the sandbox's whole
 * CDN and routes its traffic; a de-peering from the peering list (the world's peering.set) of
 * two networks that hold a BGP session ends it, BGP moves its routes, and the clients are
 * still served.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';
import { asTopologyOf } from '@sim/models/bgp';
import { topologyFor } from '@sim/topology/places';
import {
  DEFAULT_SWITCHES,
  SANDBOX_NETWORK,
  sandboxModelFor,
} from '../../src/ui/sandbox/sandboxModel';

describe('the sandbox with BGP routing', () => {
  it('puts the bgp model first, and only when asked', () => {
    expect(
      sandboxModelFor('classroom', { ...DEFAULT_SWITCHES, dns: true, bgp: true }).map((m) => m.id),
    ).toEqual(['bgp', 'delivery', 'dns', 'rollout']);
    expect(sandboxModelFor('classroom').map((m) => m.id)).not.toContain('bgp');
  });

  it('serves the clients over BGP’s routes, before and after a de-peering', async () => {
    const run = new Run({
      scenario: { scale: 'classroom', seed: 1, network: SANDBOX_NETWORK },
      model: sandboxModelFor('classroom', { ...DEFAULT_SWITCHES, dns: true, bgp: true }),
      shards: 1,
    });
    try {
      await run.start();
      await run.advanceTo(20 * SECOND);
      const before = (await run.snapshot()).counters;
      expect(before['delivery.responses']).toBeGreaterThan(100);
      // Two networks with a BGP peering session stop peering (network k is AS k + 1).
      const link = asTopologyOf(topologyFor('classroom', 1), 1).links.find(
        (l) => l.rel === 'peer',
      )!;
      run.command({
        type: 'peering.set',
        networkA: link.a - 1,
        networkB: link.b - 1,
        peered: false,
      });
      await run.advanceTo(200 * SECOND);
      const after = (await run.snapshot()).counters;
      expect(after['bgp.routeChanges']).toBeGreaterThan(before['bgp.routeChanges']);
      expect(after['bgp.updates']).toBeGreaterThan(before['bgp.updates']);
      expect(after['delivery.responses'] - before['delivery.responses']).toBeGreaterThan(1_000);
    } finally {
      run.dispose();
    }
  }, 120_000);
});
