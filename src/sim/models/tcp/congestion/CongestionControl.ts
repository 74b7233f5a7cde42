/**
 * The seam between a TCP sender and its congestion control. The sender keeps the sequence space,
 * the timers and loss recovery (which segments to resend, and when); the congestion control
 * keeps the window (and, for a paced one, the rate) and is told what the network did: data
 * acknowledged, a loss found, recovery over, a timeout.
 *
 * Windows are in bytes as in the RFCs. One object serves one connection.
 */
import type { RateSample } from '../DeliveryRate';

export interface AckEvent {
  nowNs: number;
  /** bytes this ACK newly acknowledged, cumulatively or selectively */
  ackedBytes: number;
  /** payload bytes delivered since the connection began */
  deliveredBytes: number;
  /** bytes in flight after the ACK (RFC 6675's pipe with SACK, FlightSize without) */
  inflightBytes: number;
  /** the sender is in fast recovery (or recovering from a timeout) */
  inRecovery: boolean;
  /** the smoothed RTT and the path's smallest RTT seen so far, ns (0 before a sample) */
  srttNs: number;
  minRttNs: number;
  /** a delivery-rate sample (only for a control that asks for them), or null */
  rate: RateSample | null;
}

export interface CongestionControl {
  /** congestion window, bytes */
  cwndBytes: number;
  /** slow-start threshold, bytes (Infinity until the first loss) */
  ssthreshBytes: number;
  /** the rate segments leave at, bits per second of wire bytes; Infinity: as fast as cwnd allows */
  readonly pacingRateBps: number;
  /** needs delivery-rate samples on every ACK (BBR) */
  readonly wantsRateSamples: boolean;
  /**
   * Sets cwnd itself during recovery: the sender then leaves out its own recovery arithmetic
   * (NewReno's inflation by duplicate ACKs, its deflation on leaving)
   */
  readonly ownsRecoveryWindow: boolean;
  /** Every ACK that acknowledges new data, in recovery or not. */
  onAck(ev: AckEvent): void;
  /** A loss was found (three duplicate ACKs, or SACK/RACK): sets ssthresh and the reduced cwnd. */
  onLossDetected(inflightBytes: number, nowNs: number): void;
  /** Recovery is over: everything sent before it began is acknowledged. */
  onRecoveryExit(nowNs: number): void;
  /** The retransmission timer fired; `first` is false for a repeated timeout of the same data. */
  onRto(inflightBytes: number, first: boolean, nowNs: number): void;
}
