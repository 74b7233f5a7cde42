import { describe, expect, it } from 'vitest';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { buildWorld, type World } from '@sim/scenario/buildWorld';
import { parseScenario, ScenarioError } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

/**
 * Client groups send requests to random edge servers at exponential intervals; servers answer.
 * Every draw comes from a stream named after the node that makes it.
 */
function runTraffic(world: World, untilNs: number, extraDraws = false): string {
  const { engine, network, topology, streams } = world;
  const digest = new TraceDigest();
  engine.observe(digest.observer);
  const clients = topology.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
  const edges = topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
  network.onDeliver((msg) => {
    if (msg.type === 'request') network.send(msg.to, msg.from, 20_000, 'response');
  });
  const tick = engine.registerKind('client.request', (client) => {
    const rng = streams.get(`client:${client}/requests`);
    if (extraDraws) streams.get('unrelated/stream').uniform();
    network.send(client, edges[rng.int(0, edges.length - 1)], 500, 'request');
    engine.schedule(Math.round(rng.exponential(50e6)), client, client, tick);
  });
  for (const c of clients) engine.schedule(0, c, c, tick);
  engine.runUntil(untilNs);
  return digest.toString();
}

describe('scenarios', () => {
  it('fill in defaults for everything left out', () => {
    expect(parseScenario({})).toEqual({
      name: 'untitled',
      seed: 1,
      scale: 'classroom',
      network: { inflation: 1, linkClasses: {} },
    });
  });

  it.each([
    [
      { scale: 'huge' },
      /scenario\.scale: must be one of classroom, 2002, 2009 or a whole number of servers/,
    ],
    [{ seed: -3 }, /scenario\.seed/],
    [{ network: { inflation: 0.5 } }, /scenario\.network\.inflation/],
    [
      { network: { linkClasses: { lastMile: { lossRate: 1.5 } } } },
      /scenario\.network\.linkClasses\.lastMile\.lossRate/,
    ],
    [
      { network: { linkClasses: { wormhole: {} } } },
      /scenario\.network\.linkClasses\.wormhole: unknown field/,
    ],
    [{ sead: 4 }, /scenario\.sead: unknown field/],
    ['not an object', /scenario: /],
  ])('reject %j with a message naming the field', (input, message) => {
    expect(() => parseScenario(input)).toThrow(ScenarioError);
    expect(() => parseScenario(input)).toThrow(message);
  });

  it('turn millisecond link settings into the network model’s nanoseconds', () => {
    const world = buildWorld(
      parseScenario({
        network: { linkClasses: { lastMile: { hopLatencyMs: 7.5, lossRate: 0.02 } } },
      }),
    );
    expect(world.network.classes.lastMile.hopLatencyNs).toBe(7_500_000);
    expect(world.network.classes.lastMile.lossRate).toBe(0.02);
    expect(world.network.classes.firstMile.lossRate).toBe(0);
  });
});

describe('a world built from a scenario', () => {
  it('has a network node for every topology node, users behind the last mile', () => {
    const world = buildWorld(parseScenario({ seed: 5 }));
    expect(world.network.nodeCount).toBe(world.topology.nodes.length);
    const client = world.topology.nodes.find((n) => n.kind === 'client')!;
    const edge = world.topology.nodes.find((n) => n.kind === 'edge')!;
    expect(world.network.accessLink(client.id).cls).toBe('lastMile');
    expect(world.network.accessLink(edge.id).cls).toBe('firstMile');
  });

  it('gives the same trace digest for the same scenario and seed, and another for another seed', () => {
    const a = runTraffic(buildWorld(parseScenario({ seed: 11 })), 2 * SECOND);
    const b = runTraffic(buildWorld(parseScenario({ seed: 11 })), 2 * SECOND);
    const c = runTraffic(buildWorld(parseScenario({ seed: 12 })), 2 * SECOND);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(Number(a.split('-')[1])).toBeGreaterThan(1000);
  });

  it('is not changed by drawing from an unrelated stream', () => {
    const plain = runTraffic(buildWorld(parseScenario({ seed: 13 })), SECOND);
    const withExtra = runTraffic(buildWorld(parseScenario({ seed: 13 })), SECOND, true);
    expect(withExtra).toBe(plain);
  });

  it('gives the same digest with the ladder queue and the plain heap', () => {
    const scenario = parseScenario({
      seed: 14,
      network: { linkClasses: { lastMile: { lossRate: 0.05 } } },
    });
    expect(runTraffic(buildWorld(scenario, { queue: 'heap' }), SECOND)).toBe(
      runTraffic(buildWorld(scenario), SECOND),
    );
  });
});
