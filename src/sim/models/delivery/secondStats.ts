/**
 * The run second by second, for the flash-crowd charts and the headless runner: what happened in
 * each simulated second [s, s + 1). Every shard records the events it runs; a second is handed
 * over once the shard's clock has passed its end, and the shards' records of one second add up
 * (`mergeSeconds`) to what a single engine would have recorded. Statistics only: the model never
 * reads them.
 */
import { Histogram, type HistogramSnapshot } from '../../stats/Histogram';
import { SECOND } from '../../time';

export interface SecondCounts {
  /** requests the client groups issued */
  requests: number;
  /** successful answers the client groups received */
  responses: number;
  /** error answers, timeouts and requests no server could take */
  failed: number;
  hits: number;
  misses: number;
  /** bytes of successful answers delivered to client groups, wherever they came from */
  deliveredBytes: number;
  /** bytes of objects the origins sent (to edge servers, or to clients with no CDN) */
  originBytes: number;
  /** requests and fetches that reached an origin, and those it refused (queue full) */
  originArrivals: number;
  originRejected: number;
  /** origin worker-ns busy, and available, within the second */
  originBusyNs: number;
  originCapacityNs: number;
  /** jobs waiting in origin queues at the end of the second */
  originQueue: number;
}

export interface SecondStats extends SecondCounts {
  second: number;
  latencyNs: HistogramSnapshot;
  /** per region (in `topology.regions` order): answers received, and their summed latency */
  regionResponses: number[];
  regionLatencyNs: number[];
}

interface Bucket extends SecondCounts {
  latency: Histogram;
  regionResponses: number[];
  regionLatencyNs: number[];
}

const COUNT_KEYS = [
  'requests',
  'responses',
  'failed',
  'hits',
  'misses',
  'deliveredBytes',
  'originBytes',
  'originArrivals',
  'originRejected',
  'originBusyNs',
  'originCapacityNs',
  'originQueue',
] as const satisfies readonly (keyof SecondCounts)[];

function emptyBucket(regions: number): Bucket {
  const b = {
    latency: new Histogram(),
    regionResponses: [],
    regionLatencyNs: [],
  } as unknown as Bucket;
  for (const k of COUNT_KEYS) b[k] = 0;
  b.regionResponses = new Array<number>(regions).fill(0);
  b.regionLatencyNs = new Array<number>(regions).fill(0);
  return b;
}

export class SecondRecorder {
  private readonly buckets = new Map<number, Bucket>();

  constructor(private readonly regions: number) {}

  /** The bucket of the second containing timeNs. */
  at(timeNs: number): Bucket {
    return this.of(Math.floor(timeNs / SECOND));
  }

  of(second: number): Bucket {
    let b = this.buckets.get(second);
    if (b === undefined) {
      b = emptyBucket(this.regions);
      this.buckets.set(second, b);
    }
    return b;
  }

  /** A successful answer that took latencyNs, received by a client group in `region`. */
  answered(timeNs: number, latencyNs: number, region: number): void {
    const b = this.at(timeNs);
    b.responses++;
    b.latency.record(latencyNs);
    b.regionResponses[region]++;
    b.regionLatencyNs[region] += latencyNs;
  }

  /**
   * Hands over (and forgets) every second that ended before nowNs, in order. A second that ends
   * exactly at nowNs is kept: events at that instant (the origin's end-of-second sample) have
   * not run yet, since a run up to t stops before the events at t.
   */
  takeClosed(nowNs: number): SecondStats[] {
    const out: SecondStats[] = [];
    for (const [second, b] of this.buckets)
      if ((second + 1) * SECOND < nowNs) out.push(toStats(second, b));
    for (const s of out) this.buckets.delete(s.second);
    return out.sort((a, b) => a.second - b.second);
  }
}

function toStats(second: number, b: Bucket): SecondStats {
  const s = { second, latencyNs: b.latency.toSnapshot() } as SecondStats;
  for (const k of COUNT_KEYS) s[k] = b[k];
  s.regionResponses = [...b.regionResponses];
  s.regionLatencyNs = [...b.regionLatencyNs];
  return s;
}

/** Adds up the records of the same second from several shards; ascending by second. */
export function mergeSeconds(list: readonly SecondStats[]): SecondStats[] {
  const bySecond = new Map<number, SecondStats[]>();
  for (const s of list) {
    const group = bySecond.get(s.second);
    if (group) group.push(s);
    else bySecond.set(s.second, [s]);
  }
  const out: SecondStats[] = [];
  for (const [second, group] of bySecond) {
    if (group.length === 1) {
      out.push(group[0]);
      continue;
    }
    const b = emptyBucket(group[0].regionResponses.length);
    for (const s of group) {
      for (const k of COUNT_KEYS) b[k] += s[k];
      b.latency.merge(Histogram.fromSnapshot(s.latencyNs));
      s.regionResponses.forEach((n, r) => (b.regionResponses[r] += n));
      s.regionLatencyNs.forEach((n, r) => (b.regionLatencyNs[r] += n));
    }
    out.push(toStats(second, b));
  }
  return out.sort((a, b) => a.second - b.second);
}

/**
 * Several seconds added up into one record (a window of a run: its counts are totals, not per
 * second); null for none. Records of the same second from several shards may be among them.
 */
export function sumSeconds(list: readonly SecondStats[]): SecondStats | null {
  if (list.length === 0) return null;
  return mergeSeconds(list.map((s) => ({ ...s, second: list[0].second })))[0];
}

/** What a chart or a table shows for one second: rates, shares and percentiles. */
export interface SecondSummary {
  second: number;
  requestsPerSecond: number;
  /** share of requests answered with an error or not at all */
  errorRate: number;
  /** share of edge lookups that were hits; null with no edge lookups (no CDN) */
  hitRatio: number | null;
  /**
   * origin offload: the share of requests that never reached an origin, and of delivered bytes
   * the origin did not send
   */
  requestOffload: number;
  byteOffload: number;
  originArrivalsPerSecond: number;
  originUtilisation: number;
  originQueue: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** mean latency per region, ms (null where no answers arrived) */
  regionMeanMs: (number | null)[];
}

export function summarizeSecond(s: SecondStats): SecondSummary {
  const h = Histogram.fromSnapshot(s.latencyNs);
  const ms = (p: number) => (h.count > 0 ? h.percentile(p) / 1e6 : null);
  const lookups = s.hits + s.misses;
  return {
    second: s.second,
    requestsPerSecond: s.requests,
    errorRate: s.requests > 0 ? s.failed / s.requests : 0,
    hitRatio: lookups > 0 ? s.hits / lookups : null,
    requestOffload: s.requests > 0 ? Math.max(0, 1 - s.originArrivals / s.requests) : 0,
    byteOffload: s.deliveredBytes > 0 ? Math.max(0, 1 - s.originBytes / s.deliveredBytes) : 0,
    originArrivalsPerSecond: s.originArrivals,
    originUtilisation: s.originCapacityNs > 0 ? s.originBusyNs / s.originCapacityNs : 0,
    originQueue: s.originQueue,
    p50Ms: ms(50),
    p95Ms: ms(95),
    regionMeanMs: s.regionResponses.map((n, r) => (n > 0 ? s.regionLatencyNs[r] / n / 1e6 : null)),
  };
}
