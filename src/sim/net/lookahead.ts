/**
 * Splitting the network across workers (shards), and the look-ahead that makes it safe: the
 * least time between an event in one shard and a message it causes reaching another.
 */
import { greatCircleKm, propagationNs } from './geo';
import type { LinkTable } from './LinkTable';
import type { Message } from './Message';
import type { NetNodes } from './NetNodes';

/** How a network split across workers finds the owner of a link and passes messages on. */
export interface Sharding {
  myShard: number;
  /**
   * per node id: the shard that owns it, its access link and the peering links at its site
   * (every node of a site must be in the same shard)
   */
  shardOfNode: Int32Array;
  /** called with a message that reaches, at time t, a link owned by `shard` */
  handoff: (shard: number, t: number, msg: Message) => void;
}

/**
 * The least time between an event and a hand-off to another shard it causes: the lookahead
 * of a conservative run. A hand-off happens only at the receiver's access link, and from
 * any earlier event of the message (its sending, its peering point) it still has a backbone
 * to cross (every route provider keeps one before the last hop), with the hop latency (which can
 * only grow while running) and the whole distance from a node of one shard to a node of another
 * (inflation is never below 1).
 */
export function minHandoffDelayNs(
  links: LinkTable,
  nodes: NetNodes,
  sharding: Sharding | null,
): number {
  const hop = links.minBackboneHopLatencyNs();
  return hop + (sharding ? minCrossShardPropagationNs(nodes, sharding.shardOfNode) : 0);
}

/** Over distinct places only: nodes stand at a few dozen cities, not at 60,000 points. */
function minCrossShardPropagationNs(nodes: NetNodes, shardOf: Int32Array): number {
  const places = new Map<string, { lat: number; lon: number; shard: number }>();
  for (let i = 0; i < nodes.count; i++) {
    const key = `${shardOf[i]}|${nodes.lat[i]}|${nodes.lon[i]}`;
    if (!places.has(key))
      places.set(key, { lat: nodes.lat[i], lon: nodes.lon[i], shard: shardOf[i] });
  }
  const list = [...places.values()];
  let min = Infinity;
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++)
      if (list[i].shard !== list[j].shard)
        min = Math.min(min, propagationNs(greatCircleKm(list[i], list[j]), 1));
  return Number.isFinite(min) ? min : 0;
}
