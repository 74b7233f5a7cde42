/**
 * `fatfile [--inflation F] [--runs K] [--variant newreno|reno|cubic|bbr] [--sack on|off]
 * [--recovery prr|prr-ssrb|classic] [--bottleneck-mbps M] [--queue-packets Q] [--seconds S]`:
 * Leighton 2009, Figure 2, the fat-file paradox: each row
 * of the paper's table beside the packet-level simulation (mean and spread over K seeds) on the
 * lab's default path model, the Mathis and PFTK predictions, and the 4 GB download time at the
 * simulated rate. The model is in src/sim/models/tcp/figure2.ts.
 */
import { TraceDigest } from '@sim/engine/TraceDigest';
import { PATH_INFLATION, simulateFigure2 } from '@sim/models/tcp/figure2';
import { SECOND } from '@sim/time';
import type { TcpRecovery, TcpVariant } from '@sim/models/tcp/tcpConfig';
import { numberFlag, type Experiment } from '../experiment';
import { bottleneckConfig, bottleneckFlags, recoveryFlag, sackFlag, variantFlag } from './tcpFlags';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Keeps three significant digits: the rows span 0.4 to 44 Mbit/s. */
const sig3 = (x: number) => Number(x.toPrecision(3));

export const fatfileExperiment: Experiment = {
  name: 'fatfile',
  summary: 'the fat-file paradox: Leighton 2009 Figure 2 simulated packet by packet',
  flags: {
    inflation: numberFlag('effective RTT ÷ the table latency (path inflation)', PATH_INFLATION, {
      min: 1,
      max: 10,
    }),
    runs: numberFlag('seeds per row (seed, seed + 1, …)', 5, { min: 1, max: 100, integer: true }),
    seconds: numberFlag(
      'simulated seconds per run (0: max(60 s, 10,000 RTTs)); a paced variant that fills a fast bottleneck needs fewer',
      0,
      { min: 0, max: 1e6 },
    ),
    variant: variantFlag,
    sack: sackFlag,
    recovery: recoveryFlag,
    ...bottleneckFlags,
  },
  run(p, seed) {
    const config = {
      variant: p.variant as TcpVariant,
      sack: p.sack === 'on',
      recovery: p.recovery as TcpRecovery,
      ...bottleneckConfig(p),
    };
    const results = simulateFigure2({
      inflation: Number(p.inflation),
      runs: Number(p.runs),
      seed,
      config,
      ...(Number(p.seconds) > 0 && { durationNs: () => Math.round(Number(p.seconds) * SECOND) }),
    });
    // One digest for the whole table: every run's trace, summed.
    const digest = new TraceDigest();
    for (const r of results) digest.merge(TraceDigest.fromPlain(r.digestData));
    return {
      inflation: Number(p.inflation),
      variant: config.variant,
      sack: p.sack,
      recovery: config.recovery,
      rows: results.map((r) => ({
        label: r.label,
        latencyMs: r.latencyMs,
        rttMs: round(r.rttMs, 3),
        loss: r.loss,
        paperMbps: r.paperMbps,
        simMbps: sig3(r.simMbps),
        simSdMbps: sig3(r.simSdMbps),
        mathisMbps: sig3(r.mathisMbps),
        pftkMbps: sig3(r.pftkMbps),
        downloadHours: sig3(r.downloadHours),
        paperHours: round(r.paperDownloadHours, 2),
        timeoutsPerRun: round(r.timeoutsPerRun, 1),
        queueDrops: round(r.queueDropsPerRun, 1),
      })),
      digest: digest.toString(),
    };
  },
};
