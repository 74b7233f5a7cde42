/**
 * A 4-ary min-heap of event slots ordered by the engine's key (time, origin, seq). It holds slot
 * numbers next to a copy of their times, so most comparisons touch one small array and never
 * the event records. Used on its own (HeapQueue) and as the sorted bottom of the ladder queue.
 */
import { growArray, type EventSlots } from './EventSlots';

const ARITY = 4;

export class SlotHeap {
  slot: Int32Array;
  time: Float64Array;
  size = 0;

  constructor(
    private readonly slots: EventSlots,
    capacity = 64,
  ) {
    this.slot = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(slot: number, time: number): void {
    if (this.size === this.slot.length) this.reserve(this.size * 2);
    this.siftUp(this.size++, slot, time);
  }

  /** Removes the top; the caller has read heap.slot[0] first. */
  removeTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.slot[last], this.time[last]);
  }

  /** Appends without ordering; call heapify() before the next push or pop. */
  appendUnordered(slot: number, time: number): void {
    if (this.size === this.slot.length) this.reserve(this.size * 2);
    this.slot[this.size] = slot;
    this.time[this.size++] = time;
  }

  /** Restores heap order bottom-up in O(n). */
  heapify(): void {
    for (let pos = Math.floor((this.size - 2) / ARITY); pos >= 0; pos--) this.siftDown(pos, this.slot[pos], this.time[pos]);
  }

  /** Keeps only the slots for which keep() is true, then restores order. */
  filter(keep: (slot: number) => boolean): void {
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (keep(this.slot[i])) {
        this.slot[n] = this.slot[i];
        this.time[n++] = this.time[i];
      }
    }
    this.size = n;
    this.heapify();
  }

  reserve(capacity: number): void {
    if (capacity <= this.slot.length) return;
    this.slot = growArray(this.slot, capacity);
    this.time = growArray(this.time, capacity);
  }

  private siftUp(pos: number, slot: number, time: number): void {
    const hs = this.slot;
    const ht = this.time;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = ht[parent];
      if (pt < time || (pt === time && this.slots.before(hs[parent], slot))) break;
      hs[pos] = hs[parent];
      ht[pos] = pt;
      pos = parent;
    }
    hs[pos] = slot;
    ht[pos] = time;
  }

  private siftDown(pos: number, slot: number, time: number): void {
    const hs = this.slot;
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
        if (ct < bestTime || (ct === bestTime && this.slots.before(hs[c], hs[best]))) {
          best = c;
          bestTime = ct;
        }
      }
      if (time < bestTime || (time === bestTime && this.slots.before(slot, hs[best]))) break;
      hs[pos] = hs[best];
      ht[pos] = bestTime;
      pos = best;
    }
    hs[pos] = slot;
    ht[pos] = time;
  }
}
