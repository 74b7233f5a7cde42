/**
 * The sandbox's routing switch: with BGP on, the bgp model runs first in the sandbox's whole
 * CDN and routes its traffic; a de-peering from the peering list (the world's peering.set) of
 * two networks that hold a BGP session ends it, BGP moves its routes, and the clients are
 * still served. The node inspector shows a network's BGP neighbours and announcements as the bgp
 * model has them, so its buttons (cut, de-peer, restore, hijack) show their effect; a hijack of
 * the origin's network turns its traffic away.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';
import { asTopologyOf } from '@sim/models/bgp';
import type { NetworkRouting } from '@sim/models/bgp/networkRouting';
import { PolicyForwarding } from '@sim/models/bgp/PolicyForwarding';
import { findNode } from '@sim/topology/places';
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
    // The overlay runs beside the CDN, and the delivery model's origin fetches follow it.
    const withOverlay = sandboxModelFor('classroom', { ...DEFAULT_SWITCHES, overlay: true });
    expect(withOverlay.map((m) => m.id)).toContain('overlay');
    expect(withOverlay.find((m) => m.id === 'delivery')?.config).toMatchObject({ overlay: true });
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

  it('shows a network’s BGP as the model has it, and its buttons act on it', async () => {
    const topology = topologyFor('classroom', 1);
    const run = new Run({
      scenario: { scale: 'classroom', seed: 1, network: SANDBOX_NETWORK },
      model: sandboxModelFor('classroom', { ...DEFAULT_SWITCHES, bgp: true }),
      shards: 2,
    });
    const routingOf = async (node: number) =>
      (await run.inspectNode(node))!.byModel.bgp as NetworkRouting;
    try {
      await run.start();
      await run.advanceTo(20 * SECOND);
      const origin = findNode(topology, 'origin@new-york');
      const net = topology.nodes[origin].network;
      const mine = await routingOf(origin);
      // The neighbours are the AS-level links of the origin's network, nothing else.
      const links = asTopologyOf(topology, 1).links.filter(
        (l) => l.a === net + 1 || l.b === net + 1,
      );
      expect(mine.neighbours.map((n) => n.network).sort()).toEqual(
        links.map((l) => (l.a === net + 1 ? l.b : l.a) - 1).sort(),
      );
      expect(mine.neighbours.every((n) => n.state === 'up')).toBe(true);
      expect(mine.announces).toEqual([`10.0.${net + 1}.0/24`]);

      // Another network announces a more specific part of the origin's prefix: the origin's
      // hosts (the first addresses of its /24) are routed to the hijacker, where there are none.
      const hijacker = topology.nodes[findNode(topology, 'client@tokyo')];
      const before = (await run.snapshot()).counters;
      const hijack = `10.0.${net + 1}.0/25`;
      run.command({ type: 'bgp.announce', network: hijacker.network, prefix: hijack });
      await run.advanceTo(60 * SECOND);
      expect((await routingOf(hijacker.id)).announces).toContain(hijack);
      const after = (await run.snapshot()).counters;
      expect(after['net.dropped.no-route'] - before['net.dropped.no-route']).toBeGreaterThan(100);
      run.command({ type: 'bgp.withdraw', network: hijacker.network, prefix: hijack });
      await run.advanceTo(200 * SECOND);
      expect((await routingOf(hijacker.id)).announces).not.toContain(hijack);

      // Cut one link: both ends see it; restore it.
      const other = mine.neighbours[0].network;
      run.command({ type: 'bgp.cutLink', networkA: net, networkB: other });
      await run.advanceTo(201 * SECOND);
      expect((await routingOf(origin)).neighbours[0].state).toBe('down');
      run.command({ type: 'bgp.restoreLink', networkA: net, networkB: other });
      await run.advanceTo(202 * SECOND);
      expect((await routingOf(origin)).neighbours[0].state).toBe('up');
    } finally {
      run.dispose();
    }
  }, 120_000);

  it('keeps cuts and de-peerings apart when routes are computed from the policy', () => {
    const topology = asTopologyOf(topologyFor('classroom', 1), 1);
    const policy = new PolicyForwarding(topology);
    const peer = topology.links.find((l) => l.rel === 'peer')!;
    const transit = topology.links.find((l) => l.rel === 'transit')!;
    policy.setLink(peer.a, peer.b, 'shut');
    policy.setLink(transit.a, transit.b, 'down');
    expect(policy.neighbours(peer.a).find((n) => n.asn === peer.b)).toEqual({
      asn: peer.b,
      rel: 'peer',
      state: 'shut',
    });
    // a is the customer: to a, b is its provider, and down; to b, a is its customer
    expect(policy.neighbours(transit.a).find((n) => n.asn === transit.b)).toMatchObject({
      rel: 'provider',
      state: 'down',
    });
    expect(policy.neighbours(transit.b).find((n) => n.asn === transit.a)?.rel).toBe('customer');
    policy.setLink(peer.a, peer.b, 'up');
    expect(policy.neighbours(peer.a).find((n) => n.asn === peer.b)?.state).toBe('up');
    expect(policy.originatedBy(peer.a)).toEqual([`10.0.${peer.a}.0/24`]);
  });
});
