/**
 * A 4-ary min-heap of event slots. O(log n) per operation whatever the distribution of event
 * times: the robust reference that the calendar queue is tested against, and the fallback the
 * benchmark compares with.
 *
 * The heap holds slot numbers next to a copy of their times, so most comparisons touch one
 * array. Cancel is a flag (as in ns-3); the heap is rebuilt when cancelled slots outnumber live
 * ones, so timers re-armed on every packet cannot make it grow without bound.
 */
import { CANCELLED, EventSlots, LIVE, TAKEN, growArray, type EventQueue } from './EventSlots';

const ARITY = 4;

export class HeapQueue implements EventQueue {
  readonly slots: EventSlots;
  private heapSlot: Int32Array;
  private heapTime: Float64Array;
  private heapSize = 0;
  private cancelledInHeap = 0;

  constructor(initialCapacity = 1024) {
    this.slots = new EventSlots(initialCapacity);
    this.heapSlot = new Int32Array(this.slots.cap);
    this.heapTime = new Float64Array(this.slots.cap);
  }

  get size(): number {
    return this.heapSize - this.cancelledInHeap;
  }

  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    const slot = this.slots.alloc(time, origin, seq, target, kind, arg, payload);
    if (this.heapSlot.length < this.slots.cap) {
      this.heapSlot = growArray(this.heapSlot, this.slots.cap);
      this.heapTime = growArray(this.heapTime, this.slots.cap);
    }
    this.siftUp(this.heapSize++, slot, time);
    return this.slots.handleOf(slot);
  }

  pop(): number {
    const state = this.slots.state;
    while (this.heapSize > 0) {
      const slot = this.heapSlot[0];
      const last = --this.heapSize;
      if (last > 0) this.siftDown(0, this.heapSlot[last], this.heapTime[last]);
      if (state[slot] === LIVE) {
        state[slot] = TAKEN;
        return slot;
      }
      this.cancelledInHeap--;
      this.slots.release(slot);
    }
    return -1;
  }

  peekTime(): number {
    const state = this.slots.state;
    while (this.heapSize > 0) {
      const slot = this.heapSlot[0];
      if (state[slot] === LIVE) return this.heapTime[0];
      // Drop the cancelled top only.
      const last = --this.heapSize;
      if (last > 0) this.siftDown(0, this.heapSlot[last], this.heapTime[last]);
      this.cancelledInHeap--;
      this.slots.release(slot);
    }
    return Infinity;
  }

  cancel(handle: number): boolean {
    const slot = this.slots.liveSlot(handle);
    if (slot < 0) return false;
    this.slots.state[slot] = CANCELLED;
    this.slots.payload[slot] = undefined;
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap * 2 > this.heapSize) this.compact();
    return true;
  }

  private siftUp(pos: number, slot: number, time: number): void {
    const hs = this.heapSlot;
    const ht = this.heapTime;
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
    const hs = this.heapSlot;
    const ht = this.heapTime;
    const n = this.heapSize;
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

  /** Drops cancelled slots and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    let n = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = this.heapSlot[i];
      if (this.slots.state[slot] === CANCELLED) {
        this.slots.release(slot);
      } else {
        this.heapSlot[n] = slot;
        this.heapTime[n] = this.heapTime[i];
        n++;
      }
    }
    this.heapSize = n;
    this.cancelledInHeap = 0;
    for (let pos = Math.floor((n - 2) / ARITY); pos >= 0; pos--) {
      this.siftDown(pos, this.heapSlot[pos], this.heapTime[pos]);
    }
  }
}
