/**
 * Which page loads the waterfall sets side by side: every load of the run while they are few
 * enough to read next to each other, otherwise two the student picks (the run's first and last
 * until then). The views' tables follow the same choice, so a row is always a load on show.
 */
import type { LoadSeen } from './pageloadFold';

/** Up to this many loads are drawn side by side unless the student picks two. */
export const ALL_BY_DEFAULT = 4;
/** Beyond this many, every load at once is not offered: the columns would be too narrow. */
export const ALL_AT_MOST = 6;

/** The student's choice: every load, or two by id (the same id twice: that load alone). */
export type LoadPick = { mode: 'all' } | { mode: 'two'; a: string; b: string };

/** Before the student picks: all when few, else the first and the last load. */
export function defaultPick(loads: readonly LoadSeen[]): LoadPick {
  if (loads.length <= ALL_BY_DEFAULT) return { mode: 'all' };
  return { mode: 'two', a: loads[0].id, b: loads[loads.length - 1].id };
}

/**
 * The loads on show, in the order given. A pick that no longer fits the run (a new run with
 * other loads, or too many for all at once) falls back to the default.
 */
export function shownLoads(loads: readonly LoadSeen[], pick: LoadPick | null): LoadSeen[] {
  const usable =
    pick?.mode === 'all'
      ? loads.length <= ALL_AT_MOST
      : pick?.mode === 'two' && [pick.a, pick.b].every((id) => loads.some((l) => l.id === id));
  const p = usable && pick ? pick : defaultPick(loads);
  if (p.mode === 'all') return loads.slice();
  const a = loads.find((l) => l.id === p.a)!;
  const b = loads.find((l) => l.id === p.b)!;
  return a === b ? [a] : [a, b];
}

/** Whether some configured name was loaded more than once in the run (a repeated load). */
export const isRepeated = (loads: readonly LoadSeen[]) => loads.some((l) => l.run > 0);

/** m:ss of simulated time, from ns. */
export function clock(ns: number): string {
  const s = Math.floor(ns / 1e9);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What a load is called: the lab's label for its configured name, and for a repeated load which
 * one it is and when it started (once its bytes report says so).
 */
export function loadLabel(
  load: LoadSeen,
  labels: Readonly<Record<string, string>>,
  repeated: boolean,
): string {
  const name = labels[load.name] ?? load.name;
  if (!repeated) return name;
  const at = load.legs ? ` at ${clock(load.legs.startNs)}` : '';
  return `${name} #${load.run + 1}${at}`;
}
