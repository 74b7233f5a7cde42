/**
 * A 4-ary min-heap of event slots, ordered by the engine's key (time, origin, seq). It keeps
 * each slot next to a copy of its time, so most comparisons touch one small array; ties are
 * broken by reading the records in the slot table.
 */
import { growArray, tieBefore, type SlotTable } from './EventSlots';

const ARITY = 4;

export class SlotHeap {
  index: Int32Array;
  time: Float64Array;
  size = 0;

  constructor(
    private readonly table: SlotTable,
    capacity = 64,
  ) {
    this.index = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(index: number, time: number): void {
    if (this.size === this.index.length) this.reserve(this.size * 2);
    this.siftUp(this.size++, index, time);
  }

  /** Removes the top; the caller has read index[0] first. */
  removeTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.index[last], this.time[last]);
  }

  /** Appends without ordering; call heapify() before the next push or pop. */
  appendUnordered(index: number, time: number): void {
    if (this.size === this.index.length) this.reserve(this.size * 2);
    this.index[this.size] = index;
    this.time[this.size++] = time;
  }

  /** Restores heap order bottom-up in O(n). */
  heapify(): void {
    for (let pos = Math.floor((this.size - 2) / ARITY); pos >= 0; pos--)
      this.siftDown(pos, this.index[pos], this.time[pos]);
  }

  reserve(capacity: number): void {
    if (capacity <= this.index.length) return;
    this.index = growArray(this.index, capacity);
    this.time = growArray(this.time, capacity);
  }

  /** Whether slot a runs before slot b, both due at the same time. */
  private before(a: number, b: number): boolean {
    return tieBefore(this.table, a, b);
  }

  private siftUp(pos: number, index: number, time: number): void {
    const hi = this.index;
    const ht = this.time;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = ht[parent];
      if (pt < time || (pt === time && this.before(hi[parent], index))) break;
      hi[pos] = hi[parent];
      ht[pos] = pt;
      pos = parent;
    }
    hi[pos] = index;
    ht[pos] = time;
  }

  private siftDown(pos: number, index: number, time: number): void {
    const hi = this.index;
    const ht = this.time;
    const n = this.size;
    for (;;) {
      const first = pos * ARITY + 1;
      if (first >= n) break;
      let best = first;
      let bestTime = ht[first];
      const end = first + ARITY < n ? first + ARITY : n;
      for (let c = first + 1; c < end; c++) {
        const ct = ht[c];
        if (ct < bestTime || (ct === bestTime && this.before(hi[c], hi[best]))) {
          best = c;
          bestTime = ct;
        }
      }
      if (time < bestTime || (time === bestTime && this.before(index, hi[best]))) break;
      hi[pos] = hi[best];
      ht[pos] = bestTime;
      pos = best;
    }
    hi[pos] = index;
    ht[pos] = time;
  }
}
