/**
 * xoshiro128** 1.1 (Blackman and Vigna, 2018): 128 bits of state, period 2^128 − 1, passes
 * BigCrush; all arithmetic fits 32-bit integers, so it is fast in JavaScript. Seeded through
 * splitmix64 as its authors recommend.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param state four 32-bit words, not all zero */
  constructor(state: readonly [number, number, number, number]) {
    // Signed words (| 0, not >>> 0): every step is bitwise, so the bits are the same, and the
    // fields stay small integers instead of boxed doubles.
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w | 0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next unsigned 32-bit output. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** The generator's state, for checkpoints. */
  getState(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const MASK64 = (1n << 64n) - 1n;

/**
 * splitmix64 (Steele, Lea, Flood 2014), used only to expand a 64-bit seed into generator state.
 * BigInt is fine here: it runs once per stream, never per draw.
 */
export function splitmix64(state: bigint, count: number): bigint[] {
  const out: bigint[] = [];
  let x = state & MASK64;
  for (let i = 0; i < count; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & MASK64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}
