/**
 * What the node inspector shows of a network's routing under BGP: its neighbours with their
 * relationship and link state, and the prefixes it announces (its own, and any it was told to
 * announce: a hijack). Plain data, so that it crosses from a worker to the page.
 */
import type { LinkState, NeighbourState } from './BgpNetwork';
import { asnOfNetwork, networkOfAsn } from './networkAddresses';
import type { Relationship } from './decision';

export interface NetworkRouting {
  network: number;
  asn: number;
  /** prefixes the network announces as their origin now, `a.b.c.d/len` */
  announces: string[];
  /** world network ids, with what each is to this network and the state of their link */
  neighbours: { network: number; rel: Relationship; state: LinkState }[];
}

interface RoutingSource {
  neighbours(asn: number): NeighbourState[];
  originatedBy(asn: number): string[];
}

export function networkRouting(bgp: RoutingSource, network: number): NetworkRouting {
  const asn = asnOfNetwork(network);
  return {
    network,
    asn,
    announces: bgp.originatedBy(asn),
    neighbours: bgp
      .neighbours(asn)
      .map((n) => ({ network: networkOfAsn(n.asn), rel: n.rel, state: n.state })),
  };
}
