/**
 * The DNS model's observations that labs read, by type (the records its parts add as lookups
 * happen; see DnsContext.record and DnsModel.reportTotals).
 */

import type { ResolutionStep } from './Resolver';

/** One step of a resolution as the resolver reports it. */
export type ResolutionStepSeen = ResolutionStep;

/** The resolver has answered a client group's lookup (model observation). */
export interface ResolutionSeen {
  type: 'sim.resolution';
  timeNs: number;
  /** the resolver's node, and the stub's query id */
  resolver: number;
  id: number;
  client: number;
  name: string;
  rcode: string;
  fromCache: boolean;
  steps: ResolutionStepSeen[];
  addresses: string[];
  startedAtNs: number;
}

/** A client group has its answer (model observation). */
export interface AnswerSeen {
  type: 'sim.queryAnswered';
  timeNs: number;
  client: number;
  id: number;
  name: string;
  rcode: string;
  latencyNs: number;
  startedAtNs: number;
  addresses: string[];
  ttl: number | null;
}

/** A client group reached an edge server after `tries` connection attempts. */
export interface ConnectedSeen {
  type: 'sim.connected';
  timeNs: number;
  client: number;
  /** the lookup whose answer it used, and its name */
  id: number;
  name: string;
  address: string;
  tries: number;
  /** the successful attempt's handshake: from its SYN to the edge's reply, ns (one round trip) */
  handshakeNs: number;
}

/** A shard's DNS totals, recorded when the lab asks (model observation). */
export interface TotalsSeen {
  type: 'sim.dnsTotals';
  timeNs: number;
  counters: Record<string, number>;
  lookupLatencyMs: { count: number; mean: number | null; p95: number | null };
}
