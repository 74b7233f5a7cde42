/**
 * One link of the network model, with a drop-tail FIFO queue per direction where its class is
 * queued. A queue is kept as the time its transmitter becomes free: a message arriving at t
 * waits until then, and the bytes still ahead of it are (busyUntil − t) · bandwidth / 8. This is
 * exact for a FIFO link sending at a constant rate, provided arrivals are processed in time
 * order, which the engine guarantees.
 */
import { hashString } from '../util/hash';
import { serializationNs, type LinkClassName, type LinkParams } from './linkClasses';

/** Counters per link: bytes sent per direction, messages sent per direction, drops. */
export const LINK_COUNTERS = 5;
/**
 * Numbers per link in its state: the counters, then when each direction's transmitter becomes
 * free, then its parameters' number in a `LinkParamsBook` and whether it is down: eight
 * doubles, one 64-byte cache line. A message crossing a link touches all of it, and at the 2009
 * scale (110,000 links) it is rarely in the cache: the network's per-hop code reads nothing
 * else of a link (not even its object), so a hop costs one miss there.
 */
export const LINK_STRIDE = 8;
export const BYTES = 0;
export const MESSAGES = 2;
export const DROPS = 4;
const BUSY_UNTIL = 5;
/** its parameters' number × 2, + 1 while the link is down */
export const PARAMS_AND_DOWN = 7;

/**
 * Numbers the parameter objects links have, so that a link's state line can name its own: a
 * network's links share their class's object until one is overridden, so the book stays small
 * (and in the cache).
 */
export class LinkParamsBook {
  readonly list: Readonly<LinkParams>[] = [];
  private readonly numbers = new Map<Readonly<LinkParams>, number>();

  numberOf(params: Readonly<LinkParams>): number {
    let n = this.numbers.get(params);
    if (n === undefined) {
      n = this.list.length;
      this.list.push(params);
      this.numbers.set(params, n);
    }
    return n;
  }
}

export class Link {
  /** numeric key for the link's random draws, from its name */
  readonly key: number;
  /** bytes sent per direction */
  readonly bytes: Float64Array;
  /** messages sent per direction */
  readonly messages: Float64Array;
  private current: Readonly<LinkParams>;

  constructor(
    /** stable name, e.g. `access:edge:fra-1`, `backbone:net-3`, `peering:net-3/net-7` */
    readonly id: string,
    readonly cls: LinkClassName,
    params: Readonly<LinkParams>,
    /**
     * where the link's state lives, from `at` on: LINK_STRIDE numbers (see there), which the
     * network keeps side by side for all its links so that snapshots read the counters in one
     * sweep
     */
    private readonly state: Float64Array = new Float64Array(LINK_STRIDE),
    private readonly at = 0,
    /** where the state line numbers the link's parameters (a network's links); none alone */
    private readonly book: LinkParamsBook | null = null,
    /** its slot in its network's link table (see LinkTable.stateChunks); −1 alone */
    readonly slot = -1,
  ) {
    this.key = hashString(id);
    this.bytes = state.subarray(at + BYTES, at + BYTES + 2);
    this.messages = state.subarray(at + MESSAGES, at + MESSAGES + 2);
    this.current = params;
    this.params = params;
  }

  get params(): Readonly<LinkParams> {
    return this.current;
  }

  set params(params: Readonly<LinkParams>) {
    this.current = params;
    if (this.book === null) return;
    const i = this.at + PARAMS_AND_DOWN;
    this.state[i] = this.book.numberOf(params) * 2 + (this.state[i] % 2);
  }

  get up(): boolean {
    return this.state[this.at + PARAMS_AND_DOWN] % 2 === 0;
  }

  set up(up: boolean) {
    const i = this.at + PARAMS_AND_DOWN;
    this.state[i] = this.state[i] - (this.state[i] % 2) + (up ? 0 : 1);
  }

  /** messages dropped (queue, loss or down), both directions */
  get drops(): number {
    return this.state[this.at + DROPS];
  }

  set drops(n: number) {
    this.state[this.at + DROPS] = n;
  }

  /**
   * A message of `sizeBytes` reaches the link at `t` going in direction `dir` (0 or 1). Returns
   * the time its last bit leaves, or −1 if the queue has no room (drop-tail).
   */
  transmit(dir: number, t: number, sizeBytes: number): number {
    return transmitAt(this.state, this.at, this.current, dir, t, sizeBytes);
  }

  /** Bytes waiting or in transmission at time t in direction dir. */
  backlogBytes(dir: number, t: number): number {
    const free = this.state[this.at + BUSY_UNTIL + dir];
    return free > t ? ((free - t) * this.current.bandwidthBps) / 8e9 : 0;
  }
}

/**
 * Link.transmit on a link's state line (`s` from `at`) and parameters `p`: the network's
 * per-hop code calls it without the link's object.
 */
export function transmitAt(
  s: Float64Array,
  at: number,
  p: Readonly<LinkParams>,
  dir: number,
  t: number,
  sizeBytes: number,
): number {
  let leave: number;
  if (p.queued) {
    // The transmitter's free time is kept exact (fractional ns) so rounding never inflates
    // the backlog; only the departure handed to the engine is rounded up to whole ns.
    const free = s[at + BUSY_UNTIL + dir];
    const backlogBytes = free > t ? ((free - t) * p.bandwidthBps) / 8e9 : 0;
    if (backlogBytes + sizeBytes > p.queueBytes * (1 + 1e-12)) {
      s[at + DROPS]++;
      return -1;
    }
    const done = (free > t ? free : t) + (sizeBytes * 8e9) / p.bandwidthBps;
    s[at + BUSY_UNTIL + dir] = done;
    leave = Math.ceil(done - 1e-6);
  } else {
    leave = t + serializationNs(sizeBytes, p.bandwidthBps);
  }
  s[at + BYTES + dir] += sizeBytes;
  s[at + MESSAGES + dir]++;
  return leave;
}
