/**
 * A two-tier ladder queue (after Tang, Goh and Thng 2005): O(1) amortised per event for the
 * schedules a network simulation produces, and cache-friendly, which in JavaScript matters as
 * much as the operation count.
 *
 * - top: events beyond the rung, appended unsorted;
 * - rung: when the bottom runs dry and the rung is used up, the top is spread over buckets of
 *   equal time width, again unsorted; new events inside the rung's span go to their bucket;
 * - bottom: a small heap holding the current bucket, the only sorted part.
 *
 * Records are copied along (top → bucket → bottom) rather than pointed to, so each step reads
 * and writes memory sequentially (ChunkLists). A schedule that crowds every event into one
 * bucket degrades to a plain heap, O(log n), never worse. Cancel is a flag in the slot table;
 * cancelled records are dropped when they reach the bottom, and everything is rebuilt when
 * cancelled records outnumber live ones.
 */
import { ChunkLists } from './ChunkLists';
import { F_SLOT, F_TIME, LIVE, STRIDE, SlotTable, copyRecord, type EventQueue } from './EventSlots';
import { RecordPool } from './RecordPool';
import { SlotHeap } from './SlotHeap';

/** Events per bucket aimed for when the top is spread into a rung. */
const PER_BUCKET = 16;

export class LadderQueue implements EventQueue {
  readonly table: SlotTable;
  private readonly bottomPool: RecordPool;
  private readonly bottom: SlotHeap;
  /** the bottom holds every event before this time */
  private bottomEnd = -Infinity;
  private top: ChunkLists;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  private readonly rung: ChunkLists;
  private rungBuckets = 0;
  private rungStart = 0;
  private rungWidth = 1;
  /** buckets before `cur` have moved to the bottom */
  private cur = 0;
  private rungEnd = -Infinity;
  /** records held, cancelled ones included */
  private count = 0;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    this.table = new SlotTable(initialCapacity);
    this.bottomPool = new RecordPool(256);
    this.bottom = new SlotHeap(this.bottomPool.rec, 256);
    this.top = new ChunkLists(1, Math.ceil(initialCapacity / 8));
    this.rung = new ChunkLists(0, Math.ceil(initialCapacity / 8));
  }

  get size(): number {
    return this.count - this.cancelled;
  }

  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    const slot = this.table.alloc(payload);
    this.count++;
    if (time < this.bottomEnd) {
      const i = this.bottomPool.write(time, origin, seq, target, kind, arg, slot);
      this.bottom.rec = this.bottomPool.rec;
      this.bottom.push(i, time);
    } else if (time < this.rungEnd) {
      this.rung.append(Math.floor((time - this.rungStart) / this.rungWidth), time, origin, seq, target, kind, arg, slot);
    } else {
      this.top.append(0, time, origin, seq, target, kind, arg, slot);
      this.noteTop(time);
    }
    return this.table.handleOf(slot);
  }

  popInto(out: Float64Array): boolean {
    if (this.peekTime() === Infinity) return false;
    const i = this.bottom.index[0];
    this.bottom.removeTop();
    copyRecord(out, 0, this.bottomPool.rec, i * STRIDE);
    this.bottomPool.release(i);
    this.count--;
    return true;
  }

  peekTime(): number {
    const b = this.bottom;
    for (;;) {
      while (b.size > 0) {
        const i = b.index[0];
        const slot = this.bottomPool.rec[i * STRIDE + F_SLOT];
        if (this.table.state(slot) === LIVE) return b.time[0];
        b.removeTop();
        this.bottomPool.release(i);
        this.dropCancelled(slot);
      }
      if (!this.refillBottom()) return Infinity;
    }
  }

  cancel(handle: number): boolean {
    const slot = this.table.liveSlot(handle);
    if (slot < 0) return false;
    this.table.cancel(slot);
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.count) this.rebuild();
    return true;
  }

  private noteTop(time: number): void {
    this.topCount++;
    if (time < this.topMin) this.topMin = time;
    if (time > this.topMax) this.topMax = time;
  }

  private dropCancelled(slot: number): void {
    this.table.release(slot);
    this.count--;
    this.cancelled--;
  }

  /** Moves live records of one list into the bottom heap, dropping cancelled ones. */
  private readonly toBottom = (rec: Float64Array, at: number): void => {
    const slot = rec[at + F_SLOT];
    if (this.table.state(slot) !== LIVE) {
      this.dropCancelled(slot);
      return;
    }
    const i = this.bottomPool.alloc();
    copyRecord(this.bottomPool.rec, i * STRIDE, rec, at);
    this.bottom.appendUnordered(i, rec[at + F_TIME]);
  };

  /** Moves the next non-empty bucket (spreading the top into a new rung if needed) to the bottom. */
  private refillBottom(): boolean {
    for (;;) {
      while (this.cur < this.rungBuckets) {
        const bucket = this.cur++;
        this.bottomEnd = this.rungStart + this.cur * this.rungWidth;
        if (this.rung.isEmpty(bucket)) continue;
        this.rung.drain(bucket, this.toBottom);
        this.bottom.rec = this.bottomPool.rec;
        this.bottom.heapify();
        if (this.bottom.size > 0) return true;
      }
      if (this.topCount === 0) return false;
      this.spreadTop();
    }
  }

  /** Turns the top into a new rung of equal-width buckets covering [topMin, topMax]. */
  private spreadTop(): void {
    const span = this.topMax - this.topMin + 1;
    const buckets = Math.max(1, Math.min(Math.ceil(this.topCount / PER_BUCKET), span));
    this.rungStart = this.topMin;
    // Integer widths keep bucket boundaries exact for integer times.
    this.rungWidth = Math.ceil(span / buckets);
    this.rungBuckets = Math.ceil(span / this.rungWidth);
    this.rung.setListCount(this.rungBuckets);
    this.cur = 0;
    this.rungEnd = this.rungStart + this.rungBuckets * this.rungWidth;
    this.bottomEnd = this.rungStart;
    this.top.drain(0, (rec, at) => {
      this.rung.appendCopy(Math.floor((rec[at + F_TIME] - this.rungStart) / this.rungWidth), rec, at);
    });
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
  }

  /** Drops every cancelled record and puts the live ones back into the top. */
  private rebuild(): void {
    const fresh = new ChunkLists(1, Math.ceil(this.count / 8) + 1);
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
    const keep = (rec: Float64Array, at: number) => {
      const slot = rec[at + F_SLOT];
      if (this.table.state(slot) !== LIVE) {
        this.dropCancelled(slot);
        return;
      }
      fresh.appendCopy(0, rec, at);
      this.noteTop(rec[at + F_TIME]);
    };
    for (let k = 0; k < this.bottom.size; k++) keep(this.bottomPool.rec, this.bottom.index[k] * STRIDE);
    this.bottom.size = 0;
    this.bottomPool.clear();
    for (let b = this.cur; b < this.rungBuckets; b++) this.rung.drain(b, keep);
    this.rungBuckets = 0;
    this.cur = 0;
    this.rungEnd = -Infinity;
    this.bottomEnd = -Infinity;
    this.top.drain(0, keep);
    this.top = fresh;
  }
}
