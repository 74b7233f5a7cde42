/**
 * `sandbox --scale S --seconds T [--load F] [--cache-mb M] [--loss P]`: runs the sandbox CDN
 * (client groups → edge caches → origin) and prints requests, hit ratio, origin load, latency
 * percentiles, failures and speed (simulated seconds per wall second of the run itself; building
 * the topology is timed apart). The model runs in src/sim/models/delivery; only wall-clock timing is here.
 */
import { performance } from 'node:perf_hooks';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import {
  AGGREGATE_LAST_MILE,
  createSandboxRun,
  summarizeStats,
  unflattenCounts,
  type SandboxStats,
} from '@sim/models/delivery';
import { Histogram } from '@sim/stats';
import { secondsToNs } from '@sim/time';
import { parseScaleArg } from '@sim/topology';
import {
  numberFlag,
  scaleFlag,
  type Experiment,
  type ExperimentResult,
  type FlagValue,
} from '../experiment';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export const sandboxExperiment: Experiment = {
  name: 'sandbox',
  summary: 'run the sandbox CDN and report hit ratio, origin load, latency and failures',
  flags: {
    scale: scaleFlag(),
    seconds: numberFlag('simulated seconds to run', 10, { min: 0, max: 86_400 }),
    load: numberFlag('multiplier on every client group’s request rate', 1, {
      min: 0,
      max: 10_000,
    }),
    'cache-mb': numberFlag('cache size of each edge server, MB', 10, { min: 0, max: 1_000_000 }),
    loss: numberFlag('loss probability on each last-mile crossing', 0, { min: 0, max: 1 }),
    workers: numberFlag(
      'worker threads to split the run across (0: one engine on this thread)',
      0,
      {
        min: 0,
        max: 8,
        integer: true,
      },
    ),
  },
  async run(p, seed) {
    if (Number(p.workers) > 0) return runOnWorkers(p, seed);
    const t0 = performance.now();
    const prepared = createSandboxRun(
      {
        scale: String(p.scale),
        seconds: Number(p.seconds),
        lastMileLossRate: Number(p.loss),
        config: { loadFactor: Number(p.load), cacheMegabytes: Number(p['cache-mb']) },
      },
      seed,
    );
    const t1 = performance.now();
    const r = prepared.run();
    const setupSeconds = (t1 - t0) / 1000;
    const wallSeconds = (performance.now() - t1) / 1000;
    return {
      scaleName: r.scaleName,
      clientGroups: r.clientGroups,
      edgeServers: r.edgeServers,
      offeredRequestsPerSecond: round(r.offeredRequestsPerSecond, 2),
      ...statsFields(r.stats),
      events: r.events,
      simulatedSeconds: r.simulatedSeconds,
      setupWallSeconds: round(setupSeconds, 3),
      wallSeconds: round(wallSeconds, 3),
      simSecondsPerWallSecond: wallSeconds > 0 ? round(r.simulatedSeconds / wallSeconds, 2) : null,
      digest: r.digest,
    };
  },
};

/** The statistics every form of the run prints. */
function statsFields(s: SandboxStats) {
  const ms = (x: number) => (Number.isNaN(x) ? null : round(x, 3));
  return {
    requests: s.requests,
    responses: s.responses,
    outstanding: s.outstanding,
    failed: s.failed,
    failures: s.failures,
    hitRatio: Number.isNaN(s.hitRatio) ? null : round(s.hitRatio, 4),
    hits: s.hits,
    misses: s.misses,
    originFetches: s.originFetches,
    originRejected: s.originRejected,
    originUtilisation: round(s.originUtilisation, 4),
    latencyMs: {
      mean: ms(s.latencyMs.mean),
      p50: ms(s.latencyMs.p50),
      p95: ms(s.latencyMs.p95),
      p99: ms(s.latencyMs.p99),
    },
    bytesServedByEdges: s.bytesServedByEdges,
    bytesFromOrigin: s.bytesFromOrigin,
  };
}

/**
 * The same run split by region across K worker threads through the browser's coordinator: it
 * prints the same statistics and digest as the single-engine run, for every K.
 */
async function runOnWorkers(p: Record<string, FlagValue>, seed: number): Promise<ExperimentResult> {
  const seconds = Number(p.seconds);
  const t0 = performance.now();
  const run = new Run({
    scenario: {
      seed,
      scale: parseScaleArg(String(p.scale)),
      network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE, lossRate: Number(p.loss) } } },
    },
    model: {
      id: 'delivery',
      config: { loadFactor: Number(p.load), cacheMegabytes: Number(p['cache-mb']) },
    },
    shards: Number(p.workers),
    makeWorker: nodeShardWorker,
    supervisor: { initTimeoutMs: 300_000, callTimeoutMs: 120_000 },
  });
  try {
    await run.start();
    const t1 = performance.now();
    await run.advanceTo(secondsToNs(seconds));
    const wallSeconds = (performance.now() - t1) / 1000;
    const snap = await run.snapshot();
    const latency =
      snap.histograms['delivery.latencyNs']?.toSnapshot() ?? new Histogram().toSnapshot();
    return {
      workers: Number(p.workers),
      ...statsFields(summarizeStats(unflattenCounts(snap.timeNs, snap.counters, latency))),
      events: snap.executed,
      windows: run.windows,
      lookaheadMs: round(run.lookaheadNs / 1e6, 3),
      eventsPerWorker: snap.eventsPerShard,
      busySecondsPerWorker: snap.busyMsPerShard.map((ms) => round(ms / 1000, 3)),
      simulatedSeconds: seconds,
      setupWallSeconds: round((t1 - t0) / 1000, 3),
      wallSeconds: round(wallSeconds, 3),
      simSecondsPerWallSecond: wallSeconds > 0 ? round(seconds / wallSeconds, 2) : null,
      digest: snap.digest,
    };
  } finally {
    run.dispose();
  }
}
