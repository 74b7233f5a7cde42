/**
 * `tcp --rtt-ms R --loss P [--mss 1460] [--delayed-ack on|off] [--min-rto-ms 200]
 * [--variant reno|newreno|cubic|bbr] [--sack on|off] [--recovery prr|prr-ssrb|classic]
 * [--rwnd-bytes B] [--window-scaling on|off] [--bottleneck-mbps M] [--queue-packets Q] [--seconds S | --bytes N] [--runs K]`: one packet-level TCP transfer per run (seeds seed,
 * seed + 1, …) over a path with that effective RTT and random loss; prints goodput (mean and
 * standard deviation over the runs), retransmissions, timeouts, random losses, queue drops and
 * mean queueing delay per run, the Mathis and PFTK
 * predictions for the same settings, and the events executed per wall second. The model is in
 * src/sim/models/tcp.
 */
import { performance } from 'node:perf_hooks';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { mathisBps, pftkBps, windowLimitBps } from '@sim/models/tcp/closedForms';
import { meanSd } from '@sim/models/tcp/figure2';
import { steadyRtoNs } from '@sim/models/tcp/RtoEstimator';
import { runTransfer, type TransferResult } from '@sim/models/tcp/runTransfer';
import { advertisedWindowBytes, DEFAULT_TCP_CONFIG, tcpConfig } from '@sim/models/tcp/tcpConfig';
import { MS, SECOND } from '@sim/time';
import { choiceFlag, numberFlag, UsageError, type Experiment } from '../experiment';
import {
  bottleneckConfig,
  bottleneckFlags,
  onOff,
  recoveryFlag,
  sackFlag,
  variantFlag,
} from './tcpFlags';
import type { TcpRecovery, TcpVariant } from '@sim/models/tcp/tcpConfig';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const DEFAULT_SECONDS = 60;

export const tcpExperiment: Experiment = {
  name: 'tcp',
  summary: 'one packet-level TCP transfer over a lossy path, beside the Mathis and PFTK formulas',
  flags: {
    'rtt-ms': numberFlag('effective round-trip time of the path, ms (inflation included)', 100, {
      min: 0.01,
      max: 10_000,
    }),
    loss: numberFlag('probability that a data packet is lost on the path', 0.01, {
      min: 0,
      max: 0.5,
    }),
    mss: numberFlag('maximum segment size, bytes', DEFAULT_TCP_CONFIG.mssBytes, {
      min: 64,
      max: 65_000,
      integer: true,
    }),
    'delayed-ack': onOff('on', 'one ACK per two segments (on) or per segment (off)'),
    'min-rto-ms': numberFlag('minimum retransmission timeout, ms', 200, { min: 1, max: 60_000 }),
    'rto-style': choiceFlag(
      'linux: RTO = SRTT + max(4·RTTVAR, min); rfc6298: RTO = max(min, SRTT + 4·RTTVAR)',
      'linux',
      (raw) => (raw === 'linux' || raw === 'rfc6298' ? raw : undefined),
      'linux or rfc6298',
    ),
    variant: variantFlag,
    sack: sackFlag,
    recovery: recoveryFlag,
    'rwnd-bytes': numberFlag('receive buffer, bytes', DEFAULT_TCP_CONFIG.rwndBytes, {
      min: 1024,
      max: 1 << 30,
      integer: true,
    }),
    'window-scaling': onOff('on', 'off caps the advertised window at 65,535 bytes'),
    ...bottleneckFlags,
    seconds: numberFlag(`simulated seconds per run (default ${DEFAULT_SECONDS})`, 0, {
      min: 0,
      max: 1e6,
    }),
    bytes: numberFlag('bytes to transfer per run instead of a duration', 0, {
      min: 0,
      max: 1e13,
      integer: true,
    }),
    runs: numberFlag('runs, with seeds seed, seed + 1, …', 1, { min: 1, max: 1000, integer: true }),
  },
  run(p, seed) {
    const seconds = Number(p.seconds);
    const bytes = Number(p.bytes);
    if (seconds > 0 && bytes > 0) throw new UsageError('give --seconds or --bytes, not both');
    let config;
    try {
      config = tcpConfig({
        rttNs: Math.round(Number(p['rtt-ms']) * MS),
        lossRate: Number(p.loss),
        mssBytes: Number(p.mss),
        delayedAck: p['delayed-ack'] === 'on',
        minRtoNs: Math.round(Number(p['min-rto-ms']) * MS),
        rtoStyle: p['rto-style'] === 'rfc6298' ? 'rfc6298' : 'linux',
        variant: p.variant as TcpVariant,
        sack: p.sack === 'on',
        recovery: p.recovery as TcpRecovery,
        rwndBytes: Number(p['rwnd-bytes']),
        windowScaling: p['window-scaling'] === 'on',
        ...bottleneckConfig(p),
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const runs = Number(p.runs);
    const results: TransferResult[] = [];
    const t0 = performance.now();
    for (let i = 0; i < runs; i++)
      results.push(
        runTransfer({
          config,
          seed: seed + i,
          ...(bytes > 0
            ? { bytes }
            : { durationNs: Math.round((seconds || DEFAULT_SECONDS) * SECOND) }),
        }),
      );
    const wallS = (performance.now() - t0) / 1000;
    const events = results.reduce((a, r) => a + r.events, 0);
    const digest = new TraceDigest();
    for (const r of results) digest.merge(TraceDigest.fromPlain(r.digestData));
    const perRun = (f: (r: TransferResult) => number) =>
      round(results.reduce((a, r) => a + f(r), 0) / runs, 2);

    // The formulas are loss-limited; PFTK's full model also caps at one window per RTT.
    const cf = {
      mssBytes: config.mssBytes,
      rttNs: config.rttNs,
      lossRate: config.lossRate,
      segmentsPerAck: config.delayedAck ? 2 : 1,
    };
    const cap = Math.min(
      windowLimitBps(advertisedWindowBytes(config), config.rttNs),
      config.bottleneckBps,
    );
    const timeoutNs = steadyRtoNs(config.rttNs, config.minRtoNs, config.rtoStyle);
    const { mean, sd } = meanSd(results.map((r) => r.goodputMbps));
    return {
      goodputMbps: { mean: round(mean, 4), sd: round(sd, 4) },
      retransmits: perRun((r) => r.retransmits),
      randomLosses: perRun((r) => r.randomLosses),
      queueDrops: perRun((r) => r.queueDrops),
      queueDelayMs: perRun((r) => r.queueDelayMs),
      fastRetransmits: perRun((r) => r.fastRetransmits),
      timeouts: perRun((r) => r.timeouts),
      simulatedSeconds: perRun((r) => r.elapsedNs / SECOND),
      mathisMbps: round(Math.min(mathisBps(cf), cap) / 1e6, 4),
      pftkMbps: round(Math.min(pftkBps({ ...cf, timeoutNs }), cap) / 1e6, 4),
      pftkTimeoutMs: round(timeoutNs / MS, 3),
      events,
      wallSeconds: round(wallS, 3),
      eventsPerSecond: Math.round(events / wallS),
      digest: digest.toString(),
    };
  },
};
