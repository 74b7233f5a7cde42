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
import { fmix32, mixNumber } from '../util/hash';
import type { EventObserver } from './Engine';

export class TraceDigest {
  private lane1 = 0;
  private lane2 = 0;
  count = 0;

  /** An observer to pass to engine.observe(). */
  readonly observer: EventObserver = (time, origin, seq, target, kind, arg) =>
    this.add(time, origin, seq, target, kind, arg);

  add(time: number, origin: number, seq: number, target: number, kind: number, arg: number): void {
    let h = mixNumber(0x2545f491, time);
    h = mixNumber(h, origin);
    h = mixNumber(h, seq);
    h = mixNumber(h, target);
    h = mixNumber(h, kind);
    h = mixArg(h, arg);
    let g = mixNumber(0x9e3779b9, seq);
    g = mixNumber(g, time);
    g = mixNumber(g, target);
    g = mixNumber(g, origin);
    g = mixNumber(g, kind);
    g = mixArg(g, arg);
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

/** Arguments may be fractional or negative: hash their exact bits. */
function mixArg(h: number, arg: number): number {
  scratch[0] = arg;
  return mixNumber(mixNumber(h, scratchWords[0]), scratchWords[1]);
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}
