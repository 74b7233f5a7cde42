/**
 * A growable array of event records (see EventSlots) with a free list. Freed records are
 * reused last-in first-out, so the next record written is one the cache has just seen.
 */
import { STRIDE, growArray, writeRecord } from './EventSlots';

export class RecordPool {
  rec: Float64Array;
  private free: Int32Array;
  private freeTop: number;
  private cap: number;

  constructor(capacity: number) {
    this.cap = Math.max(16, capacity);
    this.rec = new Float64Array(this.cap * STRIDE);
    this.free = new Int32Array(this.cap);
    for (let i = 0; i < this.cap; i++) this.free[i] = this.cap - 1 - i;
    this.freeTop = this.cap;
  }

  /** A free record index (the storage may be reallocated: re-read `rec` afterwards). */
  alloc(): number {
    if (this.freeTop === 0) this.grow();
    return this.free[--this.freeTop];
  }

  /** Allocates a record and writes an event into it. */
  write(
    time: number,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg: number,
    slot: number,
  ): number {
    const i = this.alloc();
    writeRecord(this.rec, i * STRIDE, time, origin, seq, target, kind, arg, slot);
    return i;
  }

  release(index: number): void {
    this.free[this.freeTop++] = index;
  }

  /** Frees every record at once. */
  clear(): void {
    for (let i = 0; i < this.cap; i++) this.free[i] = this.cap - 1 - i;
    this.freeTop = this.cap;
  }

  private grow(): void {
    const old = this.cap;
    this.cap = old * 2;
    this.rec = growArray(this.rec, this.cap * STRIDE);
    this.free = new Int32Array(this.cap);
    for (let i = 0; i < this.cap - old; i++) this.free[i] = this.cap - 1 - i;
    this.freeTop = this.cap - old;
  }
}
