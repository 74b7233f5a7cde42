/**
 * What the map calls a node: its role and city in full (on hover, on selection, in the message
 * inspector) and in a few characters (beside it, where few nodes are drawn). Edge servers and
 * name servers carry the IPv4 address the DNS answers give them (src/sim/models/dns/names.ts), so an
 * answer such as 10.0.0.11 can be found on the map.
 */
import type { NodeKind, Topology } from '@sim/topology';
import { nodeAddress } from '@sim/models/dns/names';

/** A role's name in full and in short, for every kind of node. */
export const ROLE_NAMES: Readonly<Record<NodeKind, { full: string; short: string }>> = {
  client: { full: 'client group', short: 'clients' },
  resolver: { full: 'resolver', short: 'resolver' },
  dnsRoot: { full: 'root name server', short: 'root' },
  dnsTld: { full: '.net name server', short: '.net' },
  dnsCdnTop: { full: 'CDN top-level name server', short: 'top-level NS' },
  dnsCdnLow: { full: 'CDN low-level name server', short: 'low-level NS' },
  edge: { full: 'edge server', short: 'edge' },
  origin: { full: 'origin', short: 'origin' },
};

/** Roles the DNS answers give addresses for (and the lab's messages name). */
const ADDRESSED: ReadonlySet<NodeKind> = new Set(['edge', 'dnsCdnLow', 'dnsCdnTop', 'origin']);

export function nodeLabels(topology: Topology, id: number): { label: string; short: string } {
  const node = topology.nodes[id];
  const role = ROLE_NAMES[node.kind];
  const city = topology.cities[node.city]?.name ?? '';
  const address = ADDRESSED.has(node.kind) ? ` ${nodeAddress(id)}` : '';
  return {
    label: `${role.full}${address}, ${city}`,
    short: node.kind === 'edge' ? nodeAddress(id) : role.short,
  };
}

/** One node's name as people read it: role, address where it has one, and city. */
export function nodeName(topology: Topology, id: number): string {
  return id >= 0 && id < topology.nodes.length ? nodeLabels(topology, id).label : `node ${id}`;
}

/** The last part of an address, `10.0.0.11` → `11`, for address ranges. */
function lastPart(address: string): string {
  return address.slice(address.lastIndexOf('.') + 1);
}

/**
 * A data centre drawn as one node: its city and its edge servers' addresses (a range when they
 * are consecutive, as the generator numbers them).
 */
export function dataCentreLabels(
  topology: Topology,
  dcId: number,
): { label: string; short: string } {
  const dc = topology.dataCentres[dcId];
  const city = topology.cities[dc.city]?.name ?? '';
  const ids = [...dc.servers].sort((a, b) => a - b);
  const first = nodeAddress(ids[0]);
  const consecutive = ids.every((id, i) => id === ids[0] + i);
  const last = nodeAddress(ids[ids.length - 1]);
  const range =
    ids.length === 1
      ? first
      : consecutive &&
          first.slice(0, first.lastIndexOf('.')) === last.slice(0, last.lastIndexOf('.'))
        ? `${first}–${lastPart(last)}`
        : `${first} and ${ids.length - 1} more`;
  return {
    label: `data centre ${dc.name}, ${city}: ${ids.length} edge servers ${range}`,
    short: range,
  };
}
