/**
 * Leighton 2009, Figure 2 ("Effect of distance on throughput and download times") as data, and
 * its four rows simulated packet by packet with the lab's default path model.
 *
 * The table's latency is the ideal round trip in fibre. Real paths are longer than the great
 * circle and queue, so the model's effective RTT is latency × PATH_INFLATION. The factor was
 * calibrated once, against the whole table, with this model's defaults (MSS 1460, delayed ACKs,
 * Linux-style 200 ms RTO floor, 5 seeds) and the paper's TCP (PAPER_TCP: NewReno without SACK): of 1.70, 1.75, …, 2.10, 1.8 makes the worst
 * row's error smallest (every row within 10 %; the short rows land low, the long ones high).
 * It is below the ~2 that the Mathis formula needs because the packet-level sender lands 5–15 %
 * below that formula: it pays for timeouts and for recovery round trips, which the formula
 * ignores. The local row pays most: its timeout (RTT + 200 ms) is some seventy round trips.
 */
import { TraceDigest } from '../../engine/TraceDigest';
import { MS, SECOND } from '../../time';
import { assert } from '../../util/assert';
import { steadyRtoNs } from './RtoEstimator';
import { DVD_BYTES, downloadHours, mathisBps, pftkBps } from './closedForms';
import { runTransfer } from './runTransfer';
import { tcpConfig, type TcpConfig } from './tcpConfig';

export interface Figure2Row {
  label: string;
  /** distance from server to user as the paper gives it */
  distance: string;
  distanceMiles: number;
  /** the table's "network latency", ms: the ideal fibre round trip */
  latencyMs: number;
  /** the table's "typical packet loss", a probability */
  loss: number;
  paperMbps: number;
  /** the table's 4 GB DVD download time, hours */
  paperDownloadHours: number;
}

export const FIGURE2_ROWS: readonly Figure2Row[] = Object.freeze([
  {
    label: 'local',
    distance: '< 100 mi',
    distanceMiles: 100,
    latencyMs: 1.6,
    loss: 0.006,
    paperMbps: 44,
    paperDownloadHours: 12 / 60,
  },
  {
    label: 'regional',
    distance: '500–1,000 mi',
    distanceMiles: 500,
    latencyMs: 16,
    loss: 0.007,
    paperMbps: 4,
    paperDownloadHours: 2.2,
  },
  {
    label: 'cross-continent',
    distance: '~3,000 mi',
    distanceMiles: 3000,
    latencyMs: 48,
    loss: 0.01,
    paperMbps: 1,
    paperDownloadHours: 8.2,
  },
  {
    label: 'multi-continent',
    distance: '~6,000 mi',
    distanceMiles: 6000,
    latencyMs: 96,
    loss: 0.014,
    paperMbps: 0.4,
    paperDownloadHours: 20,
  },
]);

/**
 * The TCP the paper's table assumes, and PATH_INFLATION was calibrated with: 2009's Reno-like
 * sender, NewReno with cumulative ACKs only and classic fast recovery (proportional rate
 * reduction came to Linux in 2011). The model's defaults (SACK, PRR) are today's.
 */
export const PAPER_TCP: Readonly<Pick<TcpConfig, 'variant' | 'sack' | 'recovery'>> = Object.freeze({
  variant: 'newreno',
  sack: false,
  recovery: 'classic',
});

/** Effective RTT ÷ the table's latency, calibrated once (see the file header). */
export const PATH_INFLATION = 1.8;

export interface Figure2Options {
  inflation?: number;
  /** seeds run per row: seed, seed + 1, … */
  runs?: number;
  seed?: number;
  /** simulated time per run; default max(60 s, 10,000 RTTs), a few hundred loss events or more */
  durationNs?: (rttNs: number) => number;
  /** protocol settings other than RTT and loss (MSS, delayed ACK, minimum RTO, variant, …) */
  config?: Partial<TcpConfig>;
}

export interface Figure2Result extends Figure2Row {
  rttMs: number;
  simMbps: number;
  /** standard deviation of the runs' goodput */
  simSdMbps: number;
  runsMbps: number[];
  mathisMbps: number;
  pftkMbps: number;
  /** 4 GB at the simulated rate */
  downloadHours: number;
  timeoutsPerRun: number;
  /** packets the bottleneck's full queue dropped, per run */
  queueDropsPerRun: number;
  events: number;
  /** every run's trace digest, summed */
  digest: string;
  digestData: { lane1: number; lane2: number; count: number };
}

export function defaultFigure2DurationNs(rttNs: number): number {
  return Math.max(60 * SECOND, 10_000 * rttNs);
}

/** Simulates one row over `runs` seeds. */
export function simulateFigure2Row(row: Figure2Row, options: Figure2Options = {}): Figure2Result {
  const inflation = options.inflation ?? PATH_INFLATION;
  const runs = options.runs ?? 5;
  const seed = options.seed ?? 1;
  assert(inflation >= 1, `path inflation must be at least 1, got ${inflation}`);
  assert(Number.isInteger(runs) && runs >= 1, `runs must be a positive integer, got ${runs}`);
  const rttNs = Math.round(row.latencyMs * inflation * MS);
  const config = tcpConfig({ ...options.config, rttNs, lossRate: row.loss });
  const durationNs = (options.durationNs ?? defaultFigure2DurationNs)(rttNs);
  const runsMbps: number[] = [];
  const digest = new TraceDigest();
  let timeouts = 0;
  let queueDrops = 0;
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const r = runTransfer({ config, durationNs, seed: seed + i });
    runsMbps.push(r.goodputMbps);
    digest.merge(TraceDigest.fromPlain(r.digestData));
    timeouts += r.timeouts;
    queueDrops += r.queueDrops;
    events += r.events;
  }
  const { mean, sd } = meanSd(runsMbps);
  const cf = {
    mssBytes: config.mssBytes,
    rttNs,
    lossRate: row.loss,
    segmentsPerAck: config.delayedAck ? 2 : 1,
  };
  return {
    ...row,
    rttMs: rttNs / MS,
    simMbps: mean,
    simSdMbps: sd,
    runsMbps,
    mathisMbps: mathisBps(cf) / 1e6,
    pftkMbps:
      pftkBps({ ...cf, timeoutNs: steadyRtoNs(rttNs, config.minRtoNs, config.rtoStyle) }) / 1e6,
    downloadHours: downloadHours(DVD_BYTES, mean * 1e6),
    timeoutsPerRun: timeouts / runs,
    queueDropsPerRun: queueDrops / runs,
    events,
    digest: digest.toString(),
    digestData: digest.toPlain(),
  };
}

export function simulateFigure2(options: Figure2Options = {}): Figure2Result[] {
  return FIGURE2_ROWS.map((row) => simulateFigure2Row(row, options));
}

/** Sample mean and standard deviation (n − 1; 0 for a single run). */
export function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, sd: 0 };
  const v = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(v) };
}
