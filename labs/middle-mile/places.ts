/**
 * The networks the lab talks about, found by place (src/sim/topology/places.ts) in the page's
 * one copy of the classroom topology, and their AS-level relationships as the bgp model derives
 * them (asTopologyOf: tier-1s, transit, customers). A network is named by a node it holds, so
 * the lab keeps working if the generator numbers networks differently; the relationships checked
 * below are what the steps' prose relies on, and a change in the generator fails loudly here.
 */
import { findNode, topologyFor } from '@sim/topology/places';
import { asTopologyOf } from '@sim/models/bgp/generatedAsTopology';
import {
  asnOfNetwork as asn,
  firstHostAddress,
  networkOfAsn as network,
  networkPrefix,
} from '@sim/models/bgp/networkAddresses';
import { formatPrefix } from '@sim/models/bgp/prefix';
import { linkIds } from '@sim/net/linkIds';
import { INTRO_WATCH, SEED } from './scenario';

const topology = topologyFor('classroom', SEED);
const asTopology = asTopologyOf(topology, SEED);
const networkOf = (place: string) => topology.nodes[findNode(topology, place)].network;

/** a network's providers and customers, by network id */
export function providersOf(net: number): number[] {
  return asTopology.links
    .filter((l) => l.rel === 'transit' && l.a === asn(net))
    .map((l) => network(l.b));
}
export function customersOf(net: number): number[] {
  return asTopology.links
    .filter((l) => l.rel === 'transit' && l.b === asn(net))
    .map((l) => network(l.a));
}

/** a network's own prefix (10.x.y.0/24) and its first host address, which the lab watches */
export const prefixOf = (net: number) => formatPrefix(networkPrefix(net));
export const addressOf = firstHostAddress;

/** London's access network: one provider only, the tier-1 at home in Frankfurt. */
export const LONDON = networkOf('client@london');
export const FRANKFURT_TIER1 = networkOf('client@frankfurt');
/** Boston's access network: two providers, New York's tier-1 and the transit network */
export const BOSTON = networkOf('client@boston');
/** the tier-1 at home in New York (the network of New York's edge servers) */
export const NEW_YORK_TIER1 = networkOf('edge@new-york');
/** the origin's hosting network, in New York: YouTube's stand-in (AS36561) */
export const YOUTUBE = networkOf('origin:new-york');
/** Singapore's access network: Pakistan Telecom's stand-in (AS17557) */
export const PAKISTAN = networkOf('client@singapore');
/** its one provider, the tier-1 at home in Tokyo: PCCW's stand-in (AS3491) */
export const PCCW = networkOf('client@tokyo');

/**
 * The CDN's servers the overlay steps follow, each its network's first edge server, which is the
 * overlay's member there (the model's default members, src/sim/models/overlay/members.ts).
 */
export const TOKYO_SERVER = findNode(topology, 'edge@tokyo');
export const BOSTON_SERVER = findNode(topology, 'edge@boston');
export const WASHINGTON_SERVER = findNode(topology, 'edge@washington');
export const NEW_YORK_SERVER = findNode(topology, 'edge@new-york');
/** Boston's server's own link to its network: every path to it, relayed or not, crosses it */
export const BOSTON_SERVER_ACCESS = linkIds.access(topology.nodes[BOSTON_SERVER].name);
/** a server as the findings name it */
export const serverName = (node: number) =>
  `the server in ${topology.cities[topology.nodes[node].city].name}`;
export const networkOfServer = (node: number) => topology.nodes[node].network;
const firstEdgeOf = (net: number) =>
  topology.nodes.find((n) => n.kind === 'edge' && n.network === net)?.id;

export const NETWORKS = topology.networks.length;
export const LONDON_ADDRESS = addressOf(LONDON);
export const LONDON_PREFIX = prefixOf(LONDON);
export const BOSTON_ADDRESS = addressOf(BOSTON);

/** a network as the findings name it: its name and home city */
export function networkName(net: number): string {
  const n = topology.networks[net];
  return n ? `${n.name} (${topology.cities[n.cities[0]].name})` : `net-${net}`;
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`the middle-mile lab expects ${what} in the classroom topology`);
}
expect(
  providersOf(LONDON).length === 1 && providersOf(LONDON)[0] === FRANKFURT_TIER1,
  "London's network to buy transit from Frankfurt's tier-1 alone",
);
expect(INTRO_WATCH === LONDON_ADDRESS, "the intro to watch London's network's address");
expect(
  providersOf(BOSTON).length === 2 && providersOf(BOSTON).includes(NEW_YORK_TIER1),
  "Boston's network to buy transit from New York's tier-1 and one other provider",
);
expect(
  providersOf(FRANKFURT_TIER1).length === 0 && providersOf(NEW_YORK_TIER1).length === 0,
  "Frankfurt's and New York's networks to be tier-1s",
);
expect(
  providersOf(YOUTUBE).includes(NEW_YORK_TIER1),
  "the origin's hosting network to buy from New York's tier-1",
);
expect(
  providersOf(PAKISTAN).length === 1 && providersOf(PAKISTAN)[0] === PCCW,
  "Singapore's network to buy from Tokyo's tier-1 alone",
);
expect(
  [TOKYO_SERVER, BOSTON_SERVER, WASHINGTON_SERVER, NEW_YORK_SERVER].every(
    (n) => firstEdgeOf(networkOfServer(n)) === n,
  ),
  'the servers in Tokyo, Boston, Washington and New York to be the overlay members of their networks',
);
expect(
  networkOfServer(TOKYO_SERVER) === PCCW &&
    networkOfServer(BOSTON_SERVER) === BOSTON &&
    networkOfServer(NEW_YORK_SERVER) === NEW_YORK_TIER1,
  "the servers in Tokyo, Boston and New York to be in Tokyo's tier-1, Boston's network and New York's tier-1",
);

/** Boston's other provider (not New York's tier-1): the cable a what-if cuts too. */
export const BOSTON_OTHER_PROVIDER = providersOf(BOSTON).find((p) => p !== NEW_YORK_TIER1)!;
