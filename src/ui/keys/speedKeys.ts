/**
 * Speed up and slow down by keyboard: steps along the speed slider's logarithmic scale
 * (speed.ts), so a key press moves as far as a tenth of the slider, and the slider follows.
 */
import { SPEED_STEPS, speedAt } from '../session/speed';

/** Slider positions one key press moves. */
export const SPEED_KEY_STEP = 10;

/** The slider position showing this speed (Infinity: the top). */
export function positionOfSpeed(nsPerSecond: number): number {
  if (nsPerSecond === Infinity) return SPEED_STEPS;
  const low = speedAt(0);
  const high = speedAt(SPEED_STEPS - 1);
  if (!(nsPerSecond > low)) return 0;
  const f = Math.log(nsPerSecond / low) / Math.log(high / low);
  return Math.min(SPEED_STEPS - 1, Math.round(f * (SPEED_STEPS - 1)));
}

/** The speed one key press faster (up to as fast as possible). */
export function fasterSpeed(nsPerSecond: number): number {
  return speedAt(Math.min(SPEED_STEPS, positionOfSpeed(nsPerSecond) + SPEED_KEY_STEP));
}

/** The speed one key press slower (down to the slowest). */
export function slowerSpeed(nsPerSecond: number): number {
  return speedAt(Math.max(0, positionOfSpeed(nsPerSecond) - SPEED_KEY_STEP));
}
