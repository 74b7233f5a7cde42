/**
 * The slot table: where every pending event lives, and what its handle names.
 *
 * Each pending event has a slot, a small integer, and its record sits in the slot's 32 bytes
 * (half a cache line), read as four doubles (`rec`: the sequence number and the argument) or as
 * eight 32-bit words (`irec`: words 4 to 7 hold the originating node, the target node, the kind
 * and the slot's state word: generation, has-payload, state). The event's time is not in the
 * record: the queues keep it beside the slot, and hand it back when the event is taken. The
 * payload, if the event has one, is kept beside it. A record is written once, when the event is
 * scheduled, into a slot that was usually freed a moment before (free slots are reused last in,
 * first out), so the line is still in cache; the queues then move only (time, slot) pairs, and
 * the record is read again when the event runs. Nothing is allocated per event.
 *
 * Handles pack (generation, slot) into one safe integer, so a stale handle never cancels an
 * event that later reused the slot.
 */
import { assert } from '../util/assert';

/** doubles per slot in `rec` */
export const STRIDE = 4;
export const F_SEQ = 0;
export const F_ARG = 1;
/** 32-bit words per slot in `irec` (the same bytes as `rec`'s) */
export const I_STRIDE = 8;
export const I_ORIGIN = 4;
export const I_TARGET = 5;
export const I_KIND = 6;
/** the state word: generation · 8 + has-payload · 4 + state */
export const I_META = 7;

export const SLOT_LIMIT = 1 << 24;
const GEN_LIMIT = 1 << 27;

export const FREE = 0;
export const LIVE = 1;
export const CANCELLED = 2;

export class SlotTable {
  /** the records, STRIDE doubles per slot (reallocated as the table grows: re-read after alloc) */
  rec: Float64Array;
  /** the same records as I_STRIDE 32-bit words per slot */
  irec: Int32Array;
  payload: unknown[];
  private free: Int32Array;
  private freeTop: number;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, initialCapacity);
    this.rec = new Float64Array(cap * STRIDE);
    this.irec = new Int32Array(this.rec.buffer);
    this.payload = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Takes a free slot and marks it LIVE; the caller writes the record's fields. */
  alloc(payload: unknown): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    const at = slot * I_STRIDE + I_META;
    const gen = this.irec[at] >> 3;
    if (payload !== undefined) {
      this.payload[slot] = payload;
      this.irec[at] = (gen << 3) | 4 | LIVE;
    } else {
      this.irec[at] = (gen << 3) | LIVE;
    }
    return slot;
  }

  state(slot: number): number {
    return this.irec[slot * I_STRIDE + I_META] & 3;
  }

  payloadOf(slot: number): unknown {
    return (this.irec[slot * I_STRIDE + I_META] & 4) !== 0 ? this.payload[slot] : undefined;
  }

  handleOf(slot: number): number {
    return (this.irec[slot * I_STRIDE + I_META] >> 3) * SLOT_LIMIT + slot;
  }

  /** The slot a handle names if that event is still LIVE, else −1. */
  liveSlot(handle: number): number {
    // handle % SLOT_LIMIT, without % on doubles (a library call in V8); exact, as SLOT_LIMIT is
    // a power of two.
    const gen = Math.floor(handle / SLOT_LIMIT);
    const slot = handle - gen * SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.free.length)) return -1;
    const meta = this.irec[slot * I_STRIDE + I_META];
    if (meta >> 3 !== gen || (meta & 3) !== LIVE) return -1;
    return slot;
  }

  /** Marks a LIVE slot cancelled and drops its payload; the queue drops the event when it surfaces. */
  cancel(slot: number): void {
    const at = slot * I_STRIDE + I_META;
    this.irec[at] = ((this.irec[at] >> 3) << 3) | CANCELLED;
    this.payload[slot] = undefined;
  }

  /** Frees the slot of an event about to run, and returns its payload. */
  take(slot: number): unknown {
    const at = slot * I_STRIDE + I_META;
    const meta = this.irec[at];
    let payload: unknown;
    if ((meta & 4) !== 0) {
      payload = this.payload[slot];
      this.payload[slot] = undefined;
    }
    const gen = (meta >> 3) + 1;
    this.irec[at] = (gen >= GEN_LIMIT ? 0 : gen) << 3;
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
    this.irec = new Int32Array(this.rec.buffer);
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
export function tieBefore(table: SlotTable, a: number, b: number): boolean {
  const oa = table.irec[a * I_STRIDE + I_ORIGIN];
  const ob = table.irec[b * I_STRIDE + I_ORIGIN];
  if (oa !== ob) return oa < ob;
  return table.rec[a * STRIDE + F_SEQ] < table.rec[b * STRIDE + F_SEQ];
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
  /**
   * The time of the event push() adds next, set just before the call: passed as an argument, a
   * double is boxed into a fresh heap number whenever V8 does not inline the call.
   */
  pushTime: number;
  /** Adds the event, due at pushTime, whose record has just been written into `slot`. */
  push(slot: number): void;
  /**
   * Removes the earliest live event if it is due before `limit`, and returns its slot, or −1.
   * The slot is the caller's to free (SlotTable.take or release) once it has read the record.
   */
  take(limit: number): number;
  /** The time of the event take() returned last. */
  readonly takenTime: number;
  /** Time of the earliest live event, or Infinity. */
  peekTime(): number;
  cancel(handle: number): boolean;
}
