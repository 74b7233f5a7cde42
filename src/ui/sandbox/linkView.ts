/**
 * What the node inspector reads about links from a frame: an access link's traffic, a network
 * pair's peering traffic (over every site where they interconnect) and whether they peer.
 */
import type { RuntimeFrame } from '@runtime/frame';
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

/** Bytes as a student reads them: 1.2 MB, 340 kB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}
