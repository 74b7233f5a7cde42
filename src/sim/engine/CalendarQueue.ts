/**
 * A calendar queue (R. Brown, CACM 1988): O(1) expected time per operation when the bucket width
 * follows the spacing of events near the head. Time is cut into buckets of `width` ns; bucket
 * b holds the events whose time t has floor(t / width) ≡ b (mod nb), as a list sorted by the
 * engine's key (time, origin, seq). Popping walks the buckets like days of a calendar, taking
 * from each only the events of the current "year".
 *
 * The bucket count doubles or halves with the number of events, and the width is re-estimated
 * each time from the spacing of the next events (Brown's rule: three times their mean gap,
 * ignoring outliers). A pop that finds nothing within a whole year falls back to a direct
 * search and re-estimates the width, so sparse or bursty schedules cannot make it crawl for long.
 */
import { CANCELLED, EventSlots, LIVE, TAKEN, growArray, type EventQueue } from './EventSlots';

const MIN_BUCKETS = 16;
const SAMPLE = 25;

export class CalendarQueue implements EventQueue {
  readonly slots: EventSlots;
  private next: Int32Array;
  private head: Int32Array;
  private tail: Int32Array;
  private nb = MIN_BUCKETS;
  /** Bucket width in ns: a positive integer, so floor(t / width) is exact for every safe-integer t. */
  private width = 1_000;
  /** Virtual bucket number (floor(time / width)) that the search starts from. */
  private vbCur = Infinity;
  /** Entries in the lists, cancelled ones included. */
  private count = 0;
  private cancelled = 0;
  private resizing = false;

  constructor(initialCapacity = 1024) {
    this.slots = new EventSlots(initialCapacity);
    this.next = new Int32Array(this.slots.cap);
    this.head = new Int32Array(this.nb).fill(-1);
    this.tail = new Int32Array(this.nb).fill(-1);
  }

