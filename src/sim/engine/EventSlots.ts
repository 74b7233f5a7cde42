/**
 * The slot table: where every pending event lives, and what its handle names.
 *
 * Each pending event has a slot, a small integer, and its record sits in the slot's eight
 * doubles (one 64-byte cache line): time, originating node, that node's sequence number, target
 * node, kind, argument, and the slot's state word (generation, has-payload, state). The payload,
 * if the event has one, is kept beside it. A record is written once, when the event is
 * scheduled, into a slot that was usually freed a moment before (free slots are reused last in,
 * first out), so the line is still in cache; the queues then move only (time, slot) pairs, and
 * the line is read again when the event runs. Nothing is allocated per event.
 *
 * Handles pack (generation, slot) into one safe integer, so a stale handle never cancels an
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
/** the state word: generation · 8 + has-payload · 4 + state */
export const F_META = 6;

export const SLOT_LIMIT = 1 << 24;
const GEN_LIMIT = 1 << 27;

export const FREE = 0;
export const LIVE = 1;
export const CANCELLED = 2;

export class SlotTable {
  /** the records, STRIDE doubles per slot (reallocated as the table grows: re-read after alloc) */
  rec: Float64Array;
  payload: unknown[];
  private free: Int32Array;
  private freeTop: number;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, initialCapacity);
    this.rec = new Float64Array(cap * STRIDE);
    this.payload = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Takes a free slot and marks it LIVE; the caller writes the record's fields. */
  alloc(payload: unknown): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    const at = slot * STRIDE + F_META;
    const gen = this.rec[at] >> 3;
    if (payload !== undefined) {
      this.payload[slot] = payload;
      this.rec[at] = (gen << 3) | 4 | LIVE;
    } else {
      this.rec[at] = (gen << 3) | LIVE;
    }
    return slot;
  }

  state(slot: number): number {
    return this.rec[slot * STRIDE + F_META] & 3;
  }

  payloadOf(slot: number): unknown {
    return (this.rec[slot * STRIDE + F_META] & 4) !== 0 ? this.payload[slot] : undefined;
  }

  handleOf(slot: number): number {
    return (this.rec[slot * STRIDE + F_META] >> 3) * SLOT_LIMIT + slot;
  }

  /** The slot a handle names if that event is still LIVE, else −1. */
  liveSlot(handle: number): number {
    // handle % SLOT_LIMIT, without % on doubles (a library call in V8); exact, as SLOT_LIMIT is
    // a power of two.
    const gen = Math.floor(handle / SLOT_LIMIT);
    const slot = handle - gen * SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.free.length)) return -1;
    const meta = this.rec[slot * STRIDE + F_META];
    if (meta >> 3 !== gen || (meta & 3) !== LIVE) return -1;
    return slot;
  }

  /** Marks a LIVE slot cancelled and drops its payload; the queue drops the event when it surfaces. */
  cancel(slot: number): void {
    const at = slot * STRIDE + F_META;
    this.rec[at] = ((this.rec[at] >> 3) << 3) | CANCELLED;
    this.payload[slot] = undefined;
  }

  /** Frees the slot of an event about to run, and returns its payload. */
  take(slot: number): unknown {
    const at = slot * STRIDE + F_META;
    const meta = this.rec[at];
    let payload: unknown;
    if ((meta & 4) !== 0) {
      payload = this.payload[slot];
      this.payload[slot] = undefined;
    }
    const gen = (meta >> 3) + 1;
    this.rec[at] = (gen >= GEN_LIMIT ? 0 : gen) << 3;
    this.free[this.freeTop++] = slot;
    return payload;
  }

  /** Frees a slot (after its event ran or its cancelled event was dropped). */
  release(slot: number): void {
    this.take(slot);
  }

  private grow(): void {
    const old = this.free.length;
    const cap = old * 2;
    assert(cap <= SLOT_LIMIT, `more than ${SLOT_LIMIT} pending events`);
    this.rec = growArray(this.rec, cap * STRIDE);
    this.payload.length = cap;
    this.payload.fill(undefined, old);
    // The free list was empty, so every old slot is in use and every new one is free.
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap - old;
  }
}

/**
 * True if the event in slot a runs before the one in slot b, given that both are due at the same
 * time: by originating node, then that node's sequence number.
 */
export function tieBefore(rec: Float64Array, a: number, b: number): boolean {
  const oa = rec[a * STRIDE + F_ORIGIN];
  const ob = rec[b * STRIDE + F_ORIGIN];
  if (oa !== ob) return oa < ob;
  return rec[a * STRIDE + F_SEQ] < rec[b * STRIDE + F_SEQ];
}

type TypedArray = Float64Array | Int32Array;

export function growArray<T extends TypedArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** What the engine needs from a pending-event set. */
export interface EventQueue {
  /** The slots, with every pending event's record. */
  readonly table: SlotTable;
  /** Live pending events. */
  readonly size: number;
  /** Adds the event whose record has just been written into `slot`. */
  push(slot: number): void;
  /**
   * Removes the earliest live event if it is due before `limit`, and returns its slot, or −1.
   * The slot is the caller's to free (SlotTable.take or release) once it has read the record.
   */
  take(limit: number): number;
  /** Time of the earliest live event, or Infinity. */
  peekTime(): number;
  cancel(handle: number): boolean;
}
