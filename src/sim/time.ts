/**
 * Simulated time: an integer number of nanoseconds held in a JS number (exact up to 2^53 ns,
 * about 104 days). Nothing in src/sim reads the wall clock; this module is the one place that
 * converts between units.
 */
export type SimTime = number;

export const NS = 1;
export const US = 1_000;
export const MS = 1_000_000;
export const SECOND = 1_000_000_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Largest time the engine accepts: integers stay exact below 2^53. */
export const MAX_TIME: SimTime = Number.MAX_SAFE_INTEGER;

/** Milliseconds (possibly fractional) to integer nanoseconds, rounded to the nearest ns. */
export function msToNs(ms: number): SimTime {
  return Math.round(ms * MS);
}

export function secondsToNs(s: number): SimTime {
  return Math.round(s * SECOND);
}

export function nsToMs(ns: SimTime): number {
  return ns / MS;
}

export function nsToSeconds(ns: SimTime): number {
  return ns / SECOND;
}

export function isSimTime(t: number): boolean {
  return Number.isSafeInteger(t) && t >= 0;
}
