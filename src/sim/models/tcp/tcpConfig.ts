/**
 * The settings of one TCP transfer and its path, with the defaults the lab states. Units are in
 * the names; times are integer ns.
 */
import { assert } from '../../util/assert';
import { MS, SECOND } from '../../time';
import type { RtoStyle } from './RtoEstimator';

/**
 * reno and newreno: the standard window with Reno's or NewReno's fast recovery (RFC 5681,
 * RFC 6582); cubic: RFC 9438's window; bbr: BBR v1 (Cardwell et al. 2016), paced. With SACK
 * off, cubic and bbr recover as NewReno does.
 */
export type TcpVariant = 'reno' | 'newreno' | 'cubic' | 'bbr';
export const TCP_VARIANTS: readonly TcpVariant[] = ['reno', 'newreno', 'cubic', 'bbr'];

/**
 * How many segments fast recovery sends (which ones is SACK's or NewReno's business):
 * prr: Proportional Rate Reduction as Linux (since 5.10) and ns-3 do it, RFC 9937;
 * prr-ssrb: RFC 6937 as first written (slow-start reduction bound on every ACK, Linux 3.2–5.9);
 * classic: cwnd drops to ssthresh at once (RFC 6675 with SACK; RFC 6582's inflation without).
 * BBR keeps its own recovery window whatever this says (Linux and ns-3 skip PRR for it too).
 */
export type TcpRecovery = 'prr' | 'prr-ssrb' | 'classic';
export const TCP_RECOVERIES: readonly TcpRecovery[] = ['prr', 'prr-ssrb', 'classic'];

export interface TcpConfig {
  /** round-trip propagation of the path, ns; path inflation already applied by the caller */
  rttNs: number;
  /** probability that a data segment is lost on the path (Bernoulli per packet; 1: path cut) */
  lossRate: number;
  /**
   * probability that an ACK is lost; 0 by default because the table's loss is the data
   * direction's and cumulative ACKs mask most ACK losses anyway
   */
  ackLossRate: number;
  /** maximum segment size, payload bytes */
  mssBytes: number;
  /** TCP/IP header bytes added to every packet on the wire (serialization only) */
  headerBytes: number;
  /** one ACK per two full segments (RFC 1122 / 5681) instead of one per segment */
  delayedAck: boolean;
  /** longest an ACK may be held back, ns */
  delayedAckTimeoutNs: number;
  /** lower bound of the retransmission timeout, ns (RFC 6298 says 1 s; Linux uses 200 ms) */
  minRtoNs: number;
  /** where the minimum applies: to the variance term (Linux) or to the whole RTO (RFC 6298) */
  rtoStyle: RtoStyle;
  /** upper bound of the backed-off RTO, ns (RFC 6298: at least 60 s) */
  maxRtoNs: number;
  /** RTO before the first RTT sample, ns (RFC 6298: 1 s) */
  initialRtoNs: number;
  variant: TcpVariant;
  /**
   * selective acknowledgements (RFC 2018) with RFC 6675 recovery and RACK loss detection
   * (RFC 8985), as every modern stack; off: classic cumulative ACKs and NewReno/Reno recovery
   */
  sack: boolean;
  /** the window during fast recovery: proportional rate reduction (default) or classic */
  recovery: TcpRecovery;
  /** receive buffer the receiver offers, bytes */
  rwndBytes: number;
  /** without window scaling (RFC 7323) the advertised window field caps at 65,535 bytes */
  windowScaling: boolean;
  /** initial congestion window in segments (RFC 5681: 3 for an MSS of 1,096 to 2,190 bytes) */
  initialWindowSegments: number;
  /**
   * appropriate byte counting limit in slow start (RFC 3465): cwnd grows by at most this many
   * MSS per ACK, so one ACK per two segments still doubles cwnd per round trip
   */
  abcLimitSegments: number;
  /** the bottleneck's rate, bits per second */
  bottleneckBps: number;
  /** the bottleneck's drop-tail buffer, bytes */
  queueBytes: number;
}

