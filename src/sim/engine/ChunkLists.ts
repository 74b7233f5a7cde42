/**
 * Many unordered lists of event records, stored in fixed-size chunks of one shared array. A
 * list's records sit side by side in its chunks, so appending writes to a line that is usually
 * still in cache and reading a list back streams through memory: the access pattern the ladder
 * queue needs to stay fast when 100,000 events are pending.
 */
import { STRIDE, copyRecord, growArray, writeRecord } from './EventSlots';

/** records per chunk */
export const CHUNK = 8;

export class ChunkLists {
  rec: Float64Array;
  private next: Int32Array;
  private freeChunks: Int32Array;
  private freeTop: number;
  private chunkCap: number;
  private head: Int32Array;
  private tail: Int32Array;
  private fill: Int32Array;

  constructor(lists: number, chunkCapacity = 64) {
    this.chunkCap = chunkCapacity;
    this.rec = new Float64Array(chunkCapacity * CHUNK * STRIDE);
    this.next = new Int32Array(chunkCapacity);
    this.freeChunks = new Int32Array(chunkCapacity);
    for (let i = 0; i < chunkCapacity; i++) this.freeChunks[i] = chunkCapacity - 1 - i;
    this.freeTop = chunkCapacity;
    this.head = new Int32Array(lists).fill(-1);
    this.tail = new Int32Array(lists).fill(-1);
    this.fill = new Int32Array(lists);
  }

  get listCount(): number {
    return this.head.length;
  }

  /** Sets the number of lists; every list must be empty. */
  setListCount(n: number): void {
    if (n > this.head.length) {
      this.head = new Int32Array(n);
      this.tail = new Int32Array(n);
      this.fill = new Int32Array(n);
    }
    this.head.fill(-1);
    this.tail.fill(-1);
    this.fill.fill(0);
  }

  isEmpty(list: number): boolean {
    return this.head[list] === -1;
  }

  /** Offset in `rec` where the next record of `list` goes (reserving it). */
  private reserve(list: number): number {
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
    return (c * CHUNK + f) * STRIDE;
  }

  /** Appends a record; returns its index (its offset in `rec` is index · STRIDE). */
  append(
    list: number,
    time: number,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg: number,
    slot: number,
  ): number {
    const at = this.reserve(list);
    writeRecord(this.rec, at, time, origin, seq, target, kind, arg, slot);
    return at / STRIDE;
  }

  appendCopy(list: number, src: Float64Array, srcAt: number): void {
    const at = this.reserve(list);
    copyRecord(this.rec, at, src, srcAt);
  }

  // Iteration is spelled out (first / next / count / release) rather than taking a callback:
  // a callback shared by several callers turns the hot loop megamorphic, and V8 then runs it
  // at half speed or less depending on which caller it happened to see first.

  /** The list's first chunk, or −1. */
  first(list: number): number {
    return this.head[list];
  }

  nextChunk(chunk: number): number {
    return this.next[chunk];
  }

  /** Records stored in `chunk` of `list`. */
  countIn(list: number, chunk: number): number {
    return chunk === this.tail[list] ? this.fill[list] : CHUNK;
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
      this.rec = growArray(this.rec, this.chunkCap * CHUNK * STRIDE);
      this.next = growArray(this.next, this.chunkCap);
      this.freeChunks = new Int32Array(this.chunkCap);
      for (let i = 0; i < this.chunkCap - old; i++) this.freeChunks[i] = this.chunkCap - 1 - i;
      this.freeTop = this.chunkCap - old;
    }
    return this.freeChunks[--this.freeTop];
  }
}
