/**
 * A two-tier ladder queue (after Tang, Goh and Thng 2005): O(1) amortised per event for the
 * schedules a network simulation produces, and cache-friendly, which in JavaScript matters as
 * much as the operation count.
 *
 * - top: events far in the future, appended unsorted;
 * - rung: when the bottom runs dry, the top is spread over buckets of equal time width, again
 *   unsorted; new events inside the rung's span are appended to their bucket;
 * - bottom: a small heap (SlotHeap) holding the current bucket, the only sorted part.
 *
 * Appends to a few hundred bucket tails stay in cache, and the heap only ever holds about one
 * bucket. A schedule that crowds every event into one bucket degrades to a plain heap,
 * O(log n), never worse. Cancel is a flag; entries are dropped when they surface, and the whole
 * structure is rebuilt when cancelled entries outnumber live ones.
 */
import { EventSlots, LIVE, TAKEN, type EventQueue } from './EventSlots';
import { SlotHeap } from './SlotHeap';

/** Events per bucket aimed for when the top is spread into a rung. */
const PER_BUCKET = 16;

class Bucket {
  slots: number[] = [];
  times: number[] = [];
}

export class LadderQueue implements EventQueue {
  readonly slots: EventSlots;
  private readonly bottom: SlotHeap;
  /** the bottom holds every event before this time */
  private bottomEnd = -Infinity;
  private topSlots: number[] = [];
  private topTimes: number[] = [];
  private topMin = Infinity;
  private topMax = -Infinity;
  private rung: Bucket[] = [];
  private rungStart = 0;
  private rungWidth = 1;
  /** buckets before `cur` have moved to the bottom */
  private cur = 0;
  private rungEnd = -Infinity;
  /** entries held, cancelled ones included */
  private count = 0;
  private cancelled = 0;

  constructor(initialCapacity = 1024) {
    this.slots = new EventSlots(initialCapacity);
    this.bottom = new SlotHeap(this.slots, 256);
  }

  get size(): number {
    return this.count - this.cancelled;
  }

  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    const slot = this.slots.alloc(time, origin, seq, target, kind, arg, payload);
    this.place(slot, time);
    this.count++;
    return this.slots.handleOf(slot);
  }

  pop(): number {
    if (this.peekTime() === Infinity) return -1;
    const slot = this.bottom.slot[0];
    this.bottom.removeTop();
    this.count--;
    this.slots.setState(slot, TAKEN);
    return slot;
  }

  peekTime(): number {
    const b = this.bottom;
    for (;;) {
      while (b.size > 0) {
        const slot = b.slot[0];
        if (this.slots.state(slot) === LIVE) return b.time[0];
        b.removeTop();
        this.count--;
        this.cancelled--;
        this.slots.release(slot);
      }
      if (!this.refillBottom()) return Infinity;
    }
  }

  cancel(handle: number): boolean {
    const slot = this.slots.liveSlot(handle);
    if (slot < 0) return false;
    this.slots.markCancelled(slot);
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.count) this.rebuild();
    return true;
  }

  private place(slot: number, time: number): void {
    if (time < this.bottomEnd) {
      this.bottom.push(slot, time);
    } else if (time < this.rungEnd) {
      const bucket = this.rung[Math.floor((time - this.rungStart) / this.rungWidth)];
      bucket.slots.push(slot);
      bucket.times.push(time);
    } else {
      this.topSlots.push(slot);
      this.topTimes.push(time);
      if (time < this.topMin) this.topMin = time;
      if (time > this.topMax) this.topMax = time;
    }
  }

  /** Moves the next non-empty bucket (spreading the top into a new rung if needed) to the bottom. */
  private refillBottom(): boolean {
    for (;;) {
      while (this.cur < this.rung.length) {
        const bucket = this.rung[this.cur++];
        this.bottomEnd = this.rungStart + this.cur * this.rungWidth;
        const n = bucket.slots.length;
        if (n === 0) continue;
        this.bottom.reserve(n);
        for (let i = 0; i < n; i++) this.bottom.appendUnordered(bucket.slots[i], bucket.times[i]);
        this.bottom.heapify();
        bucket.slots.length = 0;
        bucket.times.length = 0;
        return true;
      }
      if (this.topSlots.length === 0) return false;
      this.spreadTop();
    }
  }

  /** Turns the top into a new rung of equal-width buckets covering [topMin, topMax]. */
  private spreadTop(): void {
    const n = this.topSlots.length;
    const span = this.topMax - this.topMin + 1;
    const buckets = Math.max(1, Math.min(Math.ceil(n / PER_BUCKET), span));
    this.rungStart = this.topMin;
    // Integer widths keep bucket boundaries exact for integer times.
    this.rungWidth = Math.ceil(span / buckets);
    const count = Math.ceil(span / this.rungWidth);
    while (this.rung.length < count) this.rung.push(new Bucket());
    this.rung.length = count;
    this.cur = 0;
    this.rungEnd = this.rungStart + count * this.rungWidth;
    this.bottomEnd = this.rungStart;
    const slots = this.topSlots;
    const times = this.topTimes;
    this.topSlots = [];
    this.topTimes = [];
    this.topMin = Infinity;
    this.topMax = -Infinity;
    for (let i = 0; i < n; i++) {
      const bucket = this.rung[Math.floor((times[i] - this.rungStart) / this.rungWidth)];
      bucket.slots.push(slots[i]);
      bucket.times.push(times[i]);
    }
  }

  /** Drops every cancelled entry and puts the live ones back into the top. */
  private rebuild(): void {
    const live: number[] = [];
    const keep = (slot: number) => {
      if (this.slots.state(slot) === LIVE) live.push(slot);
      else this.slots.release(slot);
    };
    for (let i = 0; i < this.bottom.size; i++) keep(this.bottom.slot[i]);
    for (let b = this.cur; b < this.rung.length; b++) {
      this.rung[b].slots.forEach(keep);
      this.rung[b].slots.length = 0;
      this.rung[b].times.length = 0;
    }
    this.topSlots.forEach(keep);
    this.bottom.size = 0;
    this.rung.length = 0;
    this.cur = 0;
    this.rungEnd = -Infinity;
    this.bottomEnd = -Infinity;
    this.topSlots = [];
    this.topTimes = [];
    this.topMin = Infinity;
    this.topMax = -Infinity;
    this.count = 0;
    this.cancelled = 0;
    for (const slot of live) {
      this.place(slot, this.slots.time(slot));
      this.count++;
    }
  }
}
