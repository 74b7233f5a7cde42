/**
 * Many unordered lists of (time, slot) entries, stored in fixed-size chunks of one shared array.
 * A list's entries sit side by side in its chunks, so appending writes to a line that is usually
 * still in cache and reading a list back streams through memory: the access pattern the ladder
 * queue needs to stay fast when 100,000 events are pending. An entry is two doubles, the event's
 * time and its slot (see EventSlots): 16 bytes to move instead of the 32-byte record.
 */
import { growArray } from './EventSlots';

/** entries per chunk */
export const CHUNK = 8;

export class ChunkLists {
  /** entry i is (ent[2i], ent[2i + 1]) = (time, slot) */
  ent: Float64Array;
  private next: Int32Array;
  private freeChunks: Int32Array;
  private freeTop: number;
  private chunkCap: number;
  private head: Int32Array;
  private tail: Int32Array;
  private fill: Int32Array;

  constructor(lists: number, chunkCapacity = 64) {
    this.chunkCap = Math.max(4, chunkCapacity);
    this.ent = new Float64Array(this.chunkCap * CHUNK * 2);
    this.next = new Int32Array(this.chunkCap);
    this.freeChunks = new Int32Array(this.chunkCap);
    for (let i = 0; i < this.chunkCap; i++) this.freeChunks[i] = this.chunkCap - 1 - i;
    this.freeTop = this.chunkCap;
    this.head = new Int32Array(lists).fill(-1);
    this.tail = new Int32Array(lists).fill(-1);
    this.fill = new Int32Array(lists);
  }

  /** Sets the number of lists, all empty; the chunks of lists not emptied are lost (see clear). */
  setListCount(n: number): void {
    if (n > this.head.length) {
      const cap = Math.max(n, this.head.length * 2);
      this.head = new Int32Array(cap);
      this.tail = new Int32Array(cap);
      this.fill = new Int32Array(cap);
    }
    this.head.fill(-1, 0, n);
    this.tail.fill(-1, 0, n);
    this.fill.fill(0, 0, n);
  }

  /** Empties every list at once and sets their number. */
  clear(lists: number): void {
    for (let i = 0; i < this.chunkCap; i++) this.freeChunks[i] = this.chunkCap - 1 - i;
    this.freeTop = this.chunkCap;
    this.setListCount(lists);
  }

  isEmpty(list: number): boolean {
    return this.head[list] === -1;
  }

  /** Appends an entry. */
  append(list: number, time: number, slot: number): void {
    let c = this.tail[list];
    let f = this.fill[list];
    if (c === -1 || f === CHUNK) {
      const fresh = this.allocChunk();
      this.next[fresh] = -1;
      if (c === -1) this.head[list] = fresh;
      else this.next[c] = fresh;
      this.tail[list] = fresh;
      c = fresh;
      f = 0;
    }
    this.fill[list] = f + 1;
    const at = (c * CHUNK + f) * 2;
    this.ent[at] = time;
    this.ent[at + 1] = slot;
  }

  // Iteration is spelled out (first / next / count / release) rather than taking a callback:
  // a callback shared by several callers turns the hot loop megamorphic, and V8 then runs it
  // at half speed or less depending on which caller it happened to see first.

  /** The list's first chunk, or −1. Entry k of chunk c is at ent[2 (c · CHUNK + k)]. */
  first(list: number): number {
    return this.head[list];
  }

  nextChunk(chunk: number): number {
    return this.next[chunk];
  }

  /** Entries stored in `chunk` of `list`. */
  countIn(list: number, chunk: number): number {
    return chunk === this.tail[list] ? this.fill[list] : CHUNK;
  }

  /** Entries in the list. */
  size(list: number): number {
    const tail = this.tail[list];
    if (tail === -1) return 0;
    let n = this.fill[list];
    for (let c = this.head[list]; c !== tail; c = this.next[c]) n += CHUNK;
    return n;
  }

  /** Empties the list, returning its chunks for reuse. */
  release(list: number): void {
    for (let c = this.head[list]; c !== -1; c = this.next[c]) this.freeChunks[this.freeTop++] = c;
    this.head[list] = -1;
    this.tail[list] = -1;
    this.fill[list] = 0;
  }

  private allocChunk(): number {
    if (this.freeTop === 0) {
      const old = this.chunkCap;
      this.chunkCap = old * 2;
      this.ent = growArray(this.ent, this.chunkCap * CHUNK * 2);
      this.next = growArray(this.next, this.chunkCap);
      this.freeChunks = new Int32Array(this.chunkCap);
      for (let i = 0; i < this.chunkCap - old; i++) this.freeChunks[i] = this.chunkCap - 1 - i;
      this.freeTop = this.chunkCap - old;
    }
    return this.freeChunks[--this.freeTop];
  }
}
