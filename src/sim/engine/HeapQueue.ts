/**
 * The pending-event set as one 4-ary heap: O(log n) per operation whatever the spread of event
 * times. The simple reference that the ladder queue is tested against, and the baseline in the
 * benchmark.
 *
 * Cancel is a flag (as in ns-3): the slot stays in the heap and is skipped when it surfaces; the
 * heap is filtered when cancelled slots outnumber live ones, so timers re-armed on every packet
 * cannot make it grow without bound.
 */
import { EventSlots, LIVE, TAKEN, type EventQueue } from './EventSlots';
import { SlotHeap } from './SlotHeap';

export class HeapQueue implements EventQueue {
  readonly slots: EventSlots;
  private readonly heap: SlotHeap;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    this.slots = new EventSlots(initialCapacity);
    this.heap = new SlotHeap(this.slots, initialCapacity);
  }

  get size(): number {
    return this.heap.size - this.cancelled;
  }

  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    const slot = this.slots.alloc(time, origin, seq, target, kind, arg, payload);
    this.heap.push(slot, time);
    return this.slots.handleOf(slot);
  }

  pop(): number {
    if (this.peekTime() === Infinity) return -1;
    const slot = this.heap.slot[0];
    this.heap.removeTop();
    this.slots.setState(slot, TAKEN);
    return slot;
  }

  peekTime(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const slot = heap.slot[0];
      if (this.slots.state(slot) === LIVE) return heap.time[0];
      heap.removeTop();
      this.cancelled--;
      this.slots.release(slot);
    }
    return Infinity;
  }

  cancel(handle: number): boolean {
    const slot = this.slots.liveSlot(handle);
    if (slot < 0) return false;
    this.slots.markCancelled(slot);
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.size) {
      this.heap.filter((s) => {
        if (this.slots.state(s) === LIVE) return true;
        this.slots.release(s);
        return false;
      });
      this.cancelled = 0;
    }
    return true;
  }
}
