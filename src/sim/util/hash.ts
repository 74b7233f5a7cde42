/**
 * Small, fast 32-bit hashing used to derive random streams from names, to make counter-based
 * random draws (a draw that depends only on its key, not on the order of calls) and to digest
 * event traces. All arithmetic is on unsigned 32-bit integers via Math.imul.
 */

/** FNV-1a over the UTF-16 code units of a string: stable, order-sensitive, cheap. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** MurmurHash3's finaliser: full avalanche of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds one 32-bit word into a running hash (MurmurHash3 body step). */
export function mix32(h: number, k: number): number {
  return mix32Signed(h, k) >>> 0;
}

/**
 * mix32's 32 bits as a signed integer. Chains of mixing use this and convert once at the end:
 * V8 keeps a signed 32-bit result unboxed, while an unsigned one above 2^31 returned from a call
 * that was not inlined becomes a heap number.
 */
export function mix32Signed(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Splits a non-negative number (possibly above 2^32, below 2^53) into two 32-bit words and folds both. */
export function mixNumber(h: number, x: number): number {
  return mixNumberSigned(h, x) >>> 0;
}

/** mixNumber as a signed integer (see mix32Signed). */
function mixNumberSigned(h: number, x: number): number {
  const hi = x >= 0 && x < 4294967296 ? 0 : Math.floor(x / 4294967296);
  return mix32Signed(mix32Signed(h, x >>> 0), hi >>> 0);
}

/**
 * A uniform draw in [0, 1) that depends only on (key, a, b, c): the same arguments always give the
 * same value, whatever else the simulation did before. Used where a random decision belongs to a
 * message (loss on a link, jitter) so that it cannot depend on how nodes are split across workers.
 */
export function keyedUniform(key: number, a: number, b: number, c: number): number {
  let h1 = mixNumberSigned(mixNumberSigned(mixNumberSigned(key, a), b), c);
  let h2 = mixNumberSigned(mixNumberSigned(mixNumberSigned(key ^ 0x9e3779b9, c), b), a);
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  // 53 random bits: 27 from h1, 26 from h2.
  return ((h1 >>> 5) * 67108864 + (h2 >>> 6)) / 9007199254740992;
}

/** A 64-bit digest of a string as 16 hex digits (two independent 32-bit hashes). */
export function digestString(s: string): string {
  const a = hashString(s, 0x811c9dc5);
  const b = hashString(s, 0x050c5d1f);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
