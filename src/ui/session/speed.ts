/**
 * The speed control: simulated time per wall-clock second on a logarithmic scale, from slow
 * motion (one millisecond of simulated time stretched over five seconds, slow enough to follow
 * one DNS query message by message) up to ten simulated seconds per second, plus "as fast as
 * possible".
 */
import { MS, SECOND } from '@sim/time';

/** slider position 0..SPEED_STEPS; the last position means as fast as possible */
export const SPEED_STEPS = 100;
const MIN_NS_PER_S = MS / 5;
const MAX_NS_PER_S = 10 * SECOND;

/** Simulated ns per wall second for a slider position, or Infinity at the top. */
export function speedAt(position: number): number {
  if (position >= SPEED_STEPS) return Infinity;
  const f = Math.max(0, position) / (SPEED_STEPS - 1);
  return MIN_NS_PER_S * Math.pow(MAX_NS_PER_S / MIN_NS_PER_S, Math.min(1, f));
}

/** How a rate reads to a student: "1 ms per 5 s", "0.25× real time", "3.2× real time". */
export function describeRate(nsPerSecond: number): string {
  if (nsPerSecond === Infinity) return 'as fast as possible';
  if (!(nsPerSecond > 0)) return 'stopped';
  const x = nsPerSecond / SECOND;
  if (x >= 0.1) return `${x >= 10 ? x.toFixed(0) : x.toPrecision(2)}× real time`;
  const wallSecondsPerSimMs = MS / nsPerSecond;
  return `1 ms of simulated time per ${wallSecondsPerSimMs >= 10 ? wallSecondsPerSimMs.toFixed(0) : wallSecondsPerSimMs.toPrecision(2)} s`;
}
