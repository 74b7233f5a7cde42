/**
 * Closed-form throughput of a long, loss-limited TCP Reno/NewReno transfer, to set beside the
 * packet-level simulation. Rates are in bits per second, times in ns, loss a probability.
 *
 * - Mathis, Semke, Mahdavi, Ott 1997: rate ≈ (MSS / RTT) · C / √p, C = √(3 / (2b)) where b is
 *   the segments acknowledged per ACK: √(3/2) with an ACK per segment, √(3/4) with delayed
 *   ACKs. Periodic loss, no timeouts: an approximation that ignores what timeouts cost.
 * - Padhye, Firoiu, Towsley, Kurose 1998 (PFTK), the "full model" without its window limit:
 *   rate ≈ MSS / (RTT·√(2bp/3) + T0·min(1, 3·√(3bp/8))·p·(1 + 32p²)), T0 the timeout.
 *   Includes timeouts and their back-off, and assumes losses in a round come in bursts.
 */
import { SECOND } from '../../time';
import { assert } from '../../util/assert';

export interface ClosedFormInput {
  mssBytes: number;
  rttNs: number;
  lossRate: number;
  /** segments acknowledged per ACK: 1, or 2 with delayed ACKs */
  segmentsPerAck: number;
}

function check(x: ClosedFormInput): void {
  assert(x.mssBytes > 0 && x.rttNs > 0, 'MSS and RTT must be positive');
  assert(x.lossRate >= 0 && x.lossRate < 1, `loss must be in [0, 1), got ${x.lossRate}`);
  assert(x.segmentsPerAck >= 1, 'segmentsPerAck must be at least 1');
}

/** Mathis et al.'s constant C for b segments per ACK. */
export function mathisConstant(segmentsPerAck: number): number {
  return Math.sqrt(3 / (2 * segmentsPerAck));
}

/** Mathis et al. 1997, bits per second (Infinity without loss). */
export function mathisBps(x: ClosedFormInput): number {
  check(x);
  if (x.lossRate === 0) return Infinity;
  const bitsPerRtt = x.mssBytes * 8;
  return (
    ((bitsPerRtt * SECOND) / x.rttNs) * (mathisConstant(x.segmentsPerAck) / Math.sqrt(x.lossRate))
  );
}

/**
 * PFTK 1998, bits per second (Infinity without loss).
 * @param timeoutNs T0, the retransmission timeout before any back-off
 */
export function pftkBps(x: ClosedFormInput & { timeoutNs: number }): number {
  check(x);
  assert(x.timeoutNs > 0, 'the timeout must be positive');
  const p = x.lossRate;
  if (p === 0) return Infinity;
  const b = x.segmentsPerAck;
  const rttS = x.rttNs / SECOND;
  const t0S = x.timeoutNs / SECOND;
  const denom =
    rttS * Math.sqrt((2 * b * p) / 3) +
    t0S * Math.min(1, 3 * Math.sqrt((3 * b * p) / 8)) * p * (1 + 32 * p * p);
  return (x.mssBytes * 8) / denom;
}

/** The ceiling a window sets: one window per round trip, bits per second. */
export function windowLimitBps(windowBytes: number, rttNs: number): number {
  return (windowBytes * 8 * SECOND) / rttNs;
}

/** Hours to download `bytes` at `bps` (the table's column uses a 4 GB DVD). */
export function downloadHours(bytes: number, bps: number): number {
  return (bytes * 8) / bps / 3600;
}

/**
 * The table's DVD: 4 GB in decimal units. The paper's download times are this size at its
 * unrounded rates (e.g. 8.2 h is 4e9 bytes at 1.09 Mbit/s, the Mathis value of that row).
 */
export const DVD_BYTES = 4e9;
