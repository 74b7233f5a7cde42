/**
 * How end users are shared among networks: a Zipf-like long tail, share(rank r) ∝ r^−s.
 * Calibration (Leighton 2009): "the top 30 networks combined deliver only 50% of end-user
 * traffic, … with a very long tail distribution over the Internet's 13,000 networks". For each
 * network count n we solve s numerically so that the top 30 carry half of all users.
 */
import { assert } from '../util/assert';

/** The paper's calibration point: the top TOP_K networks carry TOP_K_SHARE of end users. */
export const TOP_K = 30;
export const TOP_K_SHARE = 0.5;

/**
 * Below this exponent we stop following the calibration. With fewer than about 1,650 networks
 * the 50 % target would need s < 1, and as n falls towards 60 it needs s → 0: equal shares, no
 * tail at all. A small lab still stands for the whole long-tailed Internet, so small network
 * counts keep classic Zipf (s = 1) and their top-30 share is simply larger than one half.
 */
export const MIN_EXPONENT = 1;

/** Ranks summed term by term before the tail is taken as an integral. */
const EXACT_TERMS = 2000;

/**
 * Σ_{r=1..n} r^−s. Beyond EXACT_TERMS the sum is replaced by the midpoint-rule integral
 * ∫ x^−s dx over [EXACT_TERMS + ½, n + ½], whose relative error there is below 1e-8; this keeps
 * the exponent solve O(1) in n instead of O(n) per step.
 */
export function zipfNormaliser(n: number, s: number): number {
  let sum = 0;
  const m = Math.min(n, EXACT_TERMS);
  for (let r = 1; r <= m; r++) sum += Math.pow(r, -s);
  if (n > m) {
    const a = m + 0.5;
    const b = n + 0.5;
    sum +=
      Math.abs(s - 1) < 1e-12
        ? Math.log(b / a)
        : (Math.pow(b, 1 - s) - Math.pow(a, 1 - s)) / (1 - s);
  }
  return sum;
}

/** Share of the top k ranks when n ranks follow r^−s. */
export function zipfTopShare(n: number, s: number, k: number): number {
  return zipfNormaliser(Math.min(n, k), s) / zipfNormaliser(n, s);
}

/**
 * The exponent s for n networks: the root of topShare(s) = TOP_K_SHARE by bisection (the top
 * share rises monotonically with s), never below MIN_EXPONENT.
 */
export function solveZipfExponent(n: number, k = TOP_K, target = TOP_K_SHARE): number {
  assert(Number.isSafeInteger(n) && n >= 1, `network count must be a positive integer, got ${n}`);
  if (zipfTopShare(n, MIN_EXPONENT, k) >= target) return MIN_EXPONENT;
  let lo = MIN_EXPONENT;
  let hi = 4;
  assert(zipfTopShare(n, hi, k) > target, `no Zipf exponent below ${hi} reaches ${target}`);
  // 40 halvings of [1, 4] pin s to about 3e-12, far below anything the shares can show.
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (zipfTopShare(n, mid, k) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Shares of ranks 1..n (index 0 is rank 1), r^−s normalised to sum to 1; strictly decreasing. */
export function zipfShares(n: number, s: number): number[] {
  const shares = new Array<number>(n);
  let sum = 0;
  for (let r = 1; r <= n; r++) {
    shares[r - 1] = Math.pow(r, -s);
    sum += shares[r - 1];
  }
  for (let i = 0; i < n; i++) shares[i] /= sum;
  return shares;
}

/** Sum of the k largest shares (shares need not be sorted). */
export function topShare(shares: readonly number[], k = TOP_K): number {
  const sorted = [...shares].sort((a, b) => b - a);
  let sum = 0;
  for (let i = 0; i < Math.min(k, sorted.length); i++) sum += sorted[i];
  // Shares sum to 1 up to rounding; a top share of 1.0000000000000002 would only confuse.
  return Math.min(1, sum);
}
