/**
 * The nodes the lab talks about, found by what they are rather than by number, so the lab
 * keeps working if the generator numbers nodes differently.
 */
import { generateTopology } from '@sim/topology/generateTopology';
import { SEED } from './scenario';

const topology = generateTopology('classroom', SEED);

function clientIn(city: string): number {
  const node = topology.nodes.find(
    (n) => n.kind === 'client' && topology.cities[n.city].id === city,
  );
  if (!node) throw new Error(`the classroom topology has no client group in ${city}`);
  return node.id;
}

/** The client group the student follows, and one on another continent to compare with. */
export const CLIENT = clientIn('london');
export const OTHER_CLIENT = clientIn('tokyo');
export const CLIENT_CITY = 'London';
export const OTHER_CITY = 'Tokyo';

/** The name the lab follows, and a sibling in the same zone. */
export const NAME = 'a7.g.akamai.net';
export const SIBLING = 'a12.g.akamai.net';

/** The id of a node's access link (what `link.set` names), e.g. `access:dns:low-frankfurt-n1`. */
export function accessLinkOf(node: number): string {
  const n = topology.nodes[node];
  if (!n) throw new Error(`no node ${node} in the classroom topology`);
  return `access:${n.name}`;
}

/** A node's name as the map and the event log show it. */
export function nameOf(node: number): string {
  return topology.nodes[node]?.name ?? `node ${node}`;
}
