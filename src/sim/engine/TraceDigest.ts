/**
 * A digest of an event trace. Each event is hashed with its full key (time, origin, seq) and its
 * content (target, kind, arg); the event hashes are summed in two independent 32-bit lanes.
 *
 * Each event carries its key, which says when it ran and who caused it (no two pending events
 * share a key: a message that keeps its key across hops has one hop pending at a time), so the
 * digest needs no particular reporting order. Summing makes it independent of the order in which
 * workers report events: a run split across K workers digests the same as a single-worker run,
 * and any changed, missing or extra event changes it (up to 2^-64 collisions).
 */
import { fmix32, mix32Signed } from '../util/hash';
import type { EventObserver } from './Engine';

export class TraceDigest {
  private lane1 = 0;
  private lane2 = 0;
  count = 0;

  /** An observer to pass to engine.observe(). */
  readonly observer: EventObserver = (time, origin, seq, target, kind, arg) =>
    this.add(time, origin, seq, target, kind, arg);

  add(time: number, origin: number, seq: number, target: number, kind: number, arg: number): void {
    // The fields as 32-bit words (low, high) in one small array, folded by two short loops: the
    // same hash as mixNumber over each field in turn (see hash.ts), written so that V8 keeps
    // every intermediate an unboxed integer. Twelve calls of mixNumber per lane were too much to
    // inline, and each call returned its unsigned result as a fresh heap number: this runs for
    // every event of a run, and it cost more than the engine itself.
    const w = words;
    putNumber(w, 0, time);
    putNumber(w, 2, origin);
    putNumber(w, 4, seq);
    putNumber(w, 6, target);
    putNumber(w, 8, kind);
    // The argument's exact bits (it may be fractional or negative), each word as a number.
    scratch[0] = arg;
    w[10] = scratchWords[0];
    w[12] = scratchWords[1];
    let h = 0x2545f491;
    for (let i = 0; i < 14; i++) h = mix32Signed(h, w[i]);
    let g = 0x9e3779b9 | 0;
    for (let i = 0; i < 14; i++) g = mix32Signed(g, w[LANE2_ORDER[i]]);
    this.lane1 = (this.lane1 + fmix32(h)) >>> 0;
    this.lane2 = (this.lane2 + fmix32(g)) >>> 0;
    this.count++;
  }

  /** Folds in another digest (e.g. another worker's). */
  merge(other: TraceDigest): void {
    this.lane1 = (this.lane1 + other.lane1) >>> 0;
    this.lane2 = (this.lane2 + other.lane2) >>> 0;
    this.count += other.count;
  }

  /** The digest as plain data, to cross a worker boundary. */
  toPlain(): { lane1: number; lane2: number; count: number } {
    return { lane1: this.lane1, lane2: this.lane2, count: this.count };
  }

  static fromPlain(p: { lane1: number; lane2: number; count: number }): TraceDigest {
    const d = new TraceDigest();
    d.lane1 = p.lane1 >>> 0;
    d.lane2 = p.lane2 >>> 0;
    d.count = p.count;
    return d;
  }

  /** 16 hex digits, followed by the event count. */
  toString(): string {
    return `${hex8(this.lane1)}${hex8(this.lane2)}-${this.count}`;
  }
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/**
 * The event's fields as (low, high) word pairs: time, origin, seq, target, kind, then the
 * argument's two words of bits, each with a high word of 0 (words 11 and 13 stay 0).
 */
const words = new Int32Array(14);
/** the second lane folds the fields in the order seq, time, target, origin, kind, arg */
const LANE2_ORDER = Int32Array.of(4, 5, 0, 1, 6, 7, 2, 3, 8, 9, 10, 11, 12, 13);

/**
 * Stores a number's words as mixNumber splits them: x >>> 0 and ⌊x / 2^32⌋ >>> 0. An Int32Array
 * store wraps modulo 2^32 as >>> 0 does, so the bits are the same.
 */
function putNumber(w: Int32Array, at: number, x: number): void {
  w[at] = x;
  w[at + 1] = x >= 0 && x < 4294967296 ? 0 : Math.floor(x / 4294967296);
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}