  get size(): number {
    return this.count - this.cancelled;
  }

  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    const slot = this.slots.alloc(time, origin, seq, target, kind, arg, payload);
    if (this.next.length < this.slots.cap) this.next = growArray(this.next, this.slots.cap);
    this.insert(slot);
    this.count++;
    if (this.count > 2 * this.nb && !this.resizing) this.resize(this.nb * 2);
    return this.slots.handleOf(slot);
  }

  pop(): number {
    const slot = this.findMin();
    if (slot < 0) return -1;
    this.unlinkHead(Math.floor(this.slots.time[slot] / this.width) % this.nb);
    if (--this.count === 0) this.vbCur = Infinity;
    this.slots.state[slot] = TAKEN;
    if (this.count < this.nb / 2 && this.nb > MIN_BUCKETS && !this.resizing) this.resize(this.nb / 2);
    return slot;
  }

  peekTime(): number {
    const slot = this.findMin();
    return slot < 0 ? Infinity : this.slots.time[slot];
  }

  cancel(handle: number): boolean {
    const slot = this.slots.liveSlot(handle);
    if (slot < 0) return false;
    this.slots.state[slot] = CANCELLED;
    this.slots.payload[slot] = undefined;
    this.cancelled++;
    // Cancelled entries are dropped when they reach a bucket's head, or here in bulk.
    if (this.cancelled > 1024 && this.cancelled * 2 > this.count) this.resize(this.nb);
    return true;
  }

  /** Inserts a slot into its bucket, keeping the bucket sorted by key. */
  private insert(slot: number): void {
    const s = this.slots;
    const vb = Math.floor(s.time[slot] / this.width);
    const b = vb % this.nb;
    // A peek may have moved the cursor past times that are still allowed: move it back.
    if (vb < this.vbCur) this.vbCur = vb;
    const next = this.next;
    const h = this.head[b];
    if (h === -1) {
      this.head[b] = slot;
      this.tail[b] = slot;
      next[slot] = -1;
    } else if (!s.before(slot, this.tail[b])) {
      // Most events land after everything in their bucket: append in O(1).
      next[this.tail[b]] = slot;
      this.tail[b] = slot;
      next[slot] = -1;
    } else if (s.before(slot, h)) {
      next[slot] = h;
      this.head[b] = slot;
    } else {
      let p = h;
      while (!s.before(slot, next[p])) p = next[p];
      next[slot] = next[p];
      next[p] = slot;
    }
  }

  private unlinkHead(b: number): void {
    const h = this.head[b];
    const n = this.next[h];
    this.head[b] = n;
    if (n === -1) this.tail[b] = -1;
  }

  /** Returns the earliest live slot (left at the head of its bucket, the cursor on it), or −1. */
  private findMin(): number {
    const s = this.slots;
    const time = s.time;
    const state = s.state;
    for (;;) {
      if (this.count === 0) return -1;
      // Re-read every round: a resize below replaces the bucket arrays.
      const head = this.head;
      let vb = this.vbCur;
      let b = vb % this.nb;
      for (let k = 0; k < this.nb; k++) {
        let h = head[b];
        while (h !== -1 && state[h] === CANCELLED) {
          this.dropHead(b, h);
          h = head[b];
        }
        if (h !== -1 && time[h] < (vb + 1) * this.width) {
          this.vbCur = vb;
          return h;
        }
        vb++;
        if (++b === this.nb) b = 0;
      }
      // Nothing within a whole year: the width no longer fits the schedule. Jump to the
      // earliest event, and re-estimate the width if there are enough events to estimate from.
      const min = this.directSearch();
      if (min < 0) return -1;
      this.vbCur = Math.floor(time[min] / this.width);
      if (this.count > SAMPLE && !this.resizing) this.resize(this.nb);
    }
  }

  private dropHead(b: number, h: number): void {
    this.unlinkHead(b);
    this.count--;
    this.cancelled--;
    this.slots.release(h);
  }

  /** The earliest head over all buckets (cancelled heads dropped on the way), or −1. */
  private directSearch(): number {
    let best = -1;
    for (let b = 0; b < this.nb; b++) {
      let h = this.head[b];
      while (h !== -1 && this.slots.state[h] === CANCELLED) {
        this.dropHead(b, h);
        h = this.head[b];
      }
      if (h !== -1 && (best === -1 || this.slots.before(h, best))) best = h;
    }
    return best;
  }

  /** Rebuilds with `nb` buckets and a width re-estimated from the events nearest the head. */
  private resize(nb: number): void {
    this.resizing = true;
    const width = this.estimateWidth();
    const all: number[] = [];
    for (let b = 0; b < this.nb; b++) {
      for (let h = this.head[b]; h !== -1; h = this.next[h]) {
        if (this.slots.state[h] === CANCELLED) this.slots.release(h);
        else all.push(h);
      }
    }
    this.nb = nb;
    this.width = width;
    this.head = new Int32Array(nb).fill(-1);
    this.tail = new Int32Array(nb).fill(-1);
    this.count = all.length;
    this.cancelled = 0;
    // insert() lowers the cursor to the earliest event.
    this.vbCur = Infinity;
    // Inserting in key order keeps every insert on the O(1) append path.
    all.sort((a, b) => (this.slots.before(a, b) ? -1 : 1));
    for (const slot of all) this.insert(slot);
    this.resizing = false;
  }

  /**
   * Brown's estimate: take the next SAMPLE events in time order, average their gaps, drop gaps
   * above twice that average, and use three times the average of the rest.
   */
  private estimateWidth(): number {
    const times: number[] = [];
    for (let b = 0; b < this.nb; b++) {
      for (let h = this.head[b]; h !== -1; h = this.next[h]) {
        if (this.slots.state[h] === LIVE) times.push(this.slots.time[h]);
      }
    }
    if (times.length < 2) return this.width;
    // Only the nearest events matter; a partial selection would do, but resizes are rare.
    times.sort((a, b) => a - b);
    const n = Math.min(times.length, SAMPLE);
    const span = times[n - 1] - times[0];
    if (span === 0) return this.width;
    const mean = span / (n - 1);
    let sum = 0;
    let kept = 0;
    for (let i = 1; i < n; i++) {
      const gap = times[i] - times[i - 1];
      if (gap <= 2 * mean) {
        sum += gap;
        kept++;
      }
    }
    const width = kept > 0 && sum > 0 ? (3 * sum) / kept : 3 * mean;
    return Math.max(1, Math.round(width));
  }
}
