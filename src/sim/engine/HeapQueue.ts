/**
 * The pending-event set as one 4-ary heap of slots: O(log n) per operation whatever the spread
 * of event times. The simple reference that the ladder queue is tested against, and the baseline
 * in the benchmark.
 *
 * Cancel is a flag (as in ns-3): the slot stays in the heap and is dropped when it surfaces;
 * the heap is filtered when cancelled events outnumber live ones, so timers re-armed on every
 * packet cannot make it grow without bound.
 */
import { LIVE, SlotTable, type EventQueue } from './EventSlots';
import { SlotHeap } from './SlotHeap';

export class HeapQueue implements EventQueue {
  readonly table: SlotTable;
  private readonly heap: SlotHeap;
  private cancelled = 0;
  pushTime = 0;
  takenTime = 0;

  constructor(initialCapacity = 1024) {
    this.table = new SlotTable(initialCapacity);
    this.heap = new SlotHeap(this.table, initialCapacity);
  }

  get size(): number {
    return this.heap.size - this.cancelled;
  }

  push(slot: number): void {
    this.heap.push(slot, this.pushTime);
  }

  take(limit: number): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const slot = heap.index[0];
      if (this.cancelled !== 0 && this.table.state(slot) !== LIVE) {
        heap.removeTop();
        this.table.release(slot);
        this.cancelled--;
        continue;
      }
      const time = heap.time[0];
      if (!(time < limit)) return -1;
      this.takenTime = time;
      heap.removeTop();
      return slot;
    }
    return -1;
  }

  peekTime(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const slot = heap.index[0];
      if (this.table.state(slot) === LIVE) return heap.time[0];
      heap.removeTop();
      this.table.release(slot);
      this.cancelled--;
    }
    return Infinity;
  }

  cancel(handle: number): boolean {
    const slot = this.table.liveSlot(handle);
    if (slot < 0) return false;
    this.table.cancel(slot);
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.size) this.dropCancelled();
    return true;
  }

  private dropCancelled(): void {
    const heap = this.heap;
    let n = 0;
    for (let k = 0; k < heap.size; k++) {
      const slot = heap.index[k];
      if (this.table.state(slot) === LIVE) {
        heap.index[n] = slot;
        heap.time[n++] = heap.time[k];
      } else {
        this.table.release(slot);
      }
    }
    heap.size = n;
    heap.heapify();
    this.cancelled = 0;
  }
}
