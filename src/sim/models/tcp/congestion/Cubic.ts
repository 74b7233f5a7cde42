/**
 * CUBIC (RFC 9438). Between losses the window follows a cubic function of the time since the
 * last reduction, W_cubic(t) = C·(t − K)³ + W_max (segments, seconds), concave while it climbs
 * back to the W_max where the loss happened, flat around it, then convex as it probes beyond.
 * K = ∛(W_max·(1 − β)/C) is when it gets back there. Alongside runs W_est, the window a Reno flow
 * with the same average rate would have (AIMD with α = 3(1 − β)/(1 + β)); where that is larger
 * (short RTTs, high loss), CUBIC is "Reno-friendly" and follows it instead.
 *
 * On a loss: W_max = cwnd (or less with fast convergence: a flow whose W_max keeps falling gives
 * bandwidth up to newer flows), cwnd = ssthresh = β·cwnd. Slow start is the standard one;
 * HyStart (RFC 9406) is not modelled, so slow start ends at the first loss as in Reno.
 */
import type { AckEvent, CongestionControl } from './CongestionControl';

/** RFC 9438 4.1: C = 0.4, β_cubic = 0.7 */
export const CUBIC_C = 0.4;
export const CUBIC_BETA = 0.7;
const ALPHA = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);

/** W_cubic(t), segments, t in seconds since the congestion-avoidance epoch began. */
export function wCubic(tS: number, wMax: number, k: number): number {
  return CUBIC_C * (tS - k) ** 3 + wMax;
}

/** K (seconds): when W_cubic returns to W_max from a window of `cwndEpoch` segments. */
export function cubicK(wMax: number, cwndEpoch: number): number {
  return Math.cbrt(Math.max(0, wMax - cwndEpoch) / CUBIC_C);
}

export class Cubic implements CongestionControl {
  cwndBytes: number;
  ssthreshBytes = Infinity;
  readonly pacingRateBps = Infinity;
  readonly wantsRateSamples = false;
  readonly ownsRecoveryWindow = false;
  /** segments */
  wMax = 0;
  /** W_max before the last reduction, for fast convergence */
  private wLastMax = 0;
  /** cwnd just before the last reduction, segments (RFC 9438's cwnd_prior) */
  private cwndPrior = 0;
  /** start of the current congestion-avoidance epoch, ns; −1: none yet */
  epochStartNs = -1;
  k = 0;
  /** W_est, segments (RFC 9438 4.3) */
  wEst = 0;
  /** the cubic curve's anchor: W_max, or cwnd when the epoch starts above it */
  private origin = 0;

  constructor(
    private readonly mss: number,
    initialWindowSegments: number,
    private readonly abcLimitSegments: number,
    /** RFC 9438 4.7 fast convergence (on by default, as Linux) */
    private readonly fastConvergence = true,
  ) {
    this.cwndBytes = initialWindowSegments * mss;
  }

  onAck(ev: AckEvent): void {
    if (ev.inRecovery) return;
    const mss = this.mss;
    if (this.cwndBytes < this.ssthreshBytes) {
      this.cwndBytes += Math.min(ev.ackedBytes, this.abcLimitSegments * mss);
      return;
    }
    const cwnd = this.cwndBytes / mss;
    if (this.epochStartNs < 0) {
      this.epochStartNs = ev.nowNs;
      if (cwnd < this.wMax) {
        this.k = cubicK(this.wMax, cwnd);
        this.origin = this.wMax;
      } else {
        this.k = 0;
        this.origin = cwnd;
      }
      this.wEst = cwnd;
    }
    const acked = ev.ackedBytes / mss;
    // RFC 9438 4.2: aim at where the curve will be one RTT from now, within [cwnd, 1.5 cwnd].
    const rttS = (ev.srttNs > 0 ? ev.srttNs : 0) / 1e9;
    const tS = (ev.nowNs - this.epochStartNs) / 1e9;
    const target = Math.min(Math.max(wCubic(tS + rttS, this.origin, this.k), cwnd), 1.5 * cwnd);
    // RFC 9438 4.3: W_est grows by α per window of ACKed segments; α = 1 (Reno's) once W_est
    // is back at the window the last loss cut.
    this.wEst += ((this.wEst >= this.cwndPrior ? 1 : ALPHA) * acked) / cwnd;
    let next: number;
    if (wCubic(tS, this.origin, this.k) < this.wEst) next = Math.max(cwnd, this.wEst);
    else next = cwnd + ((target - cwnd) / cwnd) * acked;
    this.cwndBytes = Math.max(next * mss, mss);
  }

  onLossDetected(): void {
    this.reduce();
    this.cwndBytes = this.ssthreshBytes;
  }

  onRecoveryExit(): void {
    /* the window stays at ssthresh; a new epoch starts with the next ACK */
  }

  onRto(_inflightBytes: number, first: boolean): void {
    // RFC 9438 4.8: a timeout cuts like a loss, then slow start from one segment.
    if (first) this.reduce();
    this.cwndBytes = this.mss;
  }

  private reduce(): void {
    const cwnd = this.cwndBytes / this.mss;
    this.cwndPrior = cwnd;
    this.wLastMax = this.wMax;
    this.wMax = this.fastConvergence && cwnd < this.wLastMax ? (cwnd * (1 + CUBIC_BETA)) / 2 : cwnd;
    this.epochStartNs = -1;
    this.ssthreshBytes = Math.max(this.cwndBytes * CUBIC_BETA, 2 * this.mss);
  }
}
