/**
 * Storage for pending events without an object per event. Each event is one record of eight
 * doubles (64 bytes, one cache line) in a single Float64Array: time, originating node, that
 * node's sequence number, target node, kind, argument, a link for the queue's own use, and a
 * packed word of (generation, has-payload, state). Keeping an event's fields in one line matters:
 * with 100,000 events pending, every pop touches a record the cache has not seen for a while, and
 * one miss per event instead of one per field is what makes the engine fast.
 *
 * Handles pack (slot generation, slot) into one safe integer, so a stale handle never cancels an
 * event that later reused the slot.
 */
import { assert } from '../util/assert';

export const STRIDE = 8;
export const F_TIME = 0;
export const F_ORIGIN = 1;
export const F_SEQ = 2;
export const F_TARGET = 3;
export const F_KIND = 4;
export const F_ARG = 5;
/** free for a queue's own use */
export const F_LINK = 6;
/** generation · 8 + has-payload · 4 + state */
export const F_META = 7;

export const SLOT_LIMIT = 1 << 24;
const GEN_LIMIT = 1 << 27;

export const FREE = 0;
export const LIVE = 1;
export const CANCELLED = 2;
/** Popped and being run; not pending any more, not yet free. */
export const TAKEN = 3;

export class EventSlots {
  cap: number;
  rec: Float64Array;
  /** Payloads live outside the typed array; only slots flagged as having one are looked up. */
  payload: unknown[];
  private free: Int32Array;
  private freeTop: number;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, initialCapacity);
    this.cap = cap;
    this.rec = new Float64Array(cap * STRIDE);
    this.payload = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Takes a free slot, fills it and marks it LIVE. May grow the storage. */
  alloc(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    const r = this.rec;
    const base = slot * STRIDE;
    r[base + F_TIME] = time;
    r[base + F_ORIGIN] = origin;
    r[base + F_SEQ] = seq;
    r[base + F_TARGET] = target;
    r[base + F_KIND] = kind;
    r[base + F_ARG] = arg;
    const gen = r[base + F_META] >> 3;
    if (payload !== undefined) {
      this.payload[slot] = payload;
      r[base + F_META] = (gen << 3) | 4 | LIVE;
    } else {
      r[base + F_META] = (gen << 3) | LIVE;
    }
    return slot;
  }

  time(slot: number): number {
    return this.rec[slot * STRIDE + F_TIME];
  }

  /** The ordering key (time, origin, seq) of a slot, for tests and logs. */
  key(slot: number): [number, number, number] {
    const i = slot * STRIDE;
    return [this.rec[i + F_TIME], this.rec[i + F_ORIGIN], this.rec[i + F_SEQ]];
  }

  state(slot: number): number {
    return this.rec[slot * STRIDE + F_META] & 3;
  }

  setState(slot: number, state: number): void {
    const i = slot * STRIDE + F_META;
    this.rec[i] = (this.rec[i] & ~3) | state;
  }

  /** The slot's payload, or undefined (without touching the payload array when there is none). */
  payloadOf(slot: number): unknown {
    return (this.rec[slot * STRIDE + F_META] & 4) !== 0 ? this.payload[slot] : undefined;
  }

  handleOf(slot: number): number {
    return (this.rec[slot * STRIDE + F_META] >> 3) * SLOT_LIMIT + slot;
  }

  /** The slot a handle names if that event is still LIVE, else −1. */
  liveSlot(handle: number): number {
    const slot = handle % SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.cap)) return -1;
    const meta = this.rec[slot * STRIDE + F_META];
    if (meta >> 3 !== Math.floor(handle / SLOT_LIMIT) || (meta & 3) !== LIVE) return -1;
    return slot;
  }

  /** Marks a LIVE slot cancelled and drops its payload. */
  markCancelled(slot: number): void {
    const i = slot * STRIDE + F_META;
    this.rec[i] = ((this.rec[i] >> 3) << 3) | CANCELLED;
    this.payload[slot] = undefined;
  }

  /** True if slot a runs before slot b: by time, then originating node, then that node's sequence. */
  before(a: number, b: number): boolean {
    const r = this.rec;
    const ia = a * STRIDE;
    const ib = b * STRIDE;
    const ta = r[ia + F_TIME];
    const tb = r[ib + F_TIME];
    if (ta !== tb) return ta < tb;
    const oa = r[ia + F_ORIGIN];
    const ob = r[ib + F_ORIGIN];
    if (oa !== ob) return oa < ob;
    return r[ia + F_SEQ] < r[ib + F_SEQ];
  }

  release(slot: number): void {
    const i = slot * STRIDE + F_META;
    const meta = this.rec[i];
    if ((meta & 4) !== 0) this.payload[slot] = undefined;
    const gen = (meta >> 3) + 1;
    // Generations wrap long before handles could leave the safe-integer range.
    this.rec[i] = (gen >= GEN_LIMIT ? 0 : gen) << 3;
    this.free[this.freeTop++] = slot;
  }

  private grow(): void {
    const old = this.cap;
    const cap = old * 2;
    assert(cap <= SLOT_LIMIT, `more than ${SLOT_LIMIT} pending events`);
    const rec = new Float64Array(cap * STRIDE);
    rec.set(this.rec);
    this.rec = rec;
    this.payload.length = cap;
    this.payload.fill(undefined, old);
    // The free list was empty, so every old slot is in use and every new one is free.
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap - old;
    this.cap = cap;
  }
}

type TypedArray = Float64Array | Int32Array;

export function growArray<T extends TypedArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** What the engine needs from a pending-event set. */
export interface EventQueue {
  readonly slots: EventSlots;
  /** Live pending events. */
  readonly size: number;
  push(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number;
  /** Removes the earliest live event and returns its slot (TAKEN), or −1. Caller releases it. */
  pop(): number;
  /** Time of the earliest live event, or Infinity. */
  peekTime(): number;
  cancel(handle: number): boolean;
}
