/**
 * Nodes found by what and where they are, not by number: the names labs use to talk about the
 * topology. A place is a node's own name (`client:london-n2`, `origin:new-york`) or
 * `<kind>@<city id>`, the first node of that kind in that city (`client@london`,
 * `dnsCdnLow@frankfurt`), with `#k` for the k-th (`edge@tokyo#3`), in the order of their ids. A
 * place names the same node for as long as the generator puts the same nodes in the same cities,
 * however it numbers them.
 *
 * The topologies are shared: a page generates each (scale, seed) once (topologyFor), and the
 * map, the lab and its places read the same copy, which no one changes.
 */
import { generateTopology } from './generateTopology';
import type { ScaleName } from './scales';
import type { Topology } from './types';

const generated = new Map<string, Topology>();

/** The topology of (scale, seed), generated the first time it is asked for. */
export function topologyFor(scale: ScaleName | number, seed: number): Topology {
  const key = `${scale}/${seed}`;
  let topology = generated.get(key);
  if (topology === undefined) {
    topology = generateTopology(scale, seed);
    // A page keeps a few (a lab and the sandbox); an experiment sweeping seeds must not hoard.
    if (generated.size >= 4) generated.delete(generated.keys().next().value!);
    generated.set(key, topology);
  }
  return topology;
}

/** The node a place names; throws an Error saying which place is missing from which topology. */
export function findNode(topology: Topology, place: string): number {
  const byName = topology.nodes.find((n) => n.name === place);
  if (byName) return byName.id;
  const m = /^([a-zA-Z]+)@([a-z0-9-]+)(?:#(\d+))?$/.exec(place);
  if (!m) throw new Error(`'${place}' is neither a node's name nor a place like client@london`);
  const [, kind, city, k = '1'] = m;
  const found = topology.nodes.filter(
    (n) => n.kind === kind && topology.cities[n.city]?.id === city,
  );
  const node = found[Number(k) - 1];
  if (!node)
    throw new Error(
      `the ${topology.scale.name} topology has ${found.length === 0 ? 'no' : `only ${found.length}`} ${kind} node${found.length === 1 ? '' : 's'} in ${city}, so no ${place}`,
    );
  return node.id;
}

/**
 * The place that names a node, the other way round from findNode: `<kind>@<city id>`, with
 * `#k` when it is the k-th node of its kind in its city (k > 1). Short enough for a table's
 * header, and the name a lab would use for the same node.
 */
export function placeName(topology: Topology, id: number): string {
  const node = topology.nodes[id];
  const city = topology.cities[node.city]?.id;
  if (city === undefined) return node.name;
  let k = 1;
  for (const n of topology.nodes) {
    if (n.id === id) break;
    if (n.kind === node.kind && n.city === node.city) k++;
  }
  return `${node.kind}@${city}${k > 1 ? `#${k}` : ''}`;
}
