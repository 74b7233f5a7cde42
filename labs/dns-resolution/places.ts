/**
 * The nodes the lab talks about, named by place (src/sim/topology/places.ts) rather than by
 * number, so the lab keeps working if the generator numbers nodes differently. The topology is
 * the page's own copy (topologyFor), not a second one.
 */
import { findNode, topologyFor } from '@sim/topology/places';
import { SEED } from './scenario';

const topology = topologyFor('classroom', SEED);

/** The client group the student follows, and one on another continent to compare with. */
export const CLIENT = findNode(topology, 'client@london');
export const OTHER_CLIENT = findNode(topology, 'client@tokyo');
export const CLIENT_CITY = 'London';
export const OTHER_CITY = 'Tokyo';

/** The public resolver the client-subnet step sends the student's client group to. */
export const PUBLIC_RESOLVER = findNode(topology, 'resolver:public-washington');

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
