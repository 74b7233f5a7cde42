/**
 * Splitting a whole number into whole parts in proportion to weights (Hamilton's largest
 * remainder method), so that the parts sum exactly to the total.
 */
import { assert } from '../util/assert';

/**
 * Parts of `total` proportional to `weights`, each at least `minimum`, summing to `total`.
 * Ties in the remainder go to the lower index, so the result is a pure function of its inputs.
 */
export function apportion(total: number, weights: ArrayLike<number>, minimum = 0): number[] {
  const n = weights.length;
  assert(n > 0, 'apportion needs at least one weight');
  assert(
    Number.isSafeInteger(total) && total >= minimum * n,
    `cannot give ${n} parts ≥ ${minimum} from ${total}`,
  );
  let sum = 0;
  for (let i = 0; i < n; i++) {
    assert(weights[i] >= 0 && Number.isFinite(weights[i]), `bad weight ${weights[i]} at ${i}`);
    sum += weights[i];
  }
  const rest = total - minimum * n;
  const parts = new Array<number>(n);
  const fractions = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const quota = sum > 0 ? (rest * weights[i]) / sum : rest / n;
    parts[i] = Math.floor(quota);
    fractions[i] = quota - parts[i];
    given += parts[i];
  }
  assert(given <= rest, 'rounding overshot the total');
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => fractions[b] - fractions[a] || a - b,
  );
  for (let j = 0; given < rest; j++, given++) parts[order[j % n]] += 1;
  for (let i = 0; i < n; i++) parts[i] += minimum;
  return parts;
}
