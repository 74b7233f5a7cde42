/**
 * A ladder queue (Tang, Goh and Thng 2005): O(1) amortised per event for the schedules a network
 * simulation produces, and cache-friendly, which in JavaScript matters as much as the operation
 * count.
 *
 * - top: events beyond the rungs, appended unsorted;
 * - rungs: when everything below has run, the top is spread over the buckets of rung 0, of equal
 *   time width, again unsorted; new events inside a rung's span go straight to their bucket. A
 *   bucket that holds too many events when its turn comes (or a bottom that grows too big) is
 *   spread over a finer rung below it, so every bucket that reaches the bottom is small;
 * - bottom: the current bucket, sorted by the engine's key (time, origin, seq) and taken from
 *   the front. Events that fall before the end of the current bucket are inserted into it.
 *
 * Records are stored in chunked lists (ChunkLists) and copied when they move from the top (or a
 * coarse bucket) to their bucket, so reading and writing them streams through memory; the bottom
 * sorts the indices of its bucket's records in place. Where events cannot be spread any further
 * (a crowd of events at the very same nanosecond, or the deepest rung) the bottom turns into a
 * heap, so a schedule that defeats the buckets costs O(log n), never worse. Cancel is a flag in
 * the slot table; cancelled records are skipped when they surface, and everything is rebuilt when
 * cancelled records outnumber live ones.
 */
import { MAX_TIME } from '../time';
import { CHUNK, ChunkLists } from './ChunkLists';
import { I_META, I_STRIDE, LIVE, SlotTable, tieBefore, type EventQueue } from './EventSlots';
import { SlotHeap } from './SlotHeap';

/** Events per bucket aimed for when events are spread over a rung. */
const PER_BUCKET = 8;
/**
 * The most events the bottom sorts: a bucket with more is spread over a finer rung (or, where it
 * cannot be, heaped), and so is a bottom that inserts have grown past it.
 */
const BOTTOM_MAX = 48;
/**
 * Record words in a slot table beyond which sorting a bucket first touches its events' records:
 * 4,096 slots (of 64 bytes when this was measured, 32 now), well past a core's L1 cache. At
 * 10,000 pending (then 640 KB, in L2) reading the record when the event runs was still the run
 * loop's costliest line; with the touch the hold model ran 5-11 % faster there (medians of CPU
 * time, 12 runs alternating with the old threshold of 16,384 slots), and 1,000 pending measured
 * the same either way.
 */
const TOUCH_ABOVE = 4_096 * I_STRIDE;
/** Rung 0 spans this many times the top's span (see spreadTop). */
const RUNG_AHEAD = 2;
/** Rungs below the top, at most. */
const MAX_RUNGS = 8;

/** One rung: `buckets` lists of records; bucket b holds times in [start + b·width, ...). */
class Rung {
  readonly lists: ChunkLists;
  buckets = 0;
  start = 0;
  /** a power of two: then (time − start) · (1 / width) is exact, and no division is needed */
  width = 1;
  inverseWidth = 1;
  /** buckets before `cur` have moved down (to the bottom or a finer rung) */
  cur = 0;
  /** times from `end` on belong to a coarser rung or the top; the last bucket runs up to it */
  end = -Infinity;

  constructor(chunks: number) {
    this.lists = new ChunkLists(0, chunks);
  }

  /** Bucket of a time in [start, end). */
  bucketOf(time: number): number {
    const b = Math.floor((time - this.start) * this.inverseWidth);
    return b < this.buckets ? b : this.buckets - 1;
  }

  /** Sets the rung up for `count` events with times in [min, max], covering [min, end). */
  spanOver(min: number, max: number, end: number, count: number): void {
    const span = max - min + 1;
    const buckets = Math.max(1, Math.min(Math.ceil(count / PER_BUCKET), span));
    this.start = min;
    // The power of two nearest the width that would give `buckets` buckets: whole numbers of ns,
    // so bucket boundaries are exact for integer times, and a bucket is found by a product.
    const exponent = Math.max(0, Math.round(Math.log2(span / buckets)));
    this.width = 2 ** exponent;
    this.inverseWidth = 2 ** -exponent;
    this.buckets = Math.ceil(span / this.width);
    this.end = end;
    this.cur = 0;
    this.lists.setListCount(this.buckets);
  }
}

