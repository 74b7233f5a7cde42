/**
 * One TCP transfer over one path, run on its own engine: for a simulated duration or until a
 * number of bytes has arrived. Returns goodput, the sender's counters, the events executed, a
 * trace digest and, if asked, bounded time series for charts.
 */
import { Engine } from '../../engine/Engine';
import { TraceDigest } from '../../engine/TraceDigest';
import { MS, SECOND } from '../../time';
import { assert } from '../../util/assert';
import { TcpConnection } from './TcpConnection';
import { TcpSeries, type TcpSeriesData } from './TcpSeries';
import { tcpConfig, type TcpConfig } from './tcpConfig';

export interface TransferSpec {
  /** path and protocol settings; anything left out takes DEFAULT_TCP_CONFIG's value */
  config?: Partial<TcpConfig>;
  /** run for this long (simulated ns), with an endless supply of data */
  durationNs?: number;
  /** or send this many bytes and stop when they have all arrived */
  bytes?: number;
  seed: number;
  /** record time series, at most this many points each (0: none) */
  seriesPoints?: number;
  /** first interval between series points, ns (doubles as the series fills) */
  seriesIntervalNs?: number;
  /** hash every event into the digest (on by default; costs about a tenth of the run time) */
  digest?: boolean;
}

export interface TransferResult {
  /** application bytes delivered in order to the receiver */
  bytesDelivered: number;
  /** simulated time the measurement covers: the duration, or until the last byte arrived */
  elapsedNs: number;
  goodputMbps: number;
  segmentsSent: number;
  retransmits: number;
  fastRetransmits: number;
  timeouts: number;
  /** data packets lost at random on the path and dropped by the full bottleneck queue */
  randomLosses: number;
  queueDrops: number;
  /** data packets' mean and largest wait in the bottleneck queue, ms */
  queueDelayMs: number;
  maxQueueDelayMs: number;
  acksSent: number;
  acksReceived: number;
  /** the sender's final smoothed RTT and RTO, ms */
  srttMs: number;
  rtoMs: number;
  events: number;
  digest: string;
  /** the digest as plain data, to merge several runs' digests */
  digestData: { lane1: number; lane2: number; count: number };
  series?: TcpSeriesData;
}

/** Largest transfer accepted: sequence numbers count segments in a double, far below 2^53. */
const MAX_BYTES = 1e13;

export function runTransfer(spec: TransferSpec): TransferResult {
  const cfg = tcpConfig(spec.config);
  const bytes = spec.bytes;
  assert(
    (bytes === undefined) !== (spec.durationNs === undefined),
    'give either durationNs or bytes',
  );
  if (bytes !== undefined)
    assert(
      Number.isSafeInteger(bytes) && bytes > 0 && bytes <= MAX_BYTES,
      `bytes must be a whole number from 1 to ${MAX_BYTES}, got ${bytes}`,
    );
  if (spec.durationNs !== undefined)
    assert(
      Number.isSafeInteger(spec.durationNs) && spec.durationNs > 0,
      `durationNs must be a positive integer, got ${spec.durationNs}`,
    );
  const engine = new Engine();
  const digest = new TraceDigest();
  if (spec.digest !== false) engine.observe(digest.observer);
  const conn = new TcpConnection(engine, cfg, spec.seed, bytes);
  const { sender: s, receiver: r, path } = conn;

  let series: TcpSeries | undefined;
  if (spec.seriesPoints) {
    series = new TcpSeries(
      spec.seriesIntervalNs ?? Math.max(MS, Math.round(cfg.rttNs / 4)),
      spec.seriesPoints,
      cfg.mssBytes,
    );
    const sampled = series;
    s.sampleEveryNs = sampled.intervalNs;
    s.sampler = (snd) => {
      snd.sampleEveryNs = sampled.record(engine.now, snd);
    };
  }

  conn.start();
  let elapsedNs: number;
  let delivered: number;
  if (spec.durationNs !== undefined) {
    engine.runUntil(spec.durationNs);
    elapsedNs = spec.durationNs;
    delivered = r.rcvNext * cfg.mssBytes;
  } else {
    // Everything stops by itself once the last ACK is in: only stale timer events remain.
    while (r.doneAtNs < 0 && engine.step()) {
      /* run */
    }
    assert(r.doneAtNs >= 0, 'the transfer stalled before all bytes arrived');
    elapsedNs = r.doneAtNs;
    delivered = bytes!;
  }

  return {
    bytesDelivered: delivered,
    elapsedNs,
    goodputMbps: (delivered * 8 * (SECOND / elapsedNs)) / 1e6,
    segmentsSent: s.segmentsSent,
    retransmits: s.retransmits,
    fastRetransmits: s.fastRetransmits,
    timeouts: s.timeouts,
    randomLosses: path.randomDrops[0],
    queueDrops: path.queueDrops[0],
    queueDelayMs: path.meanQueueWaitNs(0) / MS,
    maxQueueDelayMs: path.maxQueueWaitNs[0] / MS,
    acksSent: r.acksSent,
    acksReceived: s.acksReceived,
    srttMs: s.rto.srttNs / MS,
    rtoMs: s.rto.rtoNs / MS,
    events: engine.executed,
    digest: digest.toString(),
    digestData: digest.toPlain(),
    series: series?.toData(),
  };
}
