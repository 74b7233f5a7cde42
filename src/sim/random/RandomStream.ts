/**
 * One named random stream and the draws the simulation needs. A stream is derived from
 * (run seed, stream name) alone, so adding a node or a stream never changes another stream's
 * draws (the ns-3 lesson: automatic stream numbering reshuffles everything when the set-up
 * changes).
 */
import { hashString } from '../util/hash';
import { assert, fail } from '../util/assert';
import { Xoshiro128, splitmix64 } from './Xoshiro128';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** Expands (seed, name) into xoshiro128** state through splitmix64. */
export function streamState(seed: number, name: string): [number, number, number, number] {
  assert(
    Number.isSafeInteger(seed) && seed >= 0,
    `seed must be a non-negative integer, got ${seed}`,
  );
  const nameHash =
    (BigInt(hashString(name, 0x811c9dc5)) << 32n) | BigInt(hashString(name, 0x01000193));
  const [a, b] = splitmix64(BigInt(seed) ^ (nameHash * 0x9e3779b97f4a7c15n), 2);
  return [Number(a & 0xffffffffn), Number(a >> 32n), Number(b & 0xffffffffn), Number(b >> 32n)];
}

export class RandomStream {
  private readonly gen: Xoshiro128;
  /** the range int() drew from last (its size n), its rejection limit and 1 / n */
  private rangeN = 0;
  private rangeLimit = 0;
  private rangeInverse = 0;

  constructor(
    readonly seed: number,
    readonly name: string,
  ) {
    this.gen = new Xoshiro128(streamState(seed, name));
  }

  nextUint32(): number {
    return this.gen.nextUint32();
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.nextUint32() >>> 5;
    const lo = this.gen.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  uniformPositive(): number {
    return 1 - this.uniform();
  }

  /** Uniform real in [lo, hi). */
  uniformRange(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [lo, hi], both inclusive, without modulo bias. */
  int(lo: number, hi: number): number {
    // Rare paths (a bad range, a new range, one wider than 2^32) are functions of their own:
    // this is the draw most events make, and a smaller function is one V8 inlines more readily.
    if (!(hi >= lo && Number.isSafeInteger(lo) && Number.isSafeInteger(hi))) badRange(lo, hi);
    const n = hi - lo + 1;
    if (n !== this.rangeN && !this.keepRange(n)) return lo + Math.floor(this.uniform() * n);
    // Rejection: discard the top partial block of 2^32 so every residue is equally likely. The
    // remainder is x − ⌊x · (1/n)⌋ · n, put right by one n where the product rounded across a
    // whole number: it equals x % n for every x < 2^32, without % on doubles (which V8 leaves
    // to a library call) and without a division.
    let x = this.gen.nextUint32();
    while (x >= this.rangeLimit) x = this.gen.nextUint32();
    let r = x - Math.floor(x * this.rangeInverse) * n;
    if (r < 0) r += n;
    else if (r >= n) r -= n;
    return lo + r;
  }

  /**
   * Keeps a range of n values for int(), its rejection limit and 1 / n (streams draw from one
   * range over and over); false if n > 2^32, a range int() draws otherwise.
   */
  private keepRange(n: number): boolean {
    if (n > TWO_POW_32) return false;
    this.rangeN = n;
    this.rangeLimit = Math.floor(TWO_POW_32 / n) * n;
    this.rangeInverse = 1 / n;
    return true;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Exponential with the given mean (inverse transform). */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniformPositive());
  }

  /** Normal by Box–Muller, two uniforms per draw and no cached spare, so state is just the generator. */
  normal(mean = 0, sd = 1): number {
    const u1 = this.uniformPositive();
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal: exp of a normal with parameters mu, sigma (of the underlying normal). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Pareto (type I) with scale xm > 0 and shape alpha > 0: P(X > x) = (xm / x)^alpha for x ≥ xm. */
  pareto(xm: number, alpha: number): number {
    return xm * Math.pow(this.uniformPositive(), -1 / alpha);
  }

  /** Picks an index with probability proportional to weights[i] (linear scan; for small lists). */
  weightedIndex(weights: ArrayLike<number>, total?: number): number {
    let sum = total ?? 0;
    if (total === undefined) for (let i = 0; i < weights.length; i++) sum += weights[i];
    let r = this.uniform() * sum;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** The generator's state, for checkpoints. */
  getState(): [number, number, number, number] {
    return this.gen.getState();
  }
}

function badRange(lo: number, hi: number): never {
  fail(`bad integer range [${lo}, ${hi}]`);
}
