/** The few distributions the rollout model draws from, on top of RandomStream. */
import type { RandomStream } from '../../random/RandomStream';

/** Log-uniform on [lo, hi]: every decade equally likely, for rates spanning many decades. */
export function logUniform(rng: RandomStream, [lo, hi]: readonly [number, number]): number {
  return Math.exp(rng.uniformRange(Math.log(lo), Math.log(hi)));
}

/** Poisson counts: Knuth's product method for small means, a rounded normal for large ones. */
export function poisson(rng: RandomStream, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > limit) {
    k++;
    p *= rng.uniform();
  }
  return k;
}
