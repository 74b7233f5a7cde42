/**
 * Tiny statistics helpers shared by the random-stream tests. Every test is seeded, so results are
 * deterministic; the tolerances below only decide how unlucky a seed would have to be to fail a
 * correct implementation (about 1 in 10^5 to 10^6), while a wrong one fails by a wide margin.
 */

/** Pearson chi-square statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (observed.length !== expected.length) throw new Error('chiSquare: length mismatch');
  let stat = 0;
  for (let i = 0; i < observed.length; i++) {
    const d = observed[i] - expected[i];
    stat += (d * d) / expected[i];
  }
  return stat;
}

/**
 * Upper critical value of the chi-square distribution with df degrees of freedom, by the
 * Wilson–Hilferty approximation (accurate to a few percent for df ≥ 3). The default z = 4.265 is
 * the standard-normal upper 10^-5 point, so a correct generator fails with probability ~1e-5.
 */
export function chiSquareCritical(df: number, z = 4.265): number {
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/** Counts of integer categories 0..k-1 drawn by `draw` n times; throws on a category out of range. */
export function histogram(k: number, n: number, draw: () => number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const c = draw();
    if (!(c >= 0 && c < k && Number.isInteger(c)))
      throw new Error(`category ${c} outside [0, ${k})`);
    counts[c]++;
  }
  return counts;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return s / (xs.length - 1);
}

export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Fraction of xs satisfying pred. */
export function fraction(xs: ArrayLike<number>, pred: (x: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < xs.length; i++) if (pred(xs[i])) c++;
  return c / xs.length;
}

/** Standard error of an estimated proportion p from n independent trials. */
export function proportionSE(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** n draws collected into a Float64Array. */
export function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}
