import { describe, expect, it } from 'vitest';
import { Coordinator } from '@runtime/Coordinator';
import { InProcessPort } from '@runtime/InProcessPort';
import { allSplits, BALANCE_SLACK, partitionByRegion } from '@runtime/partition';
import type { ShardSpec } from '@runtime/Shard';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { propagationNs } from '@sim/net/geo';
import { SECOND } from '@sim/time';

const SCENARIO = {
  seed: 5,
  scale: 400,
  network: { inflation: 1.5, linkClasses: { lastMile: { lossRate: 0.02 } } },
};

async function run(shards: number, untilNs: number, scenario: object = SCENARIO) {
  const ports = await Promise.all(
    Array.from({ length: shards }, (_, shard) => {
      const spec: ShardSpec = { scenario, model: { id: 'probe' }, shard, shards };
      return InProcessPort.create(spec);
    }),
  );
  const coordinator = new Coordinator(ports);
  await coordinator.init();
  await coordinator.runUntil(untilNs);
  return { snapshot: await coordinator.snapshot(), coordinator, ports };
}

describe('a run split across shards', () => {
  it('gives the same trace digest and statistics with 1, 2 and 4 shards', async () => {
    const one = await run(1, SECOND);
    const two = await run(2, SECOND);
    const four = await run(4, SECOND);
    expect(one.snapshot.counters['probe.requests']).toBeGreaterThan(1000);
    expect(one.snapshot.counters['net.dropped.loss']).toBeGreaterThan(0);
    for (const other of [two, four]) {
      expect(other.snapshot.digest).toBe(one.snapshot.digest);
      expect(other.snapshot.counters).toEqual(one.snapshot.counters);
      expect(other.snapshot.executed).toBe(one.snapshot.executed);
    }
  });

  it('really splits the work: every shard runs events and messages cross between them', async () => {
    const four = await run(4, SECOND / 2);
    const executed = await Promise.all(four.ports.map(async (p) => (await p.snapshot()).executed));
    expect(executed.every((n) => n > 0)).toBe(true);
    const sentHere = await Promise.all(
      four.ports.map(async (p) => (await p.snapshot()).counters['net.sent']),
    );
    const deliveredHere = await Promise.all(
      four.ports.map(async (p) => (await p.snapshot()).counters['net.delivered']),
    );
    // Some shard delivers messages it did not send: they crossed.
    expect(sentHere.some((s, i) => s !== deliveredHere[i])).toBe(true);
  });

  it('matches a plain single engine run without any coordinator', async () => {
    const one = await run(1, SECOND / 2);
    const alone = await InProcessPort.create({
      scenario: SCENARIO,
      model: { id: 'probe' },
      shard: 0,
      shards: 1,
    });
    alone.shard.world.engine.runUntil(SECOND / 2);
    const snap = await alone.snapshot();
    expect(snap.counters).toEqual(one.snapshot.counters);
    expect(snap.digest.count).toBe(one.snapshot.executed);
  });

  it('never delivers a handed-off message late: windows are no longer than the lookahead', async () => {
    const two = await run(2, SECOND / 4);
    const world = buildWorld(parseScenario(SCENARIO));
    const gapKm = partitionByRegion(world.topology, 2).minCrossKm;
    // A hand-off crosses a backbone hop and at least the gap between the shards' regions.
    expect(two.coordinator.lookaheadNs).toBe(
      world.network.classes.backbone.hopLatencyNs + propagationNs(gapKm, 1),
    );
    expect(gapKm).toBeGreaterThan(500);
    // Engine.runUntil/scheduleKeyed throw if any message were scheduled in a shard's past.
    expect(two.coordinator.windows).toBeGreaterThan(0);
  });

  it('gives another digest for another seed', async () => {
    const a = await run(2, SECOND / 4);
    const b = await run(2, SECOND / 4, { ...SCENARIO, seed: 6 });
    expect(a.snapshot.digest).not.toBe(b.snapshot.digest);
  });
});

describe('partitionByRegion', () => {
  it('puts every node of a region in one shard and balances node counts', () => {
    const world = buildWorld(parseScenario({ scale: '2002', seed: 1 }));
    const p = partitionByRegion(world.topology, 4);
    const shardOfRegion = new Map<string, number>();
    for (const n of world.topology.nodes) {
      const region = world.topology.cities[n.city].region;
      const s = p.shardOfNode[n.id];
      expect(shardOfRegion.get(region) ?? s).toBe(s);
      shardOfRegion.set(region, s);
    }
    expect(p.nodesPerShard.reduce((a, b) => a + b, 0)).toBe(world.topology.nodes.length);
    expect(Math.min(...p.nodesPerShard)).toBeGreaterThan(0);
  });
});

describe('choosing the split', () => {
  it('keeps balance within the slack of the best and cuts where regions are far apart', () => {
    const world = buildWorld(parseScenario({ scale: '2009', seed: 1 }));
    const total = world.topology.nodes.length;
    const p = partitionByRegion(world.topology, 2);
    expect(Math.max(...p.nodesPerShard)).toBeLessThanOrEqual(total * 0.5 * BALANCE_SLACK + 1);
    // Europe–Africa and Europe–Middle East are both under 1,200 km apart; a good cut avoids them.
    expect(p.minCrossKm).toBeGreaterThan(1200);
  });

  it('enumerates every split of n items into k blocks (Stirling numbers of the second kind)', () => {
    expect(allSplits(9, 2)).toHaveLength(255);
    expect(allSplits(9, 4)).toHaveLength(7770);
    expect(allSplits(4, 4)).toHaveLength(1);
    for (const s of allSplits(6, 3)) expect(new Set(s).size).toBe(3);
  });
});

describe('the lookahead', () => {
  it('is never more than the delay of any hand-off, and not far below the shortest one', () => {
    const world = buildWorld(parseScenario({ scale: 400, seed: 3 }));
    const { engine, network, topology } = world;
    const p = partitionByRegion(topology, 2);
    const delays: number[] = [];
    network.setSharding({
      myShard: 0,
      shardOfNode: p.shardOfNode,
      handoff: (_shard, t) => delays.push(t - engine.now),
    });
    // Every node of shard 0 sends to every node of shard 1, many at once so queues build up
    // at the access links and peering points on the way.
    const mine = topology.nodes.filter((n) => p.shardOfNode[n.id] === 0).map((n) => n.id);
    const theirs = topology.nodes.filter((n) => p.shardOfNode[n.id] === 1).map((n) => n.id);
    const kind = engine.registerKind('test.send', (target, arg) =>
      network.send(target, arg, 1500, 'test'),
    );
    for (const from of mine) for (const to of theirs) engine.scheduleAt(0, from, from, kind, to);
    engine.run();
    expect(delays.length).toBeGreaterThan(1000);
    const lookahead = network.minHandoffDelayNs();
    const shortest = delays.reduce((a, b) => Math.min(a, b));
    expect(shortest).toBeGreaterThanOrEqual(lookahead);
    expect(shortest).toBeLessThan(lookahead + 3_000_000);
  });
});
