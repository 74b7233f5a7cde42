/**
 * The pending-event set as one 4-ary heap: O(log n) per operation whatever the spread of event
 * times. The simple reference that the ladder queue is tested against, and the baseline in the
 * benchmark.
 *
 * Cancel is a flag (as in ns-3): the record stays in the heap and is dropped when it surfaces;
 * the heap is filtered when cancelled records outnumber live ones, so timers re-armed on every
 * packet cannot make it grow without bound.
 */
import { F_SLOT, LIVE, STRIDE, SlotTable, copyRecord, type EventQueue } from './EventSlots';
import { RecordPool } from './RecordPool';
import { SlotHeap } from './SlotHeap';

export class HeapQueue implements EventQueue {
  readonly table: SlotTable;
  private readonly pool: RecordPool;
  private readonly heap: SlotHeap;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    this.table = new SlotTable(initialCapacity);
    this.pool = new RecordPool(initialCapacity);
    this.heap = new SlotHeap(this.pool.rec, initialCapacity);
  }

  get size(): number {
    return this.heap.size - this.cancelled;
  }

  push(
    time: number,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg: number,
    payload: unknown,
  ): number {
    const slot = this.table.alloc(payload);
    const i = this.pool.write(time, origin, seq, target, kind, arg, slot);
    this.heap.rec = this.pool.rec;
    this.heap.push(i, time);
    return this.table.handleOf(slot);
  }

  popInto(out: Float64Array): boolean {
    if (this.peekTime() === Infinity) return false;
    const i = this.heap.index[0];
    this.heap.removeTop();
    copyRecord(out, 0, this.pool.rec, i * STRIDE);
    this.pool.release(i);
    return true;
  }

  peekTime(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const i = heap.index[0];
      const slot = this.pool.rec[i * STRIDE + F_SLOT];
      if (this.table.state(slot) === LIVE) return heap.time[0];
      heap.removeTop();
      this.pool.release(i);
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
      const i = heap.index[k];
      const slot = this.pool.rec[i * STRIDE + F_SLOT];
      if (this.table.state(slot) === LIVE) {
        heap.index[n] = i;
        heap.time[n++] = heap.time[k];
      } else {
        this.pool.release(i);
        this.table.release(slot);
      }
    }
    heap.size = n;
    heap.heapify();
    this.cancelled = 0;
  }
}
