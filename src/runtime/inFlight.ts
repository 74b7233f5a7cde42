/**
 * Messages on their way, for the packet overlay of small topologies: a bounded list per shard
 * as typed arrays (plus the message types), concatenated over shards.
 */
import type { InFlight } from '@sim/net/Network';

export interface InFlightList {
  from: Int32Array;
  to: Int32Array;
  sentAtNs: Float64Array;
  /** arrival over an empty path (no queueing, no jitter) */
  expectedAtNs: Float64Array;
  types: string[];
}

/** Most messages in flight one snapshot carries (per shard, and merged). */
export const IN_FLIGHT_CAPACITY = 400;

export function packInFlight(list: readonly InFlight[]): InFlightList {
  return {
    from: Int32Array.from(list, (m) => m.from),
    to: Int32Array.from(list, (m) => m.to),
    sentAtNs: Float64Array.from(list, (m) => m.sentAt),
    expectedAtNs: Float64Array.from(list, (m) => m.expectedAt),
    types: list.map((m) => m.type),
  };
}

export function unpackInFlight(l: InFlightList): InFlight[] {
  return l.types.map((type, i) => ({
    from: l.from[i],
    to: l.to[i],
    type,
    sentAt: l.sentAtNs[i],
    expectedAt: l.expectedAtNs[i],
  }));
}

export function mergeInFlight(parts: readonly InFlightList[]): InFlightList {
  if (parts.length === 1) return parts[0];
  const all = parts.flatMap(unpackInFlight);
  if (all.length > IN_FLIGHT_CAPACITY) all.sort((a, b) => a.sentAt - b.sentAt);
  return packInFlight(all.slice(0, IN_FLIGHT_CAPACITY));
}

export function inFlightTransferables(l: InFlightList): ArrayBuffer[] {
  return [l.from, l.to, l.sentAtNs, l.expectedAtNs].map((a) => a.buffer as ArrayBuffer);
}
