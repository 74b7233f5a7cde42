/**
 * The growing node array of a topology under construction: hands out dense ids in call order and
 * places each node at its city's coordinates. Nodes are not jittered: nodes in one metro share a
 * point, and the distance inside a metro is left to the network model's per-hop terms, so that
 * no latency depends on the seed through a jitter draw.
 */
import type { City } from './cities';
import type { NodeKind, TopologyNode } from './types';

export interface NodeList {
  readonly nodes: TopologyNode[];
  readonly cities: readonly City[];
  add(
    kind: NodeKind,
    name: string,
    city: number,
    network: number,
    dataCentre: number,
  ): TopologyNode;
}

export function createNodeList(cities: readonly City[]): NodeList {
  const nodes: TopologyNode[] = [];
  return {
    nodes,
    cities,
    add(kind, name, city, network, dataCentre) {
      const c = cities[city];
      const node: TopologyNode = {
        id: nodes.length,
        kind,
        name,
        city,
        lat: c.lat,
        lon: c.lon,
        network,
        dataCentre,
      };
      nodes.push(node);
      return node;
    },
  };
}
