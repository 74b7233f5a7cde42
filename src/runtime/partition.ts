/**
 * Splits a topology across K shards by region, so that most traffic stays inside one shard.
 * Regions go to shards largest first, each to the shard with the fewest nodes so far (a
 * deterministic greedy balance). A network's peering links belong to the shard of its home
 * city's region.
 */
import type { Topology } from '@sim/topology/types';

export interface Partition {
  shards: number;
  /** per node id */
  shardOfNode: Int32Array;
  /** per network id */
  shardOfNetwork: Int32Array;
  /** nodes owned per shard */
  nodesPerShard: number[];
}

export function partitionByRegion(topology: Topology, shards: number): Partition {
  if (!(Number.isInteger(shards) && shards >= 1))
    throw new Error(`shards must be a whole number ≥ 1, got ${shards}`);
  const regionOfCity = (city: number) => topology.cities[city].region;
  const nodesPerRegion = new Map<string, number>();
  for (const n of topology.nodes) {
    const r = regionOfCity(n.city);
    nodesPerRegion.set(r, (nodesPerRegion.get(r) ?? 0) + 1);
  }
  // Largest region first; ties by name so the result never depends on Map order.
  const regions = [...nodesPerRegion.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  const load = new Array<number>(shards).fill(0);
  const shardOfRegion = new Map<string, number>();
  for (const [region, count] of regions) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s] < load[best]) best = s;
    shardOfRegion.set(region, best);
    load[best] += count;
  }
  const shardOfNode = new Int32Array(topology.nodes.length);
  topology.nodes.forEach((n, i) => (shardOfNode[i] = shardOfRegion.get(regionOfCity(n.city))!));
  const shardOfNetwork = new Int32Array(topology.networks.length);
  topology.networks.forEach((net, i) => {
    const home = net.cities[0];
    shardOfNetwork[i] = home === undefined ? 0 : (shardOfRegion.get(regionOfCity(home)) ?? 0);
  });
  return { shards, shardOfNode, shardOfNetwork, nodesPerShard: load };
}
