/**
 * The standard window (RFC 5681): slow start with appropriate byte counting (RFC 3465), then one
 * segment per round trip (MSS²/cwnd per ACK), halved on a loss, one segment after a timeout.
 * Reno and NewReno share it; they differ in loss recovery, which is the sender's.
 */
import type { AckEvent, CongestionControl } from './CongestionControl';

export class RenoWindow implements CongestionControl {
  cwndBytes: number;
  ssthreshBytes = Infinity;
  readonly pacingRateBps = Infinity;
  readonly wantsRateSamples = false;
  readonly ownsRecoveryWindow = false;

  constructor(
    private readonly mss: number,
    initialWindowSegments: number,
    private readonly abcLimitSegments: number,
  ) {
    this.cwndBytes = initialWindowSegments * mss;
  }

  onAck(ev: AckEvent): void {
    if (ev.inRecovery) return;
    if (this.cwndBytes < this.ssthreshBytes)
      this.cwndBytes += Math.min(ev.ackedBytes, this.abcLimitSegments * this.mss);
    else this.cwndBytes += (this.mss * this.mss) / this.cwndBytes;
  }

  onLossDetected(inflightBytes: number): void {
    this.ssthreshBytes = Math.max(inflightBytes / 2, 2 * this.mss);
    this.cwndBytes = this.ssthreshBytes;
  }

  onRecoveryExit(): void {
    /* the sender's recovery rule sets the window it leaves with */
  }

  onRto(inflightBytes: number, first: boolean): void {
    if (first) this.ssthreshBytes = Math.max(inflightBytes / 2, 2 * this.mss);
    this.cwndBytes = this.mss;
  }
}
