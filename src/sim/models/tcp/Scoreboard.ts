/**
 * The SACK sender's scoreboard (RFC 6675): per outstanding segment, whether the receiver holds
 * it (SACKED), whether it is deemed lost (LOST) and whether it was sent again since (RETRANS),
 * with when it last left, and the counts that give RFC 6675's `pipe` (the segments still in the
 * network) in constant time, as Linux keeps sacked_out, lost_out and retrans_out:
 *   pipe = outstanding − sacked − lost + retransmitted.
 */
export const SACKED = 1;
export const LOST = 2;
export const RETRANS = 4;

export class Scoreboard {
  readonly flags: Uint8Array;
  readonly xmitNs: Float64Array;
  private readonly mask: number;
  sacked = 0;
  lost = 0;
  retrans = 0;
  /** lost and not yet sent again */
  private waiting = 0;
  /** no segment below this is lost and waiting to be resent */
  private lostHint = Infinity;

  constructor(ringSize: number) {
    this.flags = new Uint8Array(ringSize);
    this.xmitNs = new Float64Array(ringSize);
    this.mask = ringSize - 1;
  }

  get(seg: number): number {
    return this.flags[seg & this.mask];
  }

  sentAt(seg: number): number {
    return this.xmitNs[seg & this.mask];
  }

  /** Segments in the network among `outstanding` (una up to the highest sent). */
  pipe(outstanding: number): number {
    return outstanding - this.sacked - this.lost + this.retrans;
  }

  onSend(seg: number, nowNs: number, resend: boolean): void {
    const i = seg & this.mask;
    this.xmitNs[i] = nowNs;
    if (!resend) {
      this.flags[i] = 0;
      return;
    }
    const f = this.flags[i];
    if ((f & RETRANS) === 0) this.retrans++;
    if ((f & (LOST | RETRANS)) === LOST) this.waiting--;
    this.flags[i] = f | RETRANS;
  }

  /** The receiver holds `seg`; returns true if that is news. */
  markSacked(seg: number): boolean {
    const i = seg & this.mask;
    const f = this.flags[i];
    if (f & SACKED) return false;
    if ((f & (LOST | RETRANS)) === LOST) this.waiting--;
    if (f & LOST) this.lost--;
    if (f & RETRANS) this.retrans--;
    this.flags[i] = SACKED;
    this.sacked++;
    return true;
  }

  /** `seg` is deemed lost: it must be sent again (a lost retransmission too). */
  markLost(seg: number): void {
    const i = seg & this.mask;
    const f = this.flags[i];
    if (f & SACKED) return;
    if ((f & (LOST | RETRANS)) === LOST) return;
    if (f & RETRANS) this.retrans--;
    if ((f & LOST) === 0) this.lost++;
    this.waiting++;
    this.flags[i] = LOST;
    if (seg < this.lostHint) this.lostHint = seg;
  }

  /** `seg` is cumulatively acknowledged: it leaves the board. */
  release(seg: number): void {
    const i = seg & this.mask;
    const f = this.flags[i];
    if ((f & (LOST | RETRANS)) === LOST) this.waiting--;
    if (f & SACKED) this.sacked--;
    if (f & LOST) this.lost--;
    if (f & RETRANS) this.retrans--;
    this.flags[i] = 0;
  }

  /** The lowest segment in [from, to) that is lost and not yet resent, or −1. */
  nextLost(from: number, to: number): number {
    if (this.waiting === 0) return -1;
    let s = Math.max(from, this.lostHint === Infinity ? from : this.lostHint);
    for (; s < to; s++) {
      const f = this.flags[s & this.mask];
      if ((f & LOST) !== 0 && (f & RETRANS) === 0) {
        this.lostHint = s;
        return s;
      }
    }
    this.lostHint = Infinity;
    return -1;
  }
}
