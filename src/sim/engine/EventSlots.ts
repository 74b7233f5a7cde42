/**
 * Storage for pending events without an object per event: each event lives in a numbered slot of
 * parallel typed arrays. Shared by the event-queue implementations, which only order slots.
 *
 * Handles pack (slot generation, slot) into one safe integer, so a stale handle never cancels an
 * event that later reused the slot.
 */
import { assert } from '../util/assert';

export const SLOT_LIMIT = 1 << 24;
export const FREE = 0;
export const LIVE = 1;
export const CANCELLED = 2;
/** Popped and being run; not pending any more, not yet free. */
export const TAKEN = 3;

export class EventSlots {
  cap: number;
  time: Float64Array;
  origin: Int32Array;
  seq: Float64Array;
  target: Int32Array;
  kind: Int32Array;
  arg: Float64Array;
  payload: unknown[];
  gen: Uint32Array;
  state: Uint8Array;
  private free: Int32Array;
  private freeTop: number;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, initialCapacity);
    this.cap = cap;
    this.time = new Float64Array(cap);
    this.origin = new Int32Array(cap);
    this.seq = new Float64Array(cap);
    this.target = new Int32Array(cap);
    this.kind = new Int32Array(cap);
    this.arg = new Float64Array(cap);
    this.payload = new Array<unknown>(cap).fill(undefined);
    this.gen = new Uint32Array(cap);
    this.state = new Uint8Array(cap);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap;
  }

  /** Takes a free slot, fills it and marks it LIVE. May grow every array (check `cap` after). */
  alloc(time: number, origin: number, seq: number, target: number, kind: number, arg: number, payload: unknown): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.free[--this.freeTop];
    this.time[slot] = time;
    this.origin[slot] = origin;
    this.seq[slot] = seq;
    this.target[slot] = target;
    this.kind[slot] = kind;
    this.arg[slot] = arg;
    if (payload !== undefined) this.payload[slot] = payload;
    this.state[slot] = LIVE;
    return slot;
  }

  handleOf(slot: number): number {
    return this.gen[slot] * SLOT_LIMIT + slot;
  }

  /** The slot a handle names if that event is still LIVE, else −1. */
  liveSlot(handle: number): number {
    const slot = handle % SLOT_LIMIT;
    if (slot >= this.cap || this.gen[slot] !== Math.floor(handle / SLOT_LIMIT) || this.state[slot] !== LIVE) return -1;
    return slot;
  }

  /** True if slot a runs before slot b: by time, then originating node, then that node's sequence. */
  before(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    if (ta !== tb) return ta < tb;
    const oa = this.origin[a];
    const ob = this.origin[b];
    if (oa !== ob) return oa < ob;
    return this.seq[a] < this.seq[b];
  }

  release(slot: number): void {
    this.payload[slot] = undefined;
    this.state[slot] = FREE;
    // Generations wrap long before handles could leave the safe-integer range.
    this.gen[slot] = this.gen[slot] >= (1 << 29) - 1 ? 0 : this.gen[slot] + 1;
    this.free[this.freeTop++] = slot;
  }

  private grow(): void {
    const old = this.cap;
    const cap = old * 2;
    assert(cap <= SLOT_LIMIT, `more than ${SLOT_LIMIT} pending events`);
    this.time = growArray(this.time, cap);
    this.seq = growArray(this.seq, cap);
    this.arg = growArray(this.arg, cap);
    this.origin = growArray(this.origin, cap);
    this.target = growArray(this.target, cap);
    this.kind = growArray(this.kind, cap);
    this.gen = growArray(this.gen, cap);
    this.state = growArray(this.state, cap);
    this.payload.length = cap;
    this.payload.fill(undefined, old);
    // The free list was empty, so every old slot is in use and every new one is free.
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap - old; i++) this.free[i] = cap - 1 - i;
    this.freeTop = cap - old;
    this.cap = cap;
  }
}

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint8Array;

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
