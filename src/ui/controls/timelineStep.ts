/**
 * How far the timeline's back and forward keys move: about a tenth of the run so far, rounded
 * down to 1, 2 or 5 times a power of ten (a few seconds of a minute-long run, a few minutes of
 * an hour, a few milliseconds of a page load), and never less than a millisecond.
 */
import { MS } from '@sim/time';

export function timelineStepNs(runSoFarNs: number): number {
  const tenth = Math.max(MS, runSoFarNs / 10);
  const power = 10 ** Math.floor(Math.log10(tenth));
  const nice = [5, 2, 1].find((m) => m * power <= tenth) ?? 1;
  return nice * power;
}

/** A step as a button writes it: "5 s", "200 ms", "2 min". */
export function formatStep(ns: number): string {
  if (ns < 1e9) return `${+(ns / 1e6).toPrecision(3)} ms`;
  if (ns < 180e9) return `${+(ns / 1e9).toPrecision(3)} s`;
  return `${+(ns / 60e9).toPrecision(3)} min`;
}
