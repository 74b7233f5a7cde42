import { describe, expect, it } from 'vitest';
import type { NodeInspection } from '@runtime/Shard';
import type { DeliveryNodeInfo } from '@sim/models/delivery/model';
import { Run } from '@runtime/Run';
import { LruCache } from '@sim/models/delivery/LruCache';
import { SECOND } from '@sim/time';
import { generateTopology } from '@sim/topology';
import { SANDBOX_NETWORK } from '@ui/sandbox/sandboxModel';

const cacheOf = (x: NodeInspection | null) => (x!.byModel.delivery as DeliveryNodeInfo).cache!;

describe('cache summary', () => {
  it('lists the most hit cached objects, most first, and forgets hits of evicted objects', () => {
    const c = new LruCache(300);
    c.insert(1, 100, 1e9);
    c.insert(2, 100, 1e9);
    c.insert(3, 100, 1e9);
    for (let i = 0; i < 3; i++) c.lookup(2, 0);
    c.lookup(3, 0);
    expect(c.mostHit(2)).toEqual([
      { key: 2, sizeBytes: 100, hits: 3 },
      { key: 3, sizeBytes: 100, hits: 1 },
    ]);
    // 1 is least recently used: evicted by 4. An expired lookup keeps 3 (stale, to revalidate).
    c.insert(4, 100, 1e9);
    expect(c.lookup(3, 2e9)).toBe('expired');
    expect(c.mostHit(10).map((o) => o.key)).toEqual([2, 3, 4]);
    expect(c.count).toBe(3);
    expect(c.usedBytes).toBe(300);
  });
});

describe('the node inspector query', () => {
  it("answers from the owning shard: an edge's cache and its access link, the same with 1 and 2 shards", async () => {
    const topology = generateTopology('classroom', 2);
    const edges = topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
    const client = topology.nodes.find((n) => n.kind === 'client')!;
    const answers = [];
    for (const shards of [1, 2]) {
      const run = new Run({
        scenario: { seed: 2, scale: 'classroom', network: SANDBOX_NETWORK },
        model: { id: 'delivery', config: { loadFactor: 3 } },
        shards,
      });
      await run.start();
      await run.advanceTo(3 * SECOND);
      const inspections = await Promise.all(edges.map((id) => run.inspectNode(id)));
      const clientView = await run.inspectNode(client.id);
      const snap = await run.snapshot();
      run.dispose();
      expect(clientView?.byModel.delivery).toBeUndefined();
      expect(clientView?.accessLink).toMatchObject({ id: `access:${client.name}`, up: true });
      const busiest = inspections.map((x) => cacheOf(x)).sort((a, b) => b.requests - a.requests)[0];
      expect(busiest.objects).toBeGreaterThan(0);
      expect(busiest.usedBytes).toBeLessThanOrEqual(busiest.capacityBytes);
      expect(busiest.hits + busiest.misses).toBe(busiest.requests);
      expect(busiest.top.length).toBeGreaterThan(0);
      expect(busiest.top.map((o) => o.hits)).toEqual(
        [...busiest.top.map((o) => o.hits)].sort((a, b) => b - a),
      );
      // Every edge's hits add up to the run's.
      const hits = inspections.reduce((n, x) => n + cacheOf(x).hits, 0);
      expect(hits).toBe(snap.counters['delivery.hits']);
      answers.push(inspections);
    }
    expect(answers[1]).toEqual(answers[0]);
  }, 60_000);
});
