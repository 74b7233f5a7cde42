/**
 * How links are named: by id (a string commands and inspectors use) and by number (a stable
 * integer, the same in every shard, by which shards' per-link traffic is summed).
 */

/** Network ids stay below this so that a pair of them packs into one number. */
export const MAX_NETWORKS = 65536;
/** Sites stay below this so that a network pair and a site pack into one safe integer. */
export const MAX_SITES = 1024;

/** Link ids, built in one place: commands name links by them. */
export const linkIds = {
  access: (nodeName: string) => `access:${nodeName}`,
  backbone: (network: number) => `backbone:net-${network}`,
  /** `site` is the site's name, or undefined for the whole world of a topology without regions */
  peering: (netA: number, netB: number, site?: string) =>
    `peering:net-${Math.min(netA, netB)}/net-${Math.max(netA, netB)}${site === undefined ? '' : `@${site}`}`,
};

/**
 * Stable link numbers, the same in every shard whatever links it has used so far, so shards'
 * per-link traffic can be summed by number: access links by node id, then backbones by network
 * id, then peering links by (network pair, site). Exact integers up to ~2^53 (keep them in a
 * Float64Array).
 */
export const linkNumbers = {
  access: (node: number) => node,
  backbone: (nodeCount: number, network: number) => nodeCount + network,
  peering: (nodeCount: number, netA: number, netB: number, site: number) =>
    nodeCount + MAX_NETWORKS + pairKey(netA, netB) * MAX_SITES + site,
  /** The two networks (lower id first) of a peering link's number; null for another link. */
  peeringPair: (nodeCount: number, num: number): [number, number] | null => {
    const key = Math.floor((num - nodeCount - MAX_NETWORKS) / MAX_SITES);
    return key < 0 ? null : [Math.floor(key / MAX_NETWORKS), key % MAX_NETWORKS];
  },
};

/** An unordered pair of networks as one number. */
export function pairKey(a: number, b: number): number {
  return a < b ? a * MAX_NETWORKS + b : b * MAX_NETWORKS + a;
}
