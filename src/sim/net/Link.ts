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
 * free, and one spare: eight doubles, one 64-byte cache line. A message crossing a link touches
 * all of it, and at the 2009 scale (70,000 links) it is rarely in the cache: as one line it
 * costs one miss where the separate arrays it was kept in cost three.
 */
export const LINK_STRIDE = 8;
const BYTES = 0;
const MESSAGES = 2;
const DROPS = 4;
const BUSY_UNTIL = 5;

export class Link {
  /** numeric key for the link's random draws, from its name */
  readonly key: number;
  up = true;
  /** bytes sent per direction */
  readonly bytes: Float64Array;
  /** messages sent per direction */
  readonly messages: Float64Array;

  constructor(
    /** stable name, e.g. `access:edge:fra-1`, `backbone:net-3`, `peering:net-3/net-7` */
    readonly id: string,
    readonly cls: LinkClassName,
    public params: Readonly<LinkParams>,
    /**
     * where the link's state lives, from `at` on: LINK_STRIDE numbers (bytes ×2, messages ×2,
     * drops, then the transmitters' free times), which the network keeps side by side for all
     * its links so that snapshots read the counters in one sweep
     */
    private readonly state: Float64Array = new Float64Array(LINK_STRIDE),
    private readonly at = 0,
  ) {
    this.key = hashString(id);
    this.bytes = state.subarray(at + BYTES, at + BYTES + 2);
    this.messages = state.subarray(at + MESSAGES, at + MESSAGES + 2);
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
    const p = this.params;
    const s = this.state;
    const at = this.at;
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

  /** Bytes waiting or in transmission at time t in direction dir. */
  backlogBytes(dir: number, t: number): number {
    const free = this.state[this.at + BUSY_UNTIL + dir];
    return free > t ? ((free - t) * this.params.bandwidthBps) / 8e9 : 0;
  }
}
