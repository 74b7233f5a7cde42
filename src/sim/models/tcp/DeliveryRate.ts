/**
 * Delivery-rate estimation (draft-cheng-iccrg-delivery-rate-estimation, as Linux's
 * tcp_rate.c): each segment remembers, when sent, how much had been delivered by then and when;
 * when it is acknowledged, the data delivered between the two moments over the longer of the
 * send and ACK intervals is one sample of the rate the path delivers. Taking the longer interval
 * keeps a burst of ACKs (ACK compression) from inflating the estimate.
 *
 * Bytes are payload bytes; per-segment state sits in rings indexed by segment number, as the
 * sender never has more than a window outstanding.
 */
export interface RateSample {
  /** payload delivered over the interval, bits per second */
  deliveryRateBps: number;
  deliveredBytes: number;
  intervalNs: number;
  /** the sender had too little data to fill cwnd when the sampled segment left */
  isAppLimited: boolean;
  /** the newest acknowledged segment's round trip, ns */
  rttNs: number;
  /** the connection's delivered bytes when that segment was sent (BBR counts round trips by it) */
  priorDelivered: number;
}

export class DeliveryRate {
  /** payload bytes delivered so far (cumulatively or selectively acknowledged) */
  delivered = 0;
  private deliveredTimeNs = 0;
  private firstSentTimeNs = 0;
  /** delivered + inflight when the sender last ran out of data; 0 when not app-limited */
  private appLimitedMark = 0;
  private readonly pDelivered: Float64Array;
  private readonly pDeliveredTime: Float64Array;
  private readonly pFirstSent: Float64Array;
  private readonly pSent: Float64Array;
  private readonly pAppLimited: Uint8Array;
  private readonly mask: number;
  // The sample being built from this ACK's segments.
  private hasSample = false;
  private rsPriorDelivered = 0;
  private rsPriorTime = 0;
  private rsSent = -1;
  private rsSendElapsed = 0;
  private rsAckElapsed = 0;
  private rsAppLimited = false;
  private rsRtt = 0;

  constructor(ringSize: number) {
    this.mask = ringSize - 1;
    this.pDelivered = new Float64Array(ringSize);
    this.pDeliveredTime = new Float64Array(ringSize).fill(-1);
    this.pFirstSent = new Float64Array(ringSize);
    this.pSent = new Float64Array(ringSize);
    this.pAppLimited = new Uint8Array(ringSize);
  }

  /** A segment (new or resent) leaves now; `idle`: nothing else was in flight. */
  onSend(seg: number, nowNs: number, idle: boolean): void {
    if (idle) {
      this.firstSentTimeNs = nowNs;
      this.deliveredTimeNs = nowNs;
    }
    const i = seg & this.mask;
    this.pDelivered[i] = this.delivered;
    this.pDeliveredTime[i] = this.deliveredTimeNs;
    this.pFirstSent[i] = this.firstSentTimeNs;
    this.pSent[i] = nowNs;
    this.pAppLimited[i] = this.appLimitedMark !== 0 ? 1 : 0;
  }

  /** The sender has nothing more to send although cwnd would allow it. */
  markAppLimited(inflightBytes: number): void {
    this.appLimitedMark = Math.max(1, this.delivered + inflightBytes);
  }

  /** A segment was acknowledged for the first time (cumulatively or by SACK). */
  onDelivered(seg: number, bytes: number, nowNs: number): void {
    const i = seg & this.mask;
    if (this.pDeliveredTime[i] < 0) return;
    this.delivered += bytes;
    this.deliveredTimeNs = nowNs;
    const sent = this.pSent[i];
    // The most recently sent of this ACK's segments gives the sample (its interval is newest).
    if (!this.hasSample || sent >= this.rsSent) {
      this.hasSample = true;
      this.rsPriorDelivered = this.pDelivered[i];
      this.rsPriorTime = this.pDeliveredTime[i];
      this.rsSent = sent;
      this.rsSendElapsed = sent - this.pFirstSent[i];
      this.rsAckElapsed = nowNs - this.pDeliveredTime[i];
      this.rsAppLimited = this.pAppLimited[i] === 1;
      this.rsRtt = nowNs - sent;
      this.firstSentTimeNs = sent;
    }
    this.pDeliveredTime[i] = -1;
  }

  /** Closes this ACK's sample; null if it delivered nothing or its interval is too short. */
  takeSample(minRttNs: number): RateSample | null {
    if (this.appLimitedMark !== 0 && this.delivered > this.appLimitedMark) this.appLimitedMark = 0;
    if (!this.hasSample) return null;
    this.hasSample = false;
    const intervalNs = Math.max(this.rsSendElapsed, this.rsAckElapsed);
    const deliveredBytes = this.delivered - this.rsPriorDelivered;
    // An interval shorter than the path's round trip cannot be trusted (the draft's rule).
    if (intervalNs <= 0 || intervalNs < minRttNs || this.rsPriorTime < 0) return null;
    return {
      deliveryRateBps: (deliveredBytes * 8 * 1e9) / intervalNs,
      deliveredBytes,
      intervalNs,
      isAppLimited: this.rsAppLimited,
      rttNs: this.rsRtt,
      priorDelivered: this.rsPriorDelivered,
    };
  }
}
