/**
 * The flash crowd's shape as a multiplier of the baseline request rate, and the share of
 * requests that belong to the crowd rather than the baseline. Pure functions of time.
 */
import type { CrowdConfig } from './sandboxConfig';

/** The rate multiplier at simulated second t (1 without a crowd). */
export function crowdFactor(crowd: CrowdConfig | undefined, t: number): number {
  if (crowd === undefined) return 1;
  const { startSeconds, rampSeconds, peakFactor, holdSeconds, decayHalfLifeSeconds } = crowd;
  if (t < startSeconds) return 1;
  const intoRamp = t - startSeconds;
  // Geometric growth: each second multiplies the rate by the same factor, as when news spreads.
  if (intoRamp < rampSeconds) return peakFactor ** (intoRamp / rampSeconds);
  const intoDecay = intoRamp - rampSeconds - holdSeconds;
  if (intoDecay < 0) return peakFactor;
  return 1 + (peakFactor - 1) * 0.5 ** (intoDecay / decayHalfLifeSeconds);
}

/** Of all requests at multiplier f, the share that is the crowd's extra traffic: (f − 1) / f. */
export function crowdShare(factor: number): number {
  return factor > 1 ? (factor - 1) / factor : 0;
}
