/**
 * Proportional Rate Reduction (RFC 6937, made a standard as RFC 9937): how much a sender in fast
 * recovery may send. Classic recovery cuts cwnd to ssthresh at once, so the sender falls silent
 * for half a round trip (or, by RFC 6675's pipe, keeps sending into a half-empty window and
 * loses its ACK clock after several losses). PRR instead spreads the reduction over the round
 * trip of recovery: while more than ssthresh is in the network it sends ssthresh / RecoverFS of
 * what is delivered (one segment per two delivered for β = 0.5, seven per ten for CUBIC's 0.7),
 * and once pipe has fallen below ssthresh (more loss than the reduction) it climbs back towards
 * ssthresh, by at most the reduction bound. At the end of recovery the window is ssthresh.
 *
 * The reduction bound, two ways:
 * - 'ssrb' (RFC 6937 as written, Linux 3.2 to 5.9): slow start, one segment more than was
 *   delivered on every ACK;
 * - 'safe' (RFC 9937, Linux since 5.10, ns-3's TcpPrrRecovery): conservative (no more than
 *   delivered, packet conservation), with the slow-start segment only on an ACK that moves
 *   SND.UNA and reports no further loss, so a recovery that keeps finding losses does not grow.
 *
 * Everything counts segments (the sender's unit); ssthresh may be fractional (β × cwnd), and the
 * proportional share is rounded up, as Linux does, so the first delivery already releases a
 * segment.
 */
export type PrrBound = 'ssrb' | 'safe';

export class Prr {
  /** segments delivered (cumulatively or by SACK) and sent since recovery began */
  delivered = 0;
  out = 0;
  /** the flight recovery must bring down to ssthresh, segments */
  recoverFs = 1;

  constructor(readonly bound: PrrBound) {}

  /** Recovery begins with `recoverFs` segments to bring down to ssthresh. */
  enter(recoverFs: number): void {
    this.delivered = 0;
    this.out = 0;
    this.recoverFs = Math.max(recoverFs, 1);
  }

  /** A segment (new or resent) left during recovery. */
  onSent(): void {
    this.out++;
  }

  /**
   * RFC 6937 3: the segments an ACK that delivered `delivered` may release, with `pipe` segments
   * still in the network after it. `safe`: the ACK moved SND.UNA and showed no new loss. The
   * window is then pipe + the result.
   */
  sendCount(delivered: number, pipe: number, ssthresh: number, safe: boolean): number {
    this.delivered += delivered;
    let sndcnt: number;
    if (pipe > ssthresh) {
      // A hair below the integer, so a product that should be whole is not rounded up by error.
      sndcnt = Math.ceil((this.delivered * ssthresh) / this.recoverFs - 1e-9) - this.out;
    } else {
      let limit = Math.max(this.delivered - this.out, delivered);
      if (this.bound === 'ssrb' || safe) limit += 1;
      sndcnt = Math.min(ssthresh - pipe, limit);
    }
    // The first segment of recovery is the fast retransmit, whatever the arithmetic says.
    return Math.max(sndcnt, this.out > 0 ? 0 : 1);
  }
}
