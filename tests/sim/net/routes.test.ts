/**
 * The route service on the classroom topology: a route's hops, its latency and round trip
 * against hand-computed sums and against what the network charges a real message, its delivery
 * probability from the links' loss and state; and a route provider installed while running,
 * which changes both the route and the latency of real messages.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from '@sim/net/Message';
import { linkIds, linkNumbers } from '@sim/net/Network';
import { HotPotatoRoutes, type RouteContext, type RouteProvider } from '@sim/net/RouteProvider';
import { DEFAULT_LINK_CLASSES } from '@sim/net/linkClasses';
import { buildWorld, type World } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { expectedPropagationNs, haversineKm } from './helpers';

function classroom(): World {
  return buildWorld(parseScenario({ scale: 'classroom', seed: 1 }));
}

function nodeNamed(world: World, name: string): number {
  const n = world.topology.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n.id;
}

/** Two users in network 0, one in network 1 (all behind a last mile). */
function places(world: World) {
  return {
    tokyo: nodeNamed(world, 'client:tokyo-n0'),
    newYork: nodeNamed(world, 'client:new-york-n0'),
    frankfurt: nodeNamed(world, 'client:frankfurt-n1'),
  };
}

function km(world: World, a: number, b: number): number {
  const [x, y] = [world.topology.nodes[a], world.topology.nodes[b]];
  return haversineKm(x, y);
}

function siteOf(world: World, node: number): string {
  return world.topology.cities[world.topology.nodes[node].city].region;
}

/** Sends one message on an otherwise idle network; resolves with its one-way time. */
function timeOneMessage(world: World, from: number, to: number, size: number): number {
  let arrived = -1;
  world.network.onDeliver((msg: Message) => {
    arrived = world.engine.now - msg.sentAt;
  });
  world.network.send(from, to, size, 'test.probe');
  world.engine.runUntil(world.engine.now + 10_000_000_000);
  expect(arrived).toBeGreaterThan(0);
  return arrived;
}

const L = DEFAULT_LINK_CLASSES;
/** serialization of `size` bytes at `bps`, ns, rounded up */
const ser = (size: number, bps: number) => Math.ceil((size * 8e9) / bps);

describe('the route service', () => {
  it('lays out a same-network and a cross-network path as the links a message crosses', () => {
    const world = classroom();
    const { tokyo, newYork, frankfurt } = places(world);
    const same = world.routes.route(tokyo, newYork);
    expect(same.hops).toEqual([
      linkIds.access('client:tokyo-n0'),
      linkIds.backbone(0),
      linkIds.access('client:new-york-n0'),
    ]);
    expect(same.noRouteAt).toBeNull();
    // Hot potato: network 0 hands over to network 1 at the sender's site (Tokyo's region).
    const cross = world.routes.route(tokyo, frankfurt);
    expect(cross.hops).toEqual([
      'access:client:tokyo-n0',
      'backbone:net-0',
      `peering:net-0/net-1@${siteOf(world, tokyo)}`,
      'backbone:net-1',
      'access:client:frankfurt-n1',
    ]);
    // The way back is handed over at Frankfurt's site.
    expect(world.routes.route(frankfurt, tokyo).hops[2]).toBe(
      `peering:net-0/net-1@${siteOf(world, frankfurt)}`,
    );
    expect(cross.linkNumbers[0]).toBe(linkNumbers.access(tokyo));
    // Asking creates no link.
    expect(world.network.links()).toEqual([]);
  });

  it('gives the latency of an empty path as the hand-computed sum, the same as a real message', () => {
    const world = classroom();
    const { tokyo, newYork, frankfurt } = places(world);
    expect(world.network.classes).toEqual(L);
    const size = 1000;
    const inflation = world.scenario.network.inflation;
    // Same network: last mile up, backbone (carrying the propagation), last mile down.
    const sameNs =
      2 * (ser(size, L.lastMile.bandwidthBps) + L.lastMile.hopLatencyNs) +
      ser(size, L.backbone.bandwidthBps) +
      L.backbone.hopLatencyNs +
      expectedPropagationNs(km(world, tokyo, newYork), inflation);
    expect(world.routes.latencyNs(tokyo, newYork, size)).toBe(sameNs);
    // Across networks: and a peering point and the second backbone.
    const crossNs =
      2 * (ser(size, L.lastMile.bandwidthBps) + L.lastMile.hopLatencyNs) +
      2 * (ser(size, L.backbone.bandwidthBps) + L.backbone.hopLatencyNs) +
      ser(size, L.peering.bandwidthBps) +
      L.peering.hopLatencyNs +
      expectedPropagationNs(km(world, tokyo, frankfurt), inflation);
    expect(world.routes.latencyNs(tokyo, frankfurt, size)).toBe(crossNs);
    expect(world.network.links()).toEqual([]);

    // What the network charges real messages of those sizes on an idle path, there and back.
    const there = timeOneMessage(world, tokyo, frankfurt, size);
    const back = timeOneMessage(world, frankfurt, tokyo, 40);
    expect(there).toBe(crossNs);
    expect(world.routes.rttNs(tokyo, frankfurt, size, 40)).toBe(there + back);
    expect(world.routes.rttNs(tokyo, newYork, 100)).toBe(
      world.routes.latencyNs(tokyo, newYork, 100) + world.routes.latencyNs(newYork, tokyo, 100),
    );
  });

  it('gives the delivery probability from the loss of the links crossed, 0 when a link or an end is down', () => {
    const world = classroom();
    const { tokyo, newYork, frankfurt } = places(world);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBe(1);
    world.network.setClassParams('lastMile', { lossRate: 0.1 });
    world.network.setClassParams('peering', { lossRate: 0.05 });
    expect(world.routes.deliveryProbability(tokyo, newYork)).toBeCloseTo(0.9 * 0.9, 12);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBeCloseTo(0.9 * 0.9 * 0.95, 12);
    expect(world.routes.lossRate(tokyo, frankfurt)).toBeCloseTo(1 - 0.9 * 0.9 * 0.95, 12);
    // A link's own loss counts instead of its class's.
    world.network.setLink(world.network.linkById('access:client:new-york-n0')!, { lossRate: 0.5 });
    expect(world.routes.deliveryProbability(tokyo, newYork)).toBeCloseTo(0.9 * 0.5, 12);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBeCloseTo(0.9 * 0.9 * 0.95, 12);

    world.network.setNodeUp(frankfurt, false);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBe(0);
    expect(world.routes.deliveryProbability(frankfurt, tokyo)).toBe(0);
    world.network.setNodeUp(frankfurt, true);
    world.network.setLink(world.network.linkById('backbone:net-1')!, { up: false });
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBe(0);
    expect(world.routes.deliveryProbability(tokyo, newYork)).toBeGreaterThan(0);
    world.network.setLink(world.network.linkById('backbone:net-1')!, { up: true });
    world.network.setPeering(0, 1, false);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBe(0);
    expect(world.routes.route(tokyo, frankfurt).noRouteAt).toBe('peering:net-0/net-1');
  });
});