export class LadderQueue implements EventQueue {
  readonly table: SlotTable;
  private top: ChunkLists;
  /** an empty chunk store that rebuild() fills and swaps with the top */
  private spareTop: ChunkLists;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  /** rungs[0] is the coarsest; rungs[rungCount − 1] the one the bottom's bucket came from */
  private readonly rungs: Rung[] = [];
  private rungCount = 0;
  /**
   * The bottom's slots (and times): sorted by key in [head, size), or, once `heaped`, a heap in
   * [0, size) (head 0).
   */
  private readonly bottom: SlotHeap;
  private head = 0;
  private heaped = false;
  /** the bottom holds every pending event before this time */
  private bottomEnd = -Infinity;
  /** events held, cancelled ones included */
  private count = 0;
  private cancelled = 0;
  pushTime = 0;
  takenTime = 0;
  /** what sortBucket's first pass read (kept, so that the reads are not optimised away) */
  private touched = 0;

  constructor(initialCapacity = 1024) {
    this.table = new SlotTable(initialCapacity);
    const chunks = Math.ceil(initialCapacity / CHUNK) + 1;
    this.top = new ChunkLists(1, chunks);
    this.spareTop = new ChunkLists(1, 16);
    this.rungs.push(new Rung(chunks));
    this.bottom = new SlotHeap(this.table, 256);
  }

  get size(): number {
    return this.count - this.cancelled;
  }

  push(slot: number): void {
    const time = this.pushTime;
    this.count++;
    if (time < this.bottomEnd) {
      this.pushBottom(slot);
      return;
    }
    let r = this.rungCount - 1;
    while (r >= 0 && !(time < this.rungs[r].end)) r--;
    if (r >= 0) {
      const rung = this.rungs[r];
      rung.lists.append(rung.bucketOf(time), time, slot);
    } else {
      // Beyond the rungs, or (once everything else has run out) anywhere: the next spread sorts it out.
      this.top.append(0, time, slot);
      this.topCount++;
      if (time < this.topMin) this.topMin = time;
      if (time > this.topMax) this.topMax = time;
    }
  }

  take(limit: number): number {
    const b = this.bottom;
    for (;;) {
      const k = this.head;
      if (k < b.size) {
        const slot = b.index[k];
        if (this.cancelled !== 0 && this.table.state(slot) !== LIVE) {
          this.removeFirst();
          this.dropCancelled(slot);
          continue;
        }
        const time = b.time[k];
        if (!(time < limit)) return -1;
        this.takenTime = time;
        this.removeFirst();
        this.count--;
        return slot;
      }
      if (!this.refillBottom()) return -1;
    }
  }

