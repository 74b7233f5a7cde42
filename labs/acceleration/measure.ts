/**
 * What the lab reads from its runs: a load's end, HTML and bytes by its configured name, and the
 * buckets the questions' choices stand for.
 */
import type { Measurements } from '@lab/types';
import type { LoadBytesSeen } from '@sim/models/pageload/observations';
import { MINUTE } from '@sim/time';
import type { LabContext, RunName, RunSeen } from './machine';

/** `pageload.<name>.<run>` → `<name>`: the model names each load so (names have no dots). */
export const configuredName = (id: string) => id.split('.')[1] ?? id;

/** A run's record, once it has ended. */
export const runOf = (m: Measurements<LabContext>, run: RunName): RunSeen | undefined =>
  m.context.results?.[run];

/** A load's page load time, ms, once its run is recorded. */
export function loadMs(
  m: Measurements<LabContext>,
  run: RunName,
  load: string,
): number | undefined {
  return runOf(m, run)?.done[load]?.pageLoadMs;
}

/** How many times faster `fast` is than `slow`, as the speed-up questions' choices put it. */
export function speedupBucket(slow: number, fast: number): 'same' | 'some' | 'few' | 'tens' {
  const r = slow / fast;
  if (r < 1.5) return 'same';
  if (r < 3) return 'some';
  return r < 10 ? 'few' : 'tens';
}

/** A load's bytes reports (one per time it ran), in the order they ended. */
export const bytesOf = (r: RunSeen, load: string): LoadBytesSeen[] =>
  r.bytes.filter((b) => configuredName(b.load) === load);

/** A repeated load's middle-mile and origin response bytes per simulated minute of its starts. */
export function perMinute(r: RunSeen, load: string): { middle: number; origin: number }[] {
  const rows: { middle: number; origin: number }[] = [];
  for (const b of bytesOf(r, load)) {
    const i = Math.floor(b.startNs / MINUTE);
    while (rows.length <= i) rows.push({ middle: 0, origin: 0 });
    rows[i].middle += b.middleBytes;
    rows[i].origin += b.originResponseBytes;
  }
  return rows;
}

/** The share of `whole` that `part` saves, as the ESI question's choices put it. */
export function savingBucket(whole: number, part: number): 'half' | 'most' | 'nearly' | 'dilley' {
  const saving = 1 - part / whole;
  if (saving < 0.5) return 'half';
  if (saving < 0.8) return 'most';
  return saving < 0.95 ? 'nearly' : 'dilley';
}

/** How many times smaller `small` is than `big`, as the compression question's choices put it. */
export function ratioBucket(big: number, small: number): 'under2' | 'two' | 'three' | 'over5' {
  const r = big / small;
  if (r < 2) return 'under2';
  if (r < 3) return 'two';
  return r < 5 ? 'three' : 'over5';
}

/** Milliseconds saved, as the edge-computing question's choices put them. */
export function savedMsBucket(slow: number, fast: number): 'lt50' | 'rtt' | 'lt500' | 'more' {
  const d = slow - fast;
  if (d < 50) return 'lt50';
  if (d < 200) return 'rtt';
  return d < 500 ? 'lt500' : 'more';
}

/** The share of the slow load's time the fast one saves, as the route question's choices put it. */
export function timeSavedBucket(slow: number, fast: number): 'under10' | 'some' | 'half' {
  const saved = 1 - fast / slow;
  if (saved < 0.1) return 'under10';
  return saved < 0.5 ? 'some' : 'half';
}
