/**
 * A repeated load's bytes and origin work per simulated minute, for the bytes and origin parts'
 * charts: each load's `pageload.bytes` counts in the minute it started (its startNs), summed per
 * configured name. Only loads whose report has come are counted: the latest minute fills as its
 * loads end.
 */
import type { LegsSeen, LoadSeen } from './pageloadFold';

const MINUTE_NS = 60e9;

/** What a per-minute chart says under it. */
export const MINUTE_NOTE =
  'A load counts in the minute it started; the latest minute fills as its loads end.';

/** The minute (from 0) a load started in. */
export const minuteOf = (startNs: number) => Math.floor(startNs / MINUTE_NS);

/** A chart's key for a configured name (prefixed: a load may be called `t`). */
export const seriesKey = (name: string) => `n:${name}`;

/**
 * One minute: `t` its start in simulated s (as every time chart's axis), one value per
 * configured name under seriesKey(name).
 */
export type MinutePoint = { t: number } & Record<string, number>;

export interface PerMinute {
  /** the configured names with a report, in the order their first load was seen */
  names: string[];
  /** every minute from the first to the last with a report; a name with none in it has 0 */
  points: MinutePoint[];
}

/** Sums `value` of each reported load by the minute it started and its configured name. */
export function perMinute(
  loads: readonly LoadSeen[],
  value: (legs: LegsSeen) => number,
): PerMinute {
  const reported = loads.filter((l) => l.legs !== null);
  const names = [...new Set(reported.map((l) => l.name))];
  if (reported.length === 0) return { names, points: [] };
  const minutes = reported.map((l) => minuteOf(l.legs!.startNs));
  const first = Math.min(...minutes);
  const points: MinutePoint[] = [];
  for (let m = first; m <= Math.max(...minutes); m++) {
    const p = { t: m * 60 } as MinutePoint;
    for (const n of names) p[seriesKey(n)] = 0;
    points.push(p);
  }
  reported.forEach((l, i) => {
    points[minutes[i] - first][seriesKey(l.name)] += value(l.legs!);
  });
  return { names, points };
}
