/**
 * What the node inspector reads about links from a frame: an access link's traffic, a network
 * pair's peering traffic (over every site where they interconnect) and whether they peer; and
 * which of a network's peers to list (a few, not the 13,000 networks of the 2009 scale).
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology/types';
import { trafficOf } from '@runtime/linkTraffic';
import { linkNumbers } from '@sim/net/Network';
import { REGION_IDS } from '@sim/topology/regions';

export interface Traffic {
  bytes: number;
  messages: number;
  drops: number;
}

const NONE: Traffic = { bytes: 0, messages: 0, drops: 0 };

export function accessTraffic(frame: RuntimeFrame | null, node: number): Traffic {
  return (frame?.links && trafficOf(frame.links, linkNumbers.access(node))) || NONE;
}

/** Traffic over all the interconnects of two networks (one per site where both are present). */
export function peeringTraffic(frame: RuntimeFrame | null, netA: number, netB: number): Traffic {
  if (!frame?.links) return NONE;
  const nodeCount = frame.nodeUp.length;
  const sum = { ...NONE };
  for (let site = 0; site < REGION_IDS.length; site++) {
    const t = trafficOf(frame.links, linkNumbers.peering(nodeCount, netA, netB, site));
    if (!t) continue;
    sum.bytes += t.bytes;
    sum.messages += t.messages;
    sum.drops += t.drops;
  }
  return sum;
}

export function arePeered(frame: RuntimeFrame | null, netA: number, netB: number): boolean {
  const pairs = frame?.dePeered ?? [];
  const [a, b] = netA < netB ? [netA, netB] : [netB, netA];
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === a && pairs[i + 1] === b) return false;
  return true;
}

/** At most this many networks are listed beside a data centre at once. */
export const PEERING_ROWS = 20;

export interface PeeringRow {
  network: number;
  name: string;
  peered: boolean;
  traffic: Traffic;
}

export interface PeeringRows {
  /** in network order */
  rows: PeeringRow[];
  /** networks not listed: of those whose name holds the search text, else of all the others */
  more: number;
}

/**
 * The networks to list beside `network`'s data centre. With search text: those whose name holds
 * it. Else all the others when they are few (the classroom); when they are many (13,000 at the
 * 2009 scale, where one row each made the page build and refresh tens of thousands of elements
 * every frame): those it is de-peered from, then those it exchanges the most messages with, then
 * the first others, up to `limit`. Reads the frame's link traffic in one pass.
 */
export function peeringRows(
  topology: Topology,
  frame: RuntimeFrame | null,
  network: number,
  search = '',
  limit = PEERING_ROWS,
): PeeringRows {
  const networks = topology.networks;
  const text = search.trim().toLowerCase();
  let chosen: number[];
  let of: number;
  if (text !== '') {
    const matches = networks
      .filter((n) => n.id !== network && n.name.toLowerCase().includes(text))
      .map((n) => n.id);
    chosen = matches.slice(0, limit);
    of = matches.length;
  } else {
    of = networks.filter((n) => n.id !== network).length;
    chosen = of <= limit ? networks.filter((n) => n.id !== network).map((n) => n.id) : [];
    if (of > limit) {
      const picked = new Set<number>();
      const take = (id: number) => {
        if (picked.size < limit && id !== network && networks[id]) picked.add(id);
      };
      for (const id of dePeeredFrom(frame, network)) take(id);
      const busiest = [...peeringMessages(frame, network)].sort(
        (x, y) => y[1] - x[1] || x[0] - y[0],
      );
      for (const [id] of busiest) take(id);
      for (let id = 0; picked.size < limit && id < networks.length; id++) take(id);
      chosen = [...picked].sort((x, y) => x - y);
    }
  }
  return {
    rows: chosen.map((id) => ({
      network: id,
      name: networks[id].name,
      peered: arePeered(frame, network, id),
      traffic: peeringTraffic(frame, network, id),
    })),
    more: of - chosen.length,
  };
}

/** The networks `network` is de-peered from now. */
function dePeeredFrom(frame: RuntimeFrame | null, network: number): number[] {
  const pairs = frame?.dePeered ?? [];
  const out: number[] = [];
  for (let i = 0; i < pairs.length; i += 2)
    if (pairs[i] === network) out.push(pairs[i + 1]);
    else if (pairs[i + 1] === network) out.push(pairs[i]);
  return out;
}

/** Messages over `network`'s interconnects, by the network at their other end. */
function peeringMessages(frame: RuntimeFrame | null, network: number): Map<number, number> {
  const out = new Map<number, number>();
  const links = frame?.links;
  if (!links) return out;
  const nodeCount = frame.nodeUp.length;
  for (let i = 0; i < links.numbers.length; i++) {
    const pair = linkNumbers.peeringPair(nodeCount, links.numbers[i]);
    if (!pair || (pair[0] !== network && pair[1] !== network)) continue;
    const other = pair[0] === network ? pair[1] : pair[0];
    out.set(other, (out.get(other) ?? 0) + links.messages[i]);
  }
  return out;
}

/** Bytes as a student reads them: 1.2 MB, 340 kB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}
