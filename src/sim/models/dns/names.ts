/**
 * The DNS namespace of the model: the zones a lookup walks down (root → net → akamai.net →
 * g.akamai.net), the host names of each role's name servers, and IPv4 addresses for nodes.
 * Everything here is a pure function of the topology, so every shard derives the same names.
 */
import type { NodeKind, Topology, TopologyNode } from '../../topology/types';

/** The roles a DNS message can come from or go to, in the lab's vocabulary. */
export type DnsRole = 'client' | 'resolver' | 'root' | 'tld' | 'toplevel' | 'lowlevel' | 'edge';

export const ROLE_OF_KIND: Partial<Record<NodeKind, DnsRole>> = {
  client: 'client',
  resolver: 'resolver',
  dnsRoot: 'root',
  dnsTld: 'tld',
  dnsCdnTop: 'toplevel',
  dnsCdnLow: 'lowlevel',
  edge: 'edge',
};

export const KIND_OF_ROLE: Record<DnsRole, NodeKind> = {
  client: 'client',
  resolver: 'resolver',
  root: 'dnsRoot',
  tld: 'dnsTld',
  toplevel: 'dnsCdnTop',
  lowlevel: 'dnsCdnLow',
  edge: 'edge',
};

/** Zones, deepest last; names are written without the trailing dot ('' is the root). */
export const ROOT_ZONE = '';
export const TLD_ZONE = 'net';
export const CDN_ZONE = 'akamai.net';
export const MAPPED_ZONE = 'g.akamai.net';

/** The zone each authoritative role serves. */
export const ZONE_OF_ROLE: Partial<Record<DnsRole, string>> = {
  root: ROOT_ZONE,
  tld: TLD_ZONE,
  toplevel: CDN_ZONE,
  lowlevel: MAPPED_ZONE,
};

/** Lower case, no trailing dot: the form names are compared and cached in. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** True when `name` is `zone` or below it ('' contains everything). */
export function isInZone(name: string, zone: string): boolean {
  return zone === '' || name === zone || name.endsWith(`.${zone}`);
}

/** For display: the root as '.', other zones with their trailing dot. */
export function zoneLabel(zone: string): string {
  return zone === '' ? '.' : `${zone}.`;
}

/**
 * An IPv4 address for a node: 10.x.y.z from the node id (private space, so no real host is
 * named). Unique for up to 2^24 nodes; the largest topology has about 60,000.
 */
export function nodeAddress(id: number): string {
  return `10.${(id >>> 16) & 255}.${(id >>> 8) & 255}.${id & 255}`;
}

/** The node an address names, or −1 when it is not one of ours. */
export function addressNode(address: string): number {
  const m = /^10\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!m) return -1;
  return (Number(m[1]) << 16) | (Number(m[2]) << 8) | Number(m[3]);
}

/**
 * The instances of each anycast name server (its home node first, then by node id), by the
 * home node's id: the node whose address they all announce. A unicast server is absent.
 */
export function anycastGroups(topology: Topology): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const n of topology.nodes) {
    if (n.anycastOf === undefined) continue;
    const group = groups.get(n.anycastOf) ?? [];
    group.push(n.id);
    groups.set(n.anycastOf, group);
  }
  return groups;
}

/** True for the extra instances of an anycast server (not its home node, not a unicast node). */
export function isExtraInstance(node: TopologyNode): boolean {
  return node.anycastOf !== undefined && node.anycastOf !== node.id;
}

/**
 * A name server's host name, after the real ones: a.root-servers.net, a.gtld-servers.net, the
 * CDN's top-level servers under akamaitech.net, low-level servers as n<dc>g.akamai.net (the form
 * Akamai's low-level servers have, e.g. n1g.akamai.net; in akamai.net so the top level can give
 * their glue).
 */
export function serverHostName(topology: Topology, node: TopologyNode): string {
  // Every anycast instance is the same server to the outside: it carries its service's name.
  const named = node.anycastOf === undefined ? node : topology.nodes[node.anycastOf];
  const label = named.name.replace(/^[^:]*:/, '');
  switch (node.kind) {
    case 'dnsRoot':
      return `${label.replace(/^root-/, '')}.root-servers.net`;
    case 'dnsTld':
      return `${label.replace(/^net-/, '')}.gtld-servers.net`;
    case 'dnsCdnTop':
      return `${label}.akamaitech.net`;
    case 'dnsCdnLow':
      return `n${node.dataCentre}g.akamai.net`;
    default:
      return `${label}.${topology.cities[node.city].id}.example`;
  }
}
