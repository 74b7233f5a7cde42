/**
 * A two-tier ladder queue (after Tang, Goh and Thng 2005): O(1) amortised per event for the
 * schedules a network simulation produces, and cache-friendly, which in JavaScript matters as
 * much as the operation count.
 *
 * - top: events beyond the rung, appended unsorted;
 * - rung: when the bottom runs dry and the rung is used up, the top is spread over buckets of
 *   equal time width, again unsorted; new events inside the rung's span go to their bucket;
 * - bottom: the current bucket, ordered by a small heap of record indices. Events that fall
 *   before the end of the current bucket join it directly.
 *
 * Records are stored in chunked lists (ChunkLists) and copied once, from the top into their
 * bucket, so reading and writing them streams through memory. A schedule that crowds every event
 * into one bucket degrades to a plain heap, O(log n), never worse. Cancel is a flag in the slot
 * table; cancelled records are skipped when they surface, and everything is rebuilt when
 * cancelled records outnumber live ones.
 */
import { CHUNK, ChunkLists } from './ChunkLists';
import { F_SLOT, F_TIME, LIVE, STRIDE, SlotTable, copyRecord, type EventQueue } from './EventSlots';
import { SlotHeap } from './SlotHeap';

/** Events per bucket aimed for when the top is spread into a rung. */
const PER_BUCKET = 16;

export class LadderQueue implements EventQueue {
  readonly table: SlotTable;
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
  /** the rung bucket that holds the bottom's records, or −1 */
  private bottomList = -1;
  /** heap of indices of the bottom's records in rung.rec */
  private readonly bottom: SlotHeap;
  /** the bottom holds every pending event before this time */
  private bottomEnd = -Infinity;
  /** records held, cancelled ones included */
  private count = 0;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    this.table = new SlotTable(initialCapacity);
    this.top = new ChunkLists(1, Math.ceil(initialCapacity / CHUNK));
    this.rung = new ChunkLists(0, Math.ceil(initialCapacity / CHUNK));
    this.bottom = new SlotHeap(this.rung.rec, 256);
  }

  get size(): number {
    return this.count - this.cancelled;
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
    this.count++;
    if (time < this.bottomEnd && this.bottomList >= 0) {
      const i = this.rung.append(this.bottomList, time, origin, seq, target, kind, arg, slot);
      this.bottom.rec = this.rung.rec;
      this.bottom.push(i, time);
    } else if (time < this.rungEnd && time >= this.bottomEnd) {
      this.rung.append(
        Math.floor((time - this.rungStart) / this.rungWidth),
        time,
        origin,
        seq,
        target,
        kind,
        arg,
        slot,
      );
    } else {
      // Beyond the rung, or (once everything else has run out) anywhere: the next spread sorts it out.
      this.top.append(0, time, origin, seq, target, kind, arg, slot);
      this.noteTop(time);
    }
    return this.table.handleOf(slot);
  }

  popInto(out: Float64Array): boolean {
    if (this.peekTime() === Infinity) return false;
    const i = this.bottom.index[0];
    this.bottom.removeTop();
    copyRecord(out, 0, this.rung.rec, i * STRIDE);
    this.count--;
    return true;
  }

  peekTime(): number {
    const b = this.bottom;
    for (;;) {
      while (b.size > 0) {
        const slot = this.rung.rec[b.index[0] * STRIDE + F_SLOT];
        if (this.table.state(slot) === LIVE) return b.time[0];
        b.removeTop();
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

  /** Makes the next non-empty bucket the bottom (spreading the top into a new rung if needed). */
  private refillBottom(): boolean {
    // The bottom is empty: its bucket's records have all run or been dropped.
    if (this.bottomList >= 0) this.rung.release(this.bottomList);
    this.bottomList = -1;
    for (;;) {
      while (this.cur < this.rungBuckets) {
        const bucket = this.cur++;
        this.bottomEnd = this.rungStart + this.cur * this.rungWidth;
        if (this.rung.isEmpty(bucket)) continue;
        this.bottomList = bucket;
        this.heapOfBucket(bucket);
        return true;
      }
      if (this.topCount === 0) return false;
      this.spreadTop();
    }
  }

  private heapOfBucket(bucket: number): void {
    const rung = this.rung;
    const heap = this.bottom;
    const rec = rung.rec;
    for (let c = rung.first(bucket); c !== -1; c = rung.nextChunk(c)) {
      const n = rung.countIn(bucket, c);
      for (let k = 0; k < n; k++) {
        const i = c * CHUNK + k;
        heap.appendUnordered(i, rec[i * STRIDE + F_TIME]);
      }
    }
    heap.rec = rec;
    heap.heapify();
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
    const top = this.top;
    for (let c = top.first(0); c !== -1; c = top.nextChunk(c)) {
      const n = top.countIn(0, c);
      for (let k = 0; k < n; k++) {
        const at = (c * CHUNK + k) * STRIDE;
        this.rung.appendCopy(
          Math.floor((top.rec[at + F_TIME] - this.rungStart) / this.rungWidth),
          top.rec,
          at,
        );
      }
    }
    top.release(0);
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
  }

  /** Drops every cancelled record and puts the live ones back into the top. */
  private rebuild(): void {
    const fresh = new ChunkLists(1, Math.ceil(this.count / CHUNK) + 1);
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
    // The bottom's bucket also holds records that already ran: take only those in the heap.
    for (let k = 0; k < this.bottom.size; k++) keep(this.rung.rec, this.bottom.index[k] * STRIDE);
    this.bottom.size = 0;
    if (this.bottomList >= 0) this.rung.release(this.bottomList);
    this.bottomList = -1;
    for (let b = this.cur; b < this.rungBuckets; b++) {
      for (let c = this.rung.first(b); c !== -1; c = this.rung.nextChunk(c)) {
        const n = this.rung.countIn(b, c);
        for (let k = 0; k < n; k++) keep(this.rung.rec, (c * CHUNK + k) * STRIDE);
      }
      this.rung.release(b);
    }
    this.rungBuckets = 0;
    this.cur = 0;
    this.rungEnd = -Infinity;
    this.bottomEnd = -Infinity;
    for (let c = this.top.first(0); c !== -1; c = this.top.nextChunk(c)) {
      const n = this.top.countIn(0, c);
      for (let k = 0; k < n; k++) keep(this.top.rec, (c * CHUNK + k) * STRIDE);
    }
    this.top = fresh;
  }
}