/**
 * Defaults: Linux-like timers (200 ms minimum RTO, 200 ms delayed-ACK ceiling), an Ethernet MSS,
 * a 16 MB receive buffer with scaling (so the window never limits the table's rows), and a 1 Gbit/s
 * bottleneck with a 1 MB buffer: the paper's premise is a network that is not congested, so the
 * bottleneck must not be what limits throughput.
 */
export const DEFAULT_TCP_CONFIG: Readonly<TcpConfig> = Object.freeze({
  rttNs: 100 * MS,
  lossRate: 0,
  ackLossRate: 0,
  mssBytes: 1460,
  headerBytes: 40,
  delayedAck: true,
  delayedAckTimeoutNs: 200 * MS,
  minRtoNs: 200 * MS,
  rtoStyle: 'linux',
  maxRtoNs: 60 * SECOND,
  initialRtoNs: SECOND,
  variant: 'newreno',
  sack: true,
  recovery: 'prr',
  rwndBytes: 16 * 1024 * 1024,
  windowScaling: true,
  initialWindowSegments: 3,
  abcLimitSegments: 2,
  bottleneckBps: 1e9,
  queueBytes: 1_000_000,
});

/** The largest window field without scaling (RFC 793: 16 bits). */
export const UNSCALED_WINDOW_MAX = 65_535;

/** The window the receiver can actually advertise, bytes. */
export function advertisedWindowBytes(c: Pick<TcpConfig, 'rwndBytes' | 'windowScaling'>): number {
  return c.windowScaling ? c.rwndBytes : Math.min(c.rwndBytes, UNSCALED_WINDOW_MAX);
}

export function tcpConfig(overrides: Partial<TcpConfig> = {}): TcpConfig {
  const c = { ...DEFAULT_TCP_CONFIG, ...overrides };
  const ns = (x: number) => Number.isSafeInteger(x) && x >= 0;
  assert(ns(c.rttNs) && c.rttNs > 0, `rttNs must be a positive integer, got ${c.rttNs}`);
  assert(c.lossRate >= 0 && c.lossRate <= 1, `lossRate must be in [0, 1], got ${c.lossRate}`);
  assert(
    c.ackLossRate >= 0 && c.ackLossRate <= 1,
    `ackLossRate must be in [0, 1], got ${c.ackLossRate}`,
  );
  assert(
    Number.isInteger(c.mssBytes) && c.mssBytes >= 64 && c.mssBytes <= 65_000,
    `mssBytes must be an integer from 64 to 65,000, got ${c.mssBytes}`,
  );
  assert(ns(c.headerBytes), `headerBytes must be a non-negative integer, got ${c.headerBytes}`);
  assert(ns(c.delayedAckTimeoutNs) && c.delayedAckTimeoutNs > 0, 'delayedAckTimeoutNs must be > 0');
  assert(ns(c.minRtoNs) && c.minRtoNs > 0, `minRtoNs must be positive, got ${c.minRtoNs}`);
  assert(ns(c.maxRtoNs) && c.maxRtoNs >= c.minRtoNs, 'maxRtoNs must be at least minRtoNs');
  assert(ns(c.initialRtoNs) && c.initialRtoNs > 0, 'initialRtoNs must be positive');
  assert(c.rtoStyle === 'linux' || c.rtoStyle === 'rfc6298', `unknown RTO style ${c.rtoStyle}`);
  assert(TCP_VARIANTS.includes(c.variant), `unknown variant ${c.variant}`);
  assert(c.sack === true || c.sack === false, `sack must be true or false, got ${c.sack}`);
  assert(TCP_RECOVERIES.includes(c.recovery), `unknown recovery ${c.recovery}`);
  assert(
    advertisedWindowBytes(c) >= 2 * c.mssBytes,
    `the receive window must hold at least two segments, got ${c.rwndBytes} bytes`,
  );
  assert(
    Number.isInteger(c.initialWindowSegments) && c.initialWindowSegments >= 1,
    'initialWindowSegments must be a positive integer',
  );
  assert(c.abcLimitSegments >= 1, 'abcLimitSegments must be at least 1');
  assert(c.bottleneckBps > 0, `bottleneckBps must be positive, got ${c.bottleneckBps}`);
  assert(
    c.queueBytes >= c.mssBytes + c.headerBytes,
    'the bottleneck queue must hold at least one packet',
  );
  return c;
}
