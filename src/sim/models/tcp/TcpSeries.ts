/**
 * Time series of one transfer for charts (cwnd, smoothed RTT, throughput), sampled at ACKs no
 * more often than every `intervalNs`. Memory stays bounded however long the transfer: when
 * full, every other point is dropped and the interval doubles, so a whole 4 GB download still
 * fits and stays evenly spaced.
 */
import { assert } from '../../util/assert';
import type { TcpSender } from './TcpSender';

/** Plain data for charts: parallel arrays, oldest first. */
export interface TcpSeriesData {
  tNs: number[];
  cwndBytes: number[];
  srttMs: number[];
  /** acknowledged data rate since the previous point, Mbit/s */
  throughputMbps: number[];
}

export class TcpSeries {
  private readonly t: Float64Array;
  private readonly cwnd: Float64Array;
  private readonly srtt: Float64Array;
  private readonly rate: Float64Array;
  private n = 0;
  private lastT = 0;
  private lastAcked = 0;

  constructor(
    public intervalNs: number,
    readonly maxPoints: number,
    private readonly mssBytes: number,
  ) {
    assert(maxPoints >= 4 && maxPoints % 2 === 0, 'maxPoints must be an even number ≥ 4');
    this.t = new Float64Array(maxPoints);
    this.cwnd = new Float64Array(maxPoints);
    this.srtt = new Float64Array(maxPoints);
    this.rate = new Float64Array(maxPoints);
  }

  /** Records one point; returns the interval to wait before the next one. */
  record(now: number, s: TcpSender): number {
    if (this.n === this.maxPoints) this.halve();
    const i = this.n++;
    const dt = now - this.lastT;
    const acked = s.una * this.mssBytes;
    this.t[i] = now;
    this.cwnd[i] = s.cwndBytes;
    this.srtt[i] = s.rto.srttNs / 1e6;
    this.rate[i] = dt > 0 ? ((acked - this.lastAcked) * 8e3) / dt : 0;
    this.lastT = now;
    this.lastAcked = acked;
    return this.intervalNs;
  }

  private halve(): void {
    const half = this.maxPoints / 2;
    for (let i = 0; i < half; i++) {
      // Keep the odd points; their rates then cover two intervals, so average them in.
      const j = 2 * i + 1;
      this.t[i] = this.t[j];
      this.cwnd[i] = this.cwnd[j];
      this.srtt[i] = this.srtt[j];
      this.rate[i] = (this.rate[j - 1] + this.rate[j]) / 2;
    }
    this.n = half;
    this.intervalNs *= 2;
  }

  toData(): TcpSeriesData {
    const take = (a: Float64Array) => Array.from(a.subarray(0, this.n));
    return {
      tNs: take(this.t),
      cwndBytes: take(this.cwnd),
      srttMs: take(this.srtt),
      throughputMbps: take(this.rate),
    };
  }
}
