/**
 * An AS-level Internet derived from the topology generator's networks, which have cities and
 * user shares but no relationships. The derivation (ours, shaped after the tiers Gao 2001 infers
 * from routing tables) ranks access networks by footprint (cities, then users):
 * - the largest T = clamp(round(n / 40), 3, 12) are tier-1 and peer with each other (a clique);
 * - the next round(n / 10) are regional transit: each buys from the two tier-1s whose home
 *   cities are nearest its own, and peers with every other transit network of its region;
 * - every other network (smaller ISPs, the DNS, hosting and origin networks) buys from the
 *   nearest transit or tier-1 network, and half of them (a seeded draw) also from the second
 *   nearest (multihoming).
 * AS k (the generator's network id k − 1) originates 10.(k >> 8).(k & 255).0/24, and sits at the
 * network's home city, so link latencies come from geography.
 */
import { RandomStream } from '../../random/RandomStream';
import { greatCircleKm } from '../../net/geo';
import { generateTopology } from '../../topology/generateTopology';
import type { Topology, TopologyNetwork } from '../../topology/types';
import type { AsLinkSpec, AsTopology } from './asTopology';
import { networkPrefix } from './networkAddresses';

/**
 * Message-level BGP keeps every prefix at every AS: with one prefix per network, n² routes and
 * an initial burst of UPDATEs on every link. 726 networks take about 20 s to simulate their first
 * two minutes on one core; beyond this many, routes would have to be computed from the policy
 * without messages (not built yet).
 */
export const MAX_MESSAGE_LEVEL_NETWORKS = 1000;

const closer = (d: number, x: TopologyNetwork, than: { x: TopologyNetwork; d: number }) =>
  d < than.d || (d === than.d && x.id < than.x.id);

export function tierOneCount(n: number): number {
  return Math.min(12, Math.max(3, Math.round(n / 40)));
}

export function generatedAsTopology(scale: string | number, seed: number): AsTopology {
  return asTopologyOf(generateTopology(scale, seed), seed);
}

export function asTopologyOf(topology: Topology, seed: number): AsTopology {
  const nets = topology.networks;
  const home = (net: TopologyNetwork) => topology.cities[net.cities[0]];
  // Networks share a few hundred home cities: each pair's distance is worked out once.
  const cityCount = topology.cities.length;
  const km = new Float64Array(cityCount * cityCount).fill(-1);
  const distance = (x: TopologyNetwork, y: TopologyNetwork) => {
    const k = x.cities[0] * cityCount + y.cities[0];
    if (km[k] < 0) km[k] = greatCircleKm(home(x), home(y));
    return km[k];
  };
  const asn = (net: TopologyNetwork) => net.id + 1;
  const ranked = nets
    .filter((x) => x.role === 'access')
    .sort((x, y) => y.cities.length - x.cities.length || y.userShare - x.userShare || x.id - y.id);
  const t = Math.min(tierOneCount(nets.length), ranked.length);
  const tier1 = ranked.slice(0, t);
  const transit = ranked.slice(t, t + Math.round(nets.length / 10));
  const upper = new Set([...tier1, ...transit]);
  const links: AsLinkSpec[] = [];
  // The k nearest by distance, ties to the lower id: one pass keeping the best k (sorting every
  // candidate for each of the 2009 scale's 13,000 networks took seconds).
  const nearest = (net: TopologyNetwork, among: TopologyNetwork[], k: number) => {
    const best: { x: TopologyNetwork; d: number }[] = [];
    for (const x of among) {
      if (x === net) continue;
      const d = distance(net, x);
      let i = best.length;
      while (i > 0 && closer(d, x, best[i - 1])) i--;
      if (i >= k) continue;
      best.splice(i, 0, { x, d });
      if (best.length > k) best.pop();
    }
    return best.map((p) => p.x);
  };
  for (let i = 0; i < tier1.length; i++)
    for (let j = i + 1; j < tier1.length; j++)
      links.push({ a: asn(tier1[i]), b: asn(tier1[j]), rel: 'peer' });
  for (const net of transit)
    for (const p of nearest(net, tier1, 2)) links.push({ a: asn(net), b: asn(p), rel: 'transit' });
  for (let i = 0; i < transit.length; i++)
    for (let j = i + 1; j < transit.length; j++)
      if (home(transit[i]).region === home(transit[j]).region)
        links.push({ a: asn(transit[i]), b: asn(transit[j]), rel: 'peer' });
  const rng = new RandomStream(seed, 'bgp/multihoming');
  const providers = [...upper];
  for (const net of nets) {
    if (upper.has(net)) continue;
    const k = rng.uniform() < 0.5 ? 2 : 1;
    for (const p of nearest(net, providers, k))
      links.push({ a: asn(net), b: asn(p), rel: 'transit' });
  }
  return {
    ases: nets.map((net) => ({
      asn: asn(net),
      city: home(net).id,
      prefixes: [networkPrefix(net.id)],
    })),
    links,
  };
}
