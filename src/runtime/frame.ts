/**
 * What the runtime hands the user interface once per animation frame at most: the state of the
 * whole (merged) simulation as plain numbers and typed arrays. Views read frames; they never
 * touch live simulation objects.
 */
import type { MergedSnapshot } from './Coordinator';
import type { LogBatch } from './eventLog';
import type { InFlightList } from './inFlight';
import type { LinkTraffic } from './linkTraffic';

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
  // The four fields below are optional only so that frames built by hand in tests need not
  // carry them; the runtime always fills them.
  /** per node id: the software version it runs (1 until a rollout changes it) */
  version?: Uint16Array;
  /** per link (by stable number, see linkNumbers in Network.ts): traffic so far */
  links?: LinkTraffic;
  /** messages on their way now (small topologies only; empty otherwise) */
  inFlight?: InFlightList;
  /** network pairs without peering now, flattened (a, b, a, b…) */
  dePeered?: number[];
  /** named counters (requests, hits, misses, origin fetches, drops...) summed over shards */
  counters: Record<string, number>;
  /** digest of the event trace so far: equal for two runs exactly when their traces agree */
  digest: string;
  /**
   * messages delivered or dropped, and the models' events (ModelContext.log), since the previous
   * frame (sampled when many)
   */
  log: LogBatch;
  /** the model's records (e.g. DNS messages, cache changes) since the previous frame, in time order */
  observations?: unknown[];
  /** named distributions (latencies, ns) merged over shards, as percentiles */
  percentiles: Record<string, { count: number; p50: number; p95: number; p99: number }>;
}

/** A merged snapshot as a frame: distributions as percentiles, the rest as they are. */
export function frameOf(s: MergedSnapshot): RuntimeFrame {
  const percentiles: RuntimeFrame['percentiles'] = {};
  for (const [name, h] of Object.entries(s.histograms)) {
    percentiles[name] = {
      count: h.count,
      p50: h.percentile(50),
      p95: h.percentile(95),
      p99: h.percentile(99),
    };
  }
  return {
    timeNs: s.timeNs,
    executed: s.executed,
    eventsPerShard: s.eventsPerShard,
    busyMsPerShard: s.busyMsPerShard,
    nodeLoad: s.nodeLoad,
    nodeUp: s.nodeUp,
    version: s.version,
    links: s.links,
    inFlight: s.inFlight,
    dePeered: s.dePeered,
    counters: s.counters,
    percentiles,
    digest: s.digest,
    log: s.log,
    observations: s.observations,
  };
}
