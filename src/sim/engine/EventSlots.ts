/**
 * Event records and the slot table behind event handles.
 *
 * A queue keeps each pending event as a record of eight doubles (one 64-byte cache line):
 * time, originating node, that node's sequence number, target node, kind, argument, slot, and
 * a spare word for the queue. Queues move records around in bulk; nothing is allocated per event.
 *
 * The slot table gives every pending event a stable slot: a small integer word of
 * (generation, has-payload, state) used for cancel and for handles, plus the payload if the
 * event has one. Handles pack (generation, slot) into one safe integer, so a stale handle never
 * cancels an event that later reused the slot.
 */
import { assert } from '../util/assert';

export const STRIDE = 8;
export const F_TIME = 0;
export const F_ORIGIN = 1;
export const F_SEQ = 2;
export const F_TARGET = 3;
export const F_KIND = 4;
export const F_ARG = 5;
export const F_SLOT = 6;
/** free for a queue's own use */
export const F_SPARE = 7;

export const SLOT_LIMIT = 1 << 24;
const GEN_LIMIT = 1 << 27;

export const FREE = 0;
export const LIVE = 1;
export const CANCELLED = 2;

export class SlotTable {
  meta: Int32Array;
  payload: unknown[];
  private free: Int32Array;
  private freeTop: number;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, initialCapacity);
    this.meta = new Int32Array(cap);
    this.payload = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Takes a free slot and marks it LIVE. */
  alloc(payload: unknown): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    const gen = this.meta[slot] >> 3;
    if (payload !== undefined) {
      this.payload[slot] = payload;
      this.meta[slot] = (gen << 3) | 4 | LIVE;
    } else {
      this.meta[slot] = (gen << 3) | LIVE;
    }
    return slot;
  }

  state(slot: number): number {
    return this.meta[slot] & 3;
  }

  payloadOf(slot: number): unknown {
    return (this.meta[slot] & 4) !== 0 ? this.payload[slot] : undefined;
  }

  handleOf(slot: number): number {
    return (this.meta[slot] >> 3) * SLOT_LIMIT + slot;
  }

  /** The slot a handle names if that event is still LIVE, else −1. */
  liveSlot(handle: number): number {
    const slot = handle % SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.meta.length)) return -1;
    const meta = this.meta[slot];
    if (meta >> 3 !== Math.floor(handle / SLOT_LIMIT) || (meta & 3) !== LIVE) return -1;
    return slot;
  }

  /** Marks a LIVE slot cancelled and drops its payload; the queue drops the record when it surfaces. */
  cancel(slot: number): void {
    this.meta[slot] = ((this.meta[slot] >> 3) << 3) | CANCELLED;
    this.payload[slot] = undefined;
  }

  /** Frees a slot (after its event ran or its cancelled record was dropped). */
  release(slot: number): void {
    const meta = this.meta[slot];
    if ((meta & 4) !== 0) this.payload[slot] = undefined;
    const gen = (meta >> 3) + 1;
    // Generations wrap long before handles could leave the safe-integer range.
    this.meta[slot] = (gen >= GEN_LIMIT ? 0 : gen) << 3;
    this.free[this.freeTop++] = slot;
  }

  private grow(): void {
    const old = this.meta.length;
    const cap = old * 2;
    assert(cap <= SLOT_LIMIT, `more than ${SLOT_LIMIT} pending events`);
    this.meta = growArray(this.meta, cap);
    this.payload.length = cap;
    this.payload.fill(undefined, old);
    // The free list was empty, so every old slot is in use and every new one is free.
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap - old;
  }
}

/** True if record a runs before record b: by time, then originating node, then that node's sequence. */
export function recordBefore(ra: Float64Array, a: number, rb: Float64Array, b: number): boolean {
  const ta = ra[a + F_TIME];
  const tb = rb[b + F_TIME];
  if (ta !== tb) return ta < tb;
  const oa = ra[a + F_ORIGIN];
  const ob = rb[b + F_ORIGIN];
  if (oa !== ob) return oa < ob;
  return ra[a + F_SEQ] < rb[b + F_SEQ];
}

/** Writes an event into the record at offset `at` of `rec`. */
export function writeRecord(
  rec: Float64Array,
  at: number,
  time: number,
  origin: number,
  seq: number,
  target: number,
  kind: number,
  arg: number,
  slot: number,
): void {
  rec[at + F_TIME] = time;
  rec[at + F_ORIGIN] = origin;
  rec[at + F_SEQ] = seq;
  rec[at + F_TARGET] = target;
  rec[at + F_KIND] = kind;
  rec[at + F_ARG] = arg;
  rec[at + F_SLOT] = slot;
}

/** Copies one record (STRIDE doubles) from src at srcAt to dst at dstAt. */
export function copyRecord(
  dst: Float64Array,
  dstAt: number,
  src: Float64Array,
  srcAt: number,
): void {
  for (let i = 0; i < STRIDE; i++) dst[dstAt + i] = src[srcAt + i];
}

type TypedArray = Float64Array | Int32Array;

export function growArray<T extends TypedArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** What the engine needs from a pending-event set. */
export interface EventQueue {
  readonly table: SlotTable;
  /** Live pending events. */
  readonly size: number;
  push(
    time: number,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg: number,
    payload: unknown,
  ): number;
  /** Removes the earliest live event and copies its record into out[0..STRIDE); false if none. */
  popInto(out: Float64Array): boolean;
  /** Time of the earliest live event, or Infinity. */
  peekTime(): number;
  cancel(handle: number): boolean;
}
