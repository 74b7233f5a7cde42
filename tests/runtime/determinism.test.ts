import { describe, expect, it } from 'vitest';
import { Coordinator } from '@runtime/Coordinator';
import { InProcessPort } from '@runtime/InProcessPort';
import { partitionByRegion } from '@runtime/partition';
import type { ShardSpec } from '@runtime/Shard';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

const SCENARIO = {
  seed: 5,
  scale: 400,
  network: { inflation: 1.5, linkClasses: { lastMile: { lossRate: 0.02 } } },
};

async function run(shards: number, untilNs: number, scenario: object = SCENARIO) {
  const ports = Array.from({ length: shards }, (_, shard) => {
    const spec: ShardSpec = { scenario, model: { id: 'probe' }, shard, shards };
    return new InProcessPort(spec);
  });
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
    const alone = new InProcessPort({
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
    expect(two.coordinator.lookaheadNs).toBe(
      buildWorld(parseScenario(SCENARIO)).network.classes.backbone.hopLatencyNs,
    );
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
