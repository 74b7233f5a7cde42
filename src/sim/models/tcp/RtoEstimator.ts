/**
 * Retransmission timeout estimation (RFC 6298): SRTT and RTTVAR from RTT samples, exponential
 * back-off on timeouts, a stated minimum.
 *
 * Where the minimum applies is a choice with visible consequences:
 * - 'linux': RTO = SRTT + max(4·RTTVAR, minRto), which is RFC 6298's SRTT + max(G, K·RTTVAR)
 *   with the granularity term G set to the minimum, as Linux does with its 200 ms. The timer
 *   then always leaves room for one more round trip, so a fast retransmission's answer arrives
 *   before the timer fires even on a 200 ms path.
 * - 'rfc6298': RTO = max(minRto, SRTT + 4·RTTVAR). On a steady path RTTVAR decays towards zero,
 *   so with an RTT near the minimum the timer fires while a retransmission is still on its way.
 */
export type RtoStyle = 'linux' | 'rfc6298';

export class RtoEstimator {
  /** smoothed RTT, ns (0 before the first sample) */
  srttNs = 0;
  rttvarNs = 0;
  samples = 0;
  /** the current timeout, backed off, whole ns */
  rtoNs: number;

  constructor(
    private readonly minRtoNs: number,
    private readonly maxRtoNs: number,
    initialRtoNs: number,
    private readonly style: RtoStyle = 'linux',
  ) {
    this.rtoNs = Math.min(maxRtoNs, Math.max(minRtoNs, initialRtoNs));
  }

  /** A valid sample (Karn: never from a retransmitted segment); also undoes any back-off. */
  sample(rttNs: number): void {
    if (this.samples === 0) {
      this.srttNs = rttNs;
      this.rttvarNs = rttNs / 2;
    } else {
      // Order matters (RFC 6298 2.3): RTTVAR uses the SRTT from before this sample.
      this.rttvarNs = 0.75 * this.rttvarNs + 0.25 * Math.abs(this.srttNs - rttNs);
      this.srttNs = 0.875 * this.srttNs + 0.125 * rttNs;
    }
    this.samples++;
    const spread = 4 * this.rttvarNs;
    const rto =
      this.style === 'linux'
        ? this.srttNs + Math.max(spread, this.minRtoNs)
        : Math.max(this.minRtoNs, this.srttNs + spread);
    this.rtoNs = Math.min(this.maxRtoNs, Math.ceil(rto));
  }

  /** Doubles the timeout after it fired (RFC 6298 5.5), up to the maximum. */
  backOff(): void {
    this.rtoNs = Math.min(this.maxRtoNs, this.rtoNs * 2);
  }
}

/** The RTO a steady path settles at (RTTVAR near zero): PFTK's T0. */
export function steadyRtoNs(rttNs: number, minRtoNs: number, style: RtoStyle): number {
  return style === 'linux' ? rttNs + minRtoNs : Math.max(minRtoNs, rttNs);
}
