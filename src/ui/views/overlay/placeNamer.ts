/**
 * Members named by place (edge@tokyo), each name found once: finding one walks the topology's
 * nodes, and a view names the same few members on every frame.
 */
import { placeName } from '@sim/topology/places';
import type { Topology } from '@sim/topology/types';

export function placeNamer(topology: Topology): (node: number) => string {
  const names = new Map<number, string>();
  return (node) => {
    let n = names.get(node);
    if (n === undefined) names.set(node, (n = placeName(topology, node)));
    return n;
  };
}
