/**
 * The sandbox's statistics. Each installation (one per shard) counts what happens at the nodes it
 * runs; every event runs in exactly one shard and counts are integer sums, so merging the shards'
 * snapshots gives the same totals as a single-engine run. Nothing here is read by the model.
 */
import { Histogram, type HistogramSnapshot } from '../../stats/Histogram';
import { nsToMs } from '../../time';

export const FAILURE_REASONS = [
  'timeout',
  'originRejected',
  'originTimeout',
  'noServer',
  'edgeOverloaded',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Plain counters: every field a whole number (or integer ns) that adds across shards. */
export interface SandboxCounts {
  requests: number;
  responses: number;
  /** answers that came after the client had already given up (timed out) */
  lateResponses: number;
  hits: number;
  /** misses include expired entries and uncacheable objects */
  misses: number;
  expired: number;
  uncacheable: number;
  /** expired copies the origin confirmed as current (a small 304 instead of the object) */
  revalidated: number;
  /** requests that joined a fetch already on its way (no new origin fetch) */
  coalesced: number;
  /** fetches sent to the origin by edge servers (parents included) */
  originFetches: number;
  /** parent caches: fetches edge servers sent to a parent server instead of the origin */
  parentFetches: number;
  /** origin fetches edge servers sent through an overlay relay instead of straight on */
  relayedFetches: number;
  /** of the fetches parents processed, those answered from the parent's cache, and the rest */
  parentHits: number;
  parentMisses: number;
  /** fetches a parent (or an overlay relay) refused or left unanswered, sent again to the origin */
  parentFallbacks: number;
  originServed: number;
  originRejected: number;
  bytesServedByEdges: number;
  bytesFromOrigin: number;
  /** sandbox messages the network dropped (loss, full queues, down nodes...) */
  messagesDropped: number;
  /** of those, lost messages the transport sent again (see transport.ts) */
  retransmissions: number;
  /** requests sent and not yet answered, failed or timed out */
  outstanding: number;
  /** TCP connections the edge servers accepted from other models' clients (SYN answered) */
  connectionsAccepted: number;
  /** origin worker-ns busy, and worker-ns available, summed over origins */
  originBusyNs: number;
  originCapacityNs: number;
}

export interface SandboxStatsSnapshot {
  timeNs: number;
  counts: SandboxCounts;
  failures: Record<FailureReason, number>;
  latencyNs: HistogramSnapshot;
}

/** What a lab or the runner reads: plain numbers. */
export interface SandboxStats extends Omit<SandboxCounts, 'originBusyNs' | 'originCapacityNs'> {
  failures: Record<FailureReason, number>;
  failed: number;
  /** hits ÷ (hits + misses); NaN before any request reached an edge */
  hitRatio: number;
  /** mean fraction of origin workers busy over the run */
  originUtilisation: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
}

export function emptyCounts(): SandboxCounts {
  return {
    requests: 0,
    responses: 0,
    lateResponses: 0,
    hits: 0,
    misses: 0,
    expired: 0,
    uncacheable: 0,
    revalidated: 0,
    coalesced: 0,
    originFetches: 0,
    parentFetches: 0,
    relayedFetches: 0,
    parentHits: 0,
    parentMisses: 0,
    parentFallbacks: 0,
    originServed: 0,
    originRejected: 0,
    bytesServedByEdges: 0,
    bytesFromOrigin: 0,
    messagesDropped: 0,
    retransmissions: 0,
    outstanding: 0,
    connectionsAccepted: 0,
    originBusyNs: 0,
    originCapacityNs: 0,
  };
}

export function emptyFailures(): Record<FailureReason, number> {
  return { timeout: 0, originRejected: 0, originTimeout: 0, noServer: 0, edgeOverloaded: 0 };
}

/** Totals over several shards' snapshots (time is the latest of them). */
export function mergeStatsSnapshots(list: readonly SandboxStatsSnapshot[]): SandboxStatsSnapshot {
  const counts = emptyCounts();
  const failures = emptyFailures();
  const latency = new Histogram();
  let timeNs = 0;
  for (const s of list) {
    for (const k of Object.keys(counts) as (keyof SandboxCounts)[]) counts[k] += s.counts[k];
    for (const r of FAILURE_REASONS) failures[r] += s.failures[r];
    latency.merge(Histogram.fromSnapshot(s.latencyNs));
    timeNs = Math.max(timeNs, s.timeNs);
  }
  return { timeNs, counts, failures, latencyNs: latency.toSnapshot() };
}

export function summarizeStats(s: SandboxStatsSnapshot): SandboxStats {
  const { originBusyNs, originCapacityNs, ...counts } = s.counts;
  const h = Histogram.fromSnapshot(s.latencyNs);
  const ms = (p: number) => nsToMs(h.percentile(p));
  const lookups = counts.hits + counts.misses;
  return {
    ...counts,
    failures: { ...s.failures },
    failed: FAILURE_REASONS.reduce((sum, r) => sum + s.failures[r], 0),
    hitRatio: lookups > 0 ? counts.hits / lookups : NaN,
    originUtilisation: originCapacityNs > 0 ? originBusyNs / originCapacityNs : 0,
    latencyMs: { mean: nsToMs(h.mean), p50: ms(50), p95: ms(95), p99: ms(99), max: ms(100) },
  };
}

/**
 * The snapshot as flat summable counters (`delivery.requests`, `delivery.failures.timeout`, …),
 * the form the runtime merges across shards; `latencyNs` travels as a histogram beside them.
 */
export function flattenCounts(s: SandboxStatsSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.counts)) out[`delivery.${k}`] = v;
  for (const r of FAILURE_REASONS) out[`delivery.failures.${r}`] = s.failures[r];
  return out;
}

/** Rebuilds a snapshot from merged flat counters and the merged latency histogram. */
export function unflattenCounts(
  timeNs: number,
  counters: Record<string, number>,
  latencyNs: HistogramSnapshot,
): SandboxStatsSnapshot {
  const counts = emptyCounts();
  for (const k of Object.keys(counts) as (keyof SandboxCounts)[])
    counts[k] = counters[`delivery.${k}`] ?? 0;
  const failures = emptyFailures();
  for (const r of FAILURE_REASONS) failures[r] = counters[`delivery.failures.${r}`] ?? 0;
  return { timeNs, counts, failures, latencyNs };
}
