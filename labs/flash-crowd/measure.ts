/**
 * What each experiment of the flash-crowd lab measured, computed from the run's per-second
 * records (the model's `sim.second` observations) and the load changes it reported. Pure.
 */
import { mergeSeconds, sumSeconds, summarizeSecond, type SecondStats } from '@sim/models/delivery';
import { Histogram } from '@sim/stats';
import { PEAK, HOT_LATE, TIERS_WINDOW } from './scenario';

/** The seconds [from, to] of a run, added up, and how many distinct seconds that is. */
export function windowOf(
  records: readonly SecondStats[],
  from: number,
  to: number,
): { sum: SecondStats; seconds: number } | null {
  const inside = records.filter((s) => s.second >= from && s.second <= to);
  const sum = sumSeconds(inside);
  return sum && { sum, seconds: new Set(inside.map((s) => s.second)).size };
}

export interface WindowFigures {
  seconds: number;
  requestsPerSecond: number;
  /** share of requests that reached the origin */
  originShare: number;
  /** fetches and requests arriving at the origin per second (refused ones included) */
  originArrivalsPerSecond: number;
  originUtilisation: number;
  /** requests and fetches per second the origin took in (not refused): its throughput when full */
  originAdmittedPerSecond: number;
  errorRate: number;
  hitRatio: number | null;
  byteOffload: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** delivered to clients, Gbit/s */
  deliveredGbps: number;
  regionMeanMs: (number | null)[];
}

export function figures(
  records: readonly SecondStats[],
  from: number,
  to: number,
): WindowFigures | null {
  const window = windowOf(records, from, to);
  if (window === null) return null;
  const { sum: w, seconds: n } = window;
  const s = summarizeSecond(w);
  const h = Histogram.fromSnapshot(w.latencyNs);
  return {
    seconds: n,
    requestsPerSecond: w.requests / n,
    originShare: w.requests > 0 ? Math.min(1, w.originArrivals / w.requests) : 0,
    originArrivalsPerSecond: w.originArrivals / n,
    originUtilisation: s.originUtilisation,
    originAdmittedPerSecond: (w.originArrivals - w.originRejected) / n,
    errorRate: s.errorRate,
    hitRatio: s.hitRatio,
    byteOffload: s.byteOffload,
    p50Ms: h.count > 0 ? h.percentile(50) / 1e6 : null,
    p95Ms: h.count > 0 ? h.percentile(95) / 1e6 : null,
    deliveredGbps: (w.deliveredBytes * 8) / n / 1e9,
    regionMeanMs: s.regionMeanMs,
  };
}

/** The request rate of the first second in which the origin was at least 95 % busy. */
export function saturationRps(records: readonly SecondStats[]): number | null {
  for (const s of mergeSeconds(records).map(summarizeSecond))
    if (s.originUtilisation >= 0.95) return s.requestsPerSecond;
  return null;
}

export interface RunResult {
  /** the crowd's peak (or the whole run, without a crowd) */
  peak: WindowFigures | null;
  /** the origin step: rate at saturation */
  saturationRps: number | null;
  /** most servers one object was handed out on, and servers withdrawn, during the run */
  spreadServers: number;
  withdrawals: number;
}

export type RunKind = 'crowd' | 'hot' | 'steady' | 'tiers';

/** The seconds each kind of run is measured over. */
const WINDOWS: Record<RunKind, { from: number; to: number }> = {
  crowd: PEAK,
  hot: HOT_LATE,
  steady: { from: 5, to: 1e9 },
  tiers: TIERS_WINDOW,
};

export function measureRun(
  kind: RunKind,
  records: readonly SecondStats[],
  spreadServers: number,
  withdrawals: number,
): RunResult {
  const { from, to } = WINDOWS[kind];
  return {
    peak: figures(records, from, to),
    saturationRps: saturationRps(records),
    spreadServers,
    withdrawals,
  };
}