  peekTime(): number {
    const b = this.bottom;
    for (;;) {
      const k = this.head;
      if (k < b.size) {
        const slot = b.index[k];
        if (this.table.state(slot) === LIVE) return b.time[k];
        this.removeFirst();
        this.dropCancelled(slot);
        continue;
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

  private removeFirst(): void {
    if (this.heaped) this.bottom.removeTop();
    else this.head++;
  }

  private dropCancelled(slot: number): void {
    this.table.release(slot);
    this.count--;
    this.cancelled--;
  }

  /** Inserts an event due before the bottom's end into the bottom. */
  private pushBottom(slot: number): void {
    const time = this.pushTime;
    const b = this.bottom;
    const table = this.table;
    if (this.heaped) {
      b.push(slot, time);
      return;
    }
    if (b.size === b.index.length) {
      if (this.head > 0) this.compactBottom();
      else b.reserve(b.size * 2);
    }
    // Insertion from the back: events scheduled now mostly run after those already waiting.
    const bi = b.index;
    const bt = b.time;
    let j = b.size++;
    while (j > this.head) {
      const pt = bt[j - 1];
      if (pt < time || (pt === time && tieBefore(table, bi[j - 1], slot))) break;
      bi[j] = bi[j - 1];
      bt[j] = pt;
      j--;
    }
    bi[j] = slot;
    bt[j] = time;
    if (b.size - this.head > BOTTOM_MAX) this.splitBottom();
  }

  private compactBottom(): void {
    const b = this.bottom;
    b.index.copyWithin(0, this.head, b.size);
    b.time.copyWithin(0, this.head, b.size);
    b.size -= this.head;
    this.head = 0;
  }

  /** The bottom has grown too big: spread it over a finer rung, or else make it a heap. */
  private splitBottom(): void {
    const b = this.bottom;
    const min = b.time[this.head];
    const max = b.time[b.size - 1];
    if (max === min || this.rungCount === MAX_RUNGS) {
      this.compactBottom();
      // Sorted is heap-ordered.
      this.heaped = true;
      return;
    }
    const rung = this.addRung();
    rung.spanOver(min, max, this.bottomEnd, b.size - this.head);
    for (let k = this.head; k < b.size; k++) {
      const time = b.time[k];
      rung.lists.append(rung.bucketOf(time), time, b.index[k]);
    }
    // The finer rung's first bucket holds the earliest event: it becomes the bottom.
    this.refillBottom();
  }

  /** A rung below the others (its storage reused from earlier rungs). */
  private addRung(): Rung {
    if (this.rungCount === this.rungs.length) this.rungs.push(new Rung(16));
    return this.rungs[this.rungCount++];
  }

  /**
   * Makes the next non-empty bucket the bottom, spreading the top over a new rung, or a crowded
   * bucket over a finer one, as needed. False if nothing is pending.
   */
  private refillBottom(): boolean {
    this.head = 0;
    this.bottom.size = 0;
    this.heaped = false;
    this.bottomEnd = -Infinity;
    for (;;) {
      if (this.rungCount === 0) {
        if (this.topCount === 0) return false;
        this.spreadTop();
      }
      const rung = this.rungs[this.rungCount - 1];
      const lists = rung.lists;
      let bucket = rung.cur;
      while (bucket < rung.buckets && lists.isEmpty(bucket)) bucket++;
      if (bucket === rung.buckets) {
        // Used up: the coarser rung goes on from the bucket this one was spread from.
        rung.cur = bucket;
        this.rungCount--;
        continue;
      }
      rung.cur = bucket + 1;
      const end = rung.cur === rung.buckets ? rung.end : rung.start + rung.cur * rung.width;
      const n = lists.size(bucket);
      if (n > BOTTOM_MAX && this.spreadBucket(rung, bucket, end)) continue;
      this.bottomEnd = end;
      if (n > BOTTOM_MAX) this.heapBucket(lists, bucket);
      else this.sortBucket(lists, bucket);
      lists.release(bucket);
      return true;
    }
  }

  /** Spreads a crowded bucket over a finer rung; false if it cannot be (one time, or no rung left). */
  private spreadBucket(rung: Rung, bucket: number, end: number): boolean {
    if (this.rungCount === MAX_RUNGS) return false;
    const lists = rung.lists;
    const ent = lists.ent;
    let min = Infinity;
    let max = -Infinity;
    let n = 0;
    for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
      const m = lists.countIn(bucket, c);
      for (let k = 0; k < m; k++) {
        const t = ent[(c * CHUNK + k) * 2];
        if (t < min) min = t;
        if (t > max) max = t;
      }
      n += m;
    }
    if (max === min) return false;
    const finer = this.addRung();
    finer.spanOver(min, max, end, n);
    for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
      const m = lists.countIn(bucket, c);
      for (let k = 0; k < m; k++) {
        const at = (c * CHUNK + k) * 2;
        const slot = ent[at + 1];
        if (this.cancelled !== 0 && this.table.state(slot) !== LIVE) this.dropCancelled(slot);
        else finer.lists.append(finer.bucketOf(ent[at]), ent[at], slot);
      }
    }
    lists.release(bucket);
    return true;
  }

  /** Sorts a bucket's slots by key into the bottom (insertion sort: buckets are small). */
  private sortBucket(lists: ChunkLists, bucket: number): void {
    const b = this.bottom;
    const ent = lists.ent;
    const table = this.table;
    const irec = table.irec;
    const bi = b.index;
    const bt = b.time;
    if (irec.length > TOUCH_ABOVE) {
      // First touch every record's line, in a loop small enough that the processor has many of
      // these reads in flight at once: with 100,000 events pending the lines are long gone from
      // the cache, and the engine reads them again when the events run.
      let touched = 0;
      for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
        const m = lists.countIn(bucket, c);
        for (let k = 0; k < m; k++)
          touched |= irec[ent[(c * CHUNK + k) * 2 + 1] * I_STRIDE + I_META];
      }
      this.touched = touched;
    }
    const anyCancelled = this.cancelled !== 0;
    let size = 0;
    for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
      const m = lists.countIn(bucket, c);
      for (let k = 0; k < m; k++) {
        const at = (c * CHUNK + k) * 2;
        const slot = ent[at + 1];
        // Cancelled events go now.
        if (anyCancelled && this.table.state(slot) !== LIVE) {
          this.dropCancelled(slot);
          continue;
        }
        const time = ent[at];
        // The same insertion from the back as pushBottom's, written out: as a shared function
        // the hold model ran ~10 % slower at 100,000 pending (npx tsx src/cli/main.ts bench,
        // alternate runs: 4.25, 4.42 M events/s inline against 3.56, 3.96 M).
        let j = size++;
        while (j > 0) {
          const pt = bt[j - 1];
          if (pt < time || (pt === time && tieBefore(table, bi[j - 1], slot))) break;
          bi[j] = bi[j - 1];
          bt[j] = pt;
          j--;
        }
        bi[j] = slot;
        bt[j] = time;
      }
    }
    b.size = size;
  }

  /** Makes the bottom a heap of a bucket that could not be spread. */
  private heapBucket(lists: ChunkLists, bucket: number): void {
    const b = this.bottom;
    const ent = lists.ent;
    for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
      const m = lists.countIn(bucket, c);
      for (let k = 0; k < m; k++) {
        const at = (c * CHUNK + k) * 2;
        b.appendUnordered(ent[at + 1], ent[at]);
      }
    }
    b.heapify();
    this.heaped = true;
  }

  /**
   * Spreads the top over rung 0, which covers [topMin, topMax] and as long again after it, with
   * buckets of the same width: events scheduled while the rung runs mostly fall inside it, and
   * go straight to their bucket instead of through the top (in the hold model, three in four
   * instead of one in two).
   */
  private spreadTop(): void {
    const rung = this.rungs[0];
    this.rungCount = 1;
    const top = this.top;
    const ent = top.ent;
    const span = Math.min(RUNG_AHEAD * (this.topMax - this.topMin + 1), MAX_TIME - this.topMin + 1);
    rung.spanOver(this.topMin, this.topMin + span - 1, 0, RUNG_AHEAD * this.topCount);
    rung.end = rung.start + rung.buckets * rung.width;
    const lists = rung.lists;
    for (let c = top.first(0); c !== -1; c = top.nextChunk(c)) {
      const n = top.countIn(0, c);
      for (let k = 0; k < n; k++) {
        const at = (c * CHUNK + k) * 2;
        const slot = ent[at + 1];
        // Cancelled events (timers mostly, far ahead) go here rather than move on.
        if (this.cancelled !== 0 && this.table.state(slot) !== LIVE) this.dropCancelled(slot);
        else lists.append(rung.bucketOf(ent[at]), ent[at], slot);
      }
    }
    top.release(0);
    this.topCount = 0;
    this.topMin = Infinity;
    this.topMax = -Infinity;
  }

  /** Drops every cancelled event and puts the live ones back into the top. */
  private rebuild(): void {
    const fresh = this.spareTop;
    fresh.clear(1);
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    const keep = (time: number, slot: number) => {
      if (this.table.state(slot) !== LIVE) {
        this.dropCancelled(slot);
        return;
      }
      fresh.append(0, time, slot);
      count++;
      if (time < min) min = time;
      if (time > max) max = time;
    };
    const b = this.bottom;
    for (let k = this.head; k < b.size; k++) keep(b.time[k], b.index[k]);
    this.head = 0;
    b.size = 0;
    this.heaped = false;
    this.bottomEnd = -Infinity;
    for (let r = 0; r < this.rungCount; r++) {
      const rung = this.rungs[r];
      const lists = rung.lists;
      for (let bucket = rung.cur; bucket < rung.buckets; bucket++) {
        for (let c = lists.first(bucket); c !== -1; c = lists.nextChunk(c)) {
          const n = lists.countIn(bucket, c);
          for (let k = 0; k < n; k++)
            keep(lists.ent[(c * CHUNK + k) * 2], lists.ent[(c * CHUNK + k) * 2 + 1]);
        }
        lists.release(bucket);
      }
    }
    this.rungCount = 0;
    const top = this.top;
    for (let c = top.first(0); c !== -1; c = top.nextChunk(c)) {
      const n = top.countIn(0, c);
      for (let k = 0; k < n; k++)
        keep(top.ent[(c * CHUNK + k) * 2], top.ent[(c * CHUNK + k) * 2 + 1]);
    }
    this.spareTop = top;
    this.top = fresh;
    this.topCount = count;
    this.topMin = min;
    this.topMax = max;
  }
}