/**
 * A provider that sends traffic between two networks through a third (a transit network) at
 * the sender's site: two more links than hot potato, the sender's peering with the transit
 * network and the transit network's backbone. It keeps the rules every provider keeps.
 */
class ViaTransit implements RouteProvider {
  readonly name = 'via-transit';
  hopDir = 0;
  private readonly base: HotPotatoRoutes;

  constructor(
    private readonly ctx: RouteContext,
    private readonly transit: number,
  ) {
    this.base = new HotPotatoRoutes(ctx);
  }

  private via(from: number, to: number): boolean {
    const [a, b] = [this.ctx.nodes.net[from], this.ctx.nodes.net[to]];
    return a !== b && a !== this.transit && b !== this.transit;
  }

  hopCount(from: number, to: number): number {
    return this.via(from, to) ? 7 : this.base.hopCount(from, to);
  }

  hopSlot(from: number, to: number, hop: number): number {
    if (!this.via(from, to)) {
      const slot = this.base.hopSlot(from, to, hop);
      this.hopDir = this.base.hopDir;
      return slot;
    }
    const num = this.hopNumber(from, to, hop);
    const [a, b, t] = [this.ctx.nodes.net[from], this.ctx.nodes.net[to], this.transit];
    this.hopDir = hop === 6 ? 1 : hop === 2 ? +(a > t) : hop === 4 ? +(t > b) : 0;
    return this.ctx.linkTable.slotOfNumber(num);
  }

  hopNumber(from: number, to: number, hop: number): number {
    if (!this.via(from, to)) return this.base.hopNumber(from, to, hop);
    const { net, site, count } = this.ctx.nodes;
    const [a, b, t] = [net[from], net[to], this.transit];
    return [
      linkNumbers.access(from),
      linkNumbers.backbone(count, a),
      linkNumbers.peering(count, a, t, site[from]),
      linkNumbers.backbone(count, t),
      linkNumbers.peering(count, t, b, site[from]),
      linkNumbers.backbone(count, b),
      linkNumbers.access(to),
    ][hop];
  }

  propagationNs(from: number, to: number): number {
    return this.base.propagationNs(from, to);
  }

  noRouteAt(from: number, to: number): string | null {
    return this.via(from, to) ? null : this.base.noRouteAt(from, to);
  }
}

describe('a route provider installed while running', () => {
  it('changes the route and the latency of real messages, and can be taken back', () => {
    const world = classroom();
    const { tokyo, frankfurt } = places(world);
    const size = 1200;
    const before = timeOneMessage(world, tokyo, frankfurt, size);
    expect(before).toBe(world.routes.latencyNs(tokyo, frankfurt, size));

    let changes = 0;
    world.routes.onChange(() => changes++);
    world.routes.use((ctx) => new ViaTransit(ctx, 5));
    expect(changes).toBe(1);
    expect(world.routes.provider.name).toBe('via-transit');
    const site = siteOf(world, tokyo);
    expect(world.routes.route(tokyo, frankfurt).hops).toEqual([
      'access:client:tokyo-n0',
      'backbone:net-0',
      `peering:net-0/net-5@${site}`,
      'backbone:net-5',
      `peering:net-1/net-5@${site}`,
      'backbone:net-1',
      'access:client:frankfurt-n1',
    ]);
    // Two more links: a peering point and a backbone, each its serialization and hop latency.
    const extra =
      ser(size, L.peering.bandwidthBps) +
      L.peering.hopLatencyNs +
      ser(size, L.backbone.bandwidthBps) +
      L.backbone.hopLatencyNs;
    expect(world.routes.latencyNs(tokyo, frankfurt, size)).toBe(before + extra);
    const after = timeOneMessage(world, tokyo, frankfurt, size);
    expect(after).toBe(before + extra);
    expect(world.network.linkById('backbone:net-5')!.messages[0]).toBe(1);
    // A cut between the two networks no longer matters: the transit network carries it.
    world.network.setPeering(0, 1, false);
    expect(world.routes.deliveryProbability(tokyo, frankfurt)).toBe(1);
    world.network.setPeering(0, 1, true);

    world.routes.useDefault();
    expect(changes).toBe(2);
    expect(timeOneMessage(world, tokyo, frankfurt, size)).toBe(before);
  });
});
