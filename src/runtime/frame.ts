/**
 * What the runtime hands the user interface once per animation frame at most: the state of the
 * whole (merged) simulation as plain numbers and typed arrays. Views read frames; they never
 * touch live simulation objects.
 */
import type { LogBatch } from './eventLog';

export interface RuntimeFrame {
  /** simulated time, ns */
  timeNs: number;
  /** events run so far, over all workers */
  executed: number;
  /** per worker: events run, and wall-clock ms spent running them (how evenly work is split) */
  eventsPerShard: number[];
  busyMsPerShard: number[];
  /** per node id: load relative to capacity (0 idle, 1 at capacity, above 1 overloaded) */
  nodeLoad: Float32Array;
  /** per node id: 1 if up, 0 if failed */
  nodeUp: Uint8Array;
  /** named counters (requests, hits, misses, origin fetches, drops...) summed over shards */
  counters: Record<string, number>;
  /** digest of the event trace so far: equal for two runs exactly when their traces agree */
  digest: string;
  /** messages delivered or dropped since the previous frame (sampled when many) */
  log: LogBatch;
  /** named distributions (latencies, ns) merged over shards, as percentiles */
  percentiles: Record<string, { count: number; p50: number; p95: number; p99: number }>;
}
