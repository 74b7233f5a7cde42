/**
 * Zipf draws over ranks 1..n with P(k) ∝ k^−s, in O(1) expected time and O(1) memory by
 * rejection-inversion (Hörmann and Derflinger 1996, as in Apache Commons RNG). Works for any
 * exponent s > 0, including s = 1, and for catalogues of millions of objects.
 */
import { assert } from '../util/assert';
import type { RandomStream } from './RandomStream';

export class ZipfSampler {
  private readonly hIntegralX1: number;
  private readonly hIntegralN: number;
  private readonly sBound: number;

  constructor(
    readonly n: number,
    readonly exponent: number,
  ) {
    assert(Number.isSafeInteger(n) && n >= 1, `Zipf needs n ≥ 1, got ${n}`);
    assert(
      exponent > 0 && Number.isFinite(exponent),
      `Zipf needs an exponent > 0, got ${exponent}`,
    );
    this.hIntegralX1 = this.hIntegral(1.5) - 1;
    this.hIntegralN = this.hIntegral(n + 0.5);
    this.sBound = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** A rank in [1, n]. */
  sample(rng: RandomStream): number {
    for (;;) {
      const u = this.hIntegralN + rng.uniform() * (this.hIntegralX1 - this.hIntegralN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.n) k = this.n;
      if (k - x <= this.sBound || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  /** Exact probability of rank k (sums the normaliser once; for tests and labels, not hot paths). */
  probability(k: number): number {
    let norm = 0;
    for (let i = 1; i <= this.n; i++) norm += Math.pow(i, -this.exponent);
    return Math.pow(k, -this.exponent) / norm;
  }

  private h(x: number): number {
    return Math.exp(-this.exponent * Math.log(x));
  }

  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return helper2((1 - this.exponent) * logX) * logX;
  }

  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.exponent);
    if (t < -1) t = -1;
    return Math.exp(helper1(t) * x);
  }
}

/** log1p(x) / x, accurate near 0. */
function helper1(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x) / x, accurate near 0. */
function helper2(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1 / 3) * (1 + 0.25 * x));
}
