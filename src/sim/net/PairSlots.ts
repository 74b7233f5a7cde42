/**
 * Link slots by network pair (one site's peering links): open addressing in one typed array,
 * each entry the pair's key and its slot side by side. A Map of tens of thousands of links took
 * two or three cache misses per lookup (bucket, entry chain, then the link object), on every
 * cross-network message; here a lookup is usually one line.
 */
const EMPTY = 0; // pairKey(a, b) with a < b is never 0

export class PairSlots {
  /** [key, slot] per entry; a key is a pairKey below 2^32, kept as its int32 bits */
  private entries = new Int32Array(2 * 64);
  private shift = 32 - 6;
  private count = 0;

  /** The slot kept for `pair` (a pairKey), or −1. */
  get(pair: number): number {
    const key = pair | 0;
    const mask = (this.entries.length >> 1) - 1;
    const e = this.entries;
    for (let i = Math.imul(key, 0x9e3779b1) >>> this.shift; ; i = (i + 1) & mask) {
      const k = e[2 * i];
      if (k === key) return e[2 * i + 1];
      if (k === EMPTY) return -1;
    }
  }

  set(pair: number, slot: number): void {
    if (!(pair > 0 && pair < 2 ** 32)) throw new Error(`not a network pair's key: ${pair}`);
    if (2 * (this.count + 1) > this.entries.length >> 1) this.grow();
    this.put(pair | 0, slot);
  }

  private put(key: number, slot: number): void {
    const mask = (this.entries.length >> 1) - 1;
    const e = this.entries;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (e[2 * i] !== EMPTY && e[2 * i] !== key) i = (i + 1) & mask;
    if (e[2 * i] === EMPTY) this.count++;
    e[2 * i] = key;
    e[2 * i + 1] = slot;
  }

  private grow(): void {
    const old = this.entries;
    this.entries = new Int32Array(old.length * 2);
    this.shift--;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY) this.put(old[i], old[i + 1]);
  }
}
