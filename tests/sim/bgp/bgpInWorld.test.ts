/**
 * The bgp model in a world (issue 18, first step): BGP's forwarding tables route the world's
 * messages. In the classroom Internet of seed 3 the origin's hosting network (net-11, AS12) buys
 * transit from the tier-1s net-0 and net-1; the edges of net-3 reach it through net-0. Cutting
 * net-0's link to net-11 leaves net-0 a path through its peer net-1: one AS longer, and slower.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { parseModelCommand } from '@sim/model/SimModel';
import { bgpModel } from '@sim/models/bgp/model';
import { installBgpModel, type BgpServices } from '@sim/models/bgp/worldBgp';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { applyCommand, type WorldCommand } from '@sim/models/commands';
import { MINUTE, MS, SECOND } from '@sim/time';

const SCENARIO = { seed: 3, scale: 'classroom' as const };
const CUT = { networkA: 0, networkB: 11 };

function world(config: Parameters<typeof installBgpModel>[2] = {}) {
  const w = buildWorld(parseScenario(SCENARIO));
  const context = {
    ownsNode: () => true,
    peer: <S extends object>(): S => {
      throw new Error('no peers here');
    },
    changeWorld: (cmd: WorldCommand) => applyCommand(w, cmd),
  };
  const model = installBgpModel(w, context, config);
  const services = model.services as BgpServices;
  const origin = w.topology.nodes.find((n) => n.kind === 'origin')!.id;
  const edge = w.topology.nodes.find((n) => n.kind === 'edge' && n.network === 3)!.id;
  const command = (cmd: unknown) => model.command!(parseModelCommand(bgpModel, cmd));
  return { w, model, services, origin, edge, command };
}

describe('the bgp model routes the world', () => {
  it('installs BGP routes: the path follows the AS path, with its backbones and interconnects', () => {
    const { w, services, origin, edge } = world();
    expect(w.routes.provider.name).toBe('bgp');
    expect(services.asPath(edge, origin)).toEqual([3, 0, 11]);
    const route = w.routes.route(edge, origin);
    expect(route.noRouteAt).toBeNull();
    expect(route.hops).toEqual([
      'access:edge:frankfurt-n3-1',
      'backbone:net-3',
      'peering:net-0/net-3@europe',
      'backbone:net-0',
      'peering:net-0/net-11@europe',
      'backbone:net-11',
      'access:origin:new-york',
    ]);
  });

  it('drops what is sent over a cut link until BGP converges, then takes a longer, slower path', () => {
    const { w, services, origin, edge, command } = world();
    const before = w.routes.rttNs(edge, origin, 100);
    w.engine.runUntil(10 * SECOND);
    command({ type: 'bgp.cutLink', ...CUT });
    // net-0's table still points at the link: nothing gets through.
    expect(w.routes.route(edge, origin).noRouteAt).toBe('peering:net-0/net-11');
    const msg = w.network.send(edge, origin, 100, 'test');
    expect(w.network.counts.byReason['no-route']).toBe(1);
    expect(msg.hop).toBe(0);
    // After net-0's batch of route processing (50 ms) it goes round through net-1.
    w.engine.runUntil(10 * SECOND + 200 * MS);
    expect(services.asPath(edge, origin)).toEqual([3, 0, 1, 11]);
    const after = w.routes.rttNs(edge, origin, 100);
    expect(after).toBeGreaterThan(before);
    // The cable itself carries nothing: what was on its way over it is lost there.
    expect(w.network.linkById('peering:net-0/net-11@europe')!.up).toBe(false);
    // Restored: a new session two round trips later, and the short path back.
    command({ type: 'bgp.restoreLink', ...CUT });
    w.engine.runUntil(12 * SECOND);
    expect(services.asPath(edge, origin)).toEqual([3, 0, 11]);
    expect(w.routes.rttNs(edge, origin, 100)).toBe(before);
  });

  it('notices a link gone silent when the hold timer expires, or within a second with BFD', () => {
    const broken = (s: BgpServices, edge: number, origin: number) =>
      s.asPath(edge, origin).join(' ');
    const { w, services, origin, edge, command } = world();
    w.engine.runUntil(10 * SECOND);
    command({ type: 'bgp.silenceLink', ...CUT });
    // Nothing crosses, but neither end knows: the tables still point at the link.
    expect(w.network.linkById('peering:net-0/net-11@europe')!.up).toBe(false);
    expect(w.routes.route(edge, origin).noRouteAt).toBe('peering:net-0/net-11');
    // RFC 4271 §10: a hold time of 90 s with keepalives every 30 s notices the silence between
    // 60 and 90 s after it.
    w.engine.runUntil(10 * SECOND + 59 * SECOND);
    expect(w.routes.route(edge, origin).noRouteAt).toBe('peering:net-0/net-11');
    w.engine.runUntil(10 * SECOND + 91 * SECOND);
    expect(broken(services, edge, origin)).toBe('3 0 1 11');
    command({ type: 'bgp.restoreLink', ...CUT });
    w.engine.runUntil(2 * MINUTE);
    expect(broken(services, edge, origin)).toBe('3 0 11');

    const bfd = world({ bfd: true });
    bfd.w.engine.runUntil(10 * SECOND);
    bfd.command({ type: 'bgp.silenceLink', ...CUT });
    bfd.w.engine.runUntil(11 * SECOND);
    expect(broken(bfd.services, bfd.edge, bfd.origin)).toBe('3 0 1 11');
  });

  it('loses a message on its way over the link when the cable is cut', () => {
    const { w, origin, edge, command } = world();
    w.network.send(edge, origin, 100, 'test');
    // It waits at the first peering point (net-3 to net-0), then would cross net-0's to net-11.
    command({ type: 'bgp.cutLink', ...CUT });
    w.engine.runUntil(SECOND);
    expect(w.network.counts.byReason['link-down']).toBe(1);
    expect(w.network.counts.delivered).toBe(0);
  });

  it("hears the world's de-peering: the two tier-1s' single-homed customers lose each other", () => {
    const { w, model, services } = world();
    // net-10 (the CDN's core) buys only from net-0, net-8 (the root operators) only from net-1.
    const [cdn, root] = [2, 0];
    expect(services.asPath(cdn, root)).toEqual([10, 0, 1, 8]);
    const depeer = { type: 'peering.set' as const, networkA: 0, networkB: 1, peered: false };
    applyCommand(w, depeer);
    model.networkChanged!(depeer);
    w.engine.runUntil(5 * MINUTE);
    // Valley-free export: net-2 does not pass one peer's routes to another. Cogent and Telia, 2008.
    expect(services.asPath(cdn, root)).toEqual([]);
    expect(w.routes.route(cdn, root).noRouteAt).toBe('backbone:net-10');
    const repeer = { ...depeer, peered: true };
    applyCommand(w, repeer);
    model.networkChanged!(repeer);
    w.engine.runUntil(6 * MINUTE);
    expect(services.asPath(cdn, root)).toEqual([10, 0, 1, 8]);
  });

  it('names a network or link that does not exist', () => {
    const { command } = world();
    expect(() => command({ type: 'bgp.cutLink', networkA: 0, networkB: 99 })).toThrow(
      /no network net-99/,
    );
    expect(() => command({ type: 'bgp.depeer', networkA: 11, networkB: 12 })).toThrow(
      /no AS-level link between net-11 and net-12/,
    );
    expect(() => command({ type: 'bgp.announce', network: 2, prefix: '10.0.12.1/24' })).toThrow(
      /bits set beyond/,
    );
  });

  it('a more specific announcement takes the traffic to the hijacker, which drops it', () => {
    const { w, origin, edge, command } = world();
    // net-11 is AS12: 10.0.12.0/24; net-2 announces the half its first hosts are in.
    command({ type: 'bgp.announce', network: 2, prefix: '10.0.12.0/25' });
    w.engine.runUntil(60 * SECOND);
    expect(w.routes.route(edge, origin).noRouteAt).toBe('backbone:net-2');
  });
});

/** The whole delivery model over BGP's routes, with a cut and its repair, for `seconds`. */
async function cutInCdn(shards: number, seconds: number, dns = false) {
  const run = new Run({
    scenario: SCENARIO,
    model: dns
      ? [{ id: 'bgp' }, { id: 'delivery', config: { dns: true } }, { id: 'dns' }]
      : [{ id: 'bgp' }, { id: 'delivery' }],
    shards,
  });
  try {
    await run.start();
    const perSecond: Record<string, number>[] = [];
    for (let t = 1; t <= seconds; t++) {
      if (t - 1 === 5) run.command({ type: 'bgp.cutLink', ...CUT });
      if (t - 1 === 20) run.command({ type: 'bgp.restoreLink', ...CUT });
      await run.advanceTo(t * SECOND);
      const snap = await run.snapshot();
      perSecond.push(snap.counters);
      if (t === seconds) return { digest: snap.digest, counters: snap.counters, perSecond };
    }
    throw new Error('unreachable');
  } finally {
    run.dispose();
  }
}

describe('delivery over BGP', () => {
  it('loses traffic over the cut link while BGP converges, then flows again', async () => {
    const r = await cutInCdn(1, 30);
    const noRoute = r.perSecond.map((c) => c['net.dropped.no-route'] ?? 0);
    // Nothing lost before the cut; some lost in its first second; none from then on.
    expect(noRoute[4]).toBe(0);
    expect(noRoute[5]).toBeGreaterThan(0);
    expect(noRoute[29]).toBe(noRoute[6]);
    expect(r.counters['bgp.routeChanges']).toBeGreaterThan(0);
    const responses = r.perSecond.map((c) => c['delivery.responses']);
    expect(responses[29]).toBeGreaterThan(responses[10]);
  }, 120_000);

  it.each([false, true])(
    'gives the same digest and counters on 1 and 2 shards (DNS model too: %s)',
    async (dns) => {
      const one = await cutInCdn(1, 25, dns);
      const two = await cutInCdn(2, 25, dns);
      expect(two.digest).toBe(one.digest);
      expect(two.counters).toEqual(one.counters);
    },
    120_000,
  );
});
