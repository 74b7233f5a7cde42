/**
 * `flashcrowd [--cdn on|off] [--tiers none|regional] [--peak rps] [--baseline rps] [--k K] ...`:
 * a scripted flash crowd against the origin alone or through the CDN; prints, second by second,
 * the request rate, what reached the origin, its utilisation and queue, the edge's offload and
 * hit ratio, p50/p95 latency and the error rate, then totals and speed. With `--workers N` the
 * same run is split across N worker threads and only totals and speed are printed (the
 * benchmark form). The model runs in src/sim/models/delivery; only wall-clock timing is here.
 */
import { performance } from 'node:perf_hooks';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import {
  flashCrowdConfig,
  runFlashCrowd,
  type FlashCrowdSpec,
} from '@sim/models/delivery/flashCrowd';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery';
import { secondsToNs } from '@sim/time';
import { parseScaleArg } from '@sim/topology';
import {
  choiceFlag,
  numberFlag,
  scaleFlag,
  type Experiment,
  type ExperimentResult,
  type FlagValue,
} from '../experiment';

const round = (x: number | null, digits: number) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

const onOff = (help: string, def: 'on' | 'off') =>
  choiceFlag(help, def, (raw) => (raw === 'on' || raw === 'off' ? raw : undefined), 'on or off');

export function specFrom(p: Record<string, FlagValue>): FlashCrowdSpec {
  const hot = Number(p.hot);
  return {
    scale: String(p.scale),
    baselineRps: Number(p.baseline),
    peakRps: Number(p.peak),
    k: Number(p.k),
    startSeconds: Number(p.start),
    rampSeconds: Number(p.ramp),
    holdSeconds: Number(p.hold),
    decayHalfLifeSeconds: Number(p['half-life']),
    hotObject: hot >= 0 ? hot : undefined,
    cdn: p.cdn === 'on',
    loadFeedback: p.feedback === 'on',
    config: {
      originWorkers: Number(p['origin-workers']),
      originServiceMeanMs: Number(p['origin-service-ms']),
      cacheMegabytes: Number(p['cache-mb']),
      catalogueObjects: Number(p.objects),
      zipfExponent: Number(p.zipf),
      tiers: p.tiers === 'regional' ? 'regional' : 'none',
    },
  };
}

export const flashcrowdExperiment: Experiment = {
  name: 'flashcrowd',
  summary: 'a flash crowd against the origin alone or through the CDN, second by second',
  flags: {
    scale: scaleFlag(),
    cdn: onOff('serve through the CDN (off: every request goes to the origin)', 'on'),
    feedback: onOff('load reports, spreading and withdrawal in the mapping', 'on'),
    tiers: choiceFlag(
      'parent caches: none, or regional (one parent data centre per region)',
      'none',
      (raw) => (raw === 'none' || raw === 'regional' ? raw : undefined),
      'none or regional',
    ),
    baseline: numberFlag('real requests per second before the crowd', 50, { min: 0.001, max: 1e9 }),
    peak: numberFlag('real requests per second at the peak', 5_000, { min: 0.001, max: 1e10 }),
    k: numberFlag('real requests each simulated request stands for', 1, { min: 1, max: 1e6 }),
    start: numberFlag('second the crowd starts', 10, { min: 0, max: 86_400 }),
    ramp: numberFlag('seconds from baseline to peak', 10, { min: 0, max: 3_600 }),
    hold: numberFlag('seconds at the peak', 30, { min: 0, max: 86_400 }),
    'half-life': numberFlag('half-life of the decay, seconds', 10, { min: 0.001, max: 86_400 }),
    hot: numberFlag('object the crowd asks for (-1: the crowd follows popularity)', -1, {
      min: -1,
      max: 10_000_000,
      integer: true,
    }),
    'origin-workers': numberFlag('origin workers', 8, { min: 1, max: 100_000, integer: true }),
    'origin-service-ms': numberFlag('origin mean service time, ms', 20, { min: 0.001, max: 3.6e6 }),
    objects: numberFlag('objects in the catalogue', 2_000, {
      min: 1,
      max: 10_000_000,
      integer: true,
    }),
    zipf: numberFlag('Zipf exponent of popularity', 1, { min: 0.01, max: 5 }),
    'cache-mb': numberFlag('cache per edge server, MB', 200, { min: 0, max: 1_000_000 }),
    seconds: numberFlag('simulated seconds to run', 80, { min: 1, max: 86_400 }),
    workers: numberFlag('worker threads (0: one engine, with the per-second table)', 0, {
      min: 0,
      max: 8,
      integer: true,
    }),
  },
  async run(p, seed) {
    const spec = specFrom(p);
    if (Number(p.workers) > 0) return runOnWorkers(spec, p, seed);
    const k = spec.k ?? 1;
    const t0 = performance.now();
    const r = runFlashCrowd(spec, Number(p.seconds), seed);
    const wallSeconds = (performance.now() - t0) / 1000;
    const s = r.stats;
    return {
      scaleName: r.scaleName,
      edgeServers: r.edgeServers,
      realRequestsPerSimulatedRequest: k,
      perSecond: r.seconds.map((x) => ({
        t: x.second,
        rps: x.requestsPerSecond * k,
        originRps: x.originArrivalsPerSecond * k,
        originBusy: round(x.originUtilisation, 3),
        originQueue: x.originQueue,
        offload: round(x.requestOffload, 3),
        hitRatio: round(x.hitRatio, 3),
        p50Ms: round(x.p50Ms, 1),
        p95Ms: round(x.p95Ms, 1),
        errors: round(x.errorRate, 3),
      })),
      requests: s.requests * k,
      failed: s.failed * k,
      failures: s.failures,
      originFetches: s.originFetches * k,
      parentFetches: s.parentFetches * k,
      parentHits: s.parentHits * k,
      hitRatio: Number.isNaN(s.hitRatio) ? null : round(s.hitRatio, 4),
      originUtilisation: round(s.originUtilisation, 4),
      byteOffload: round(
        s.bytesServedByEdges > 0 ? 1 - s.bytesFromOrigin / s.bytesServedByEdges : 0,
        4,
      ),
      events: r.events,
      wallSeconds: round(wallSeconds, 3),
      simSecondsPerWallSecond: round(Number(p.seconds) / wallSeconds, 2),
      digest: r.digest,
    };
  },
};

/** The same crowd across worker threads: totals and speed (the benchmark). */
export async function runOnWorkers(
  spec: FlashCrowdSpec,
  p: Record<string, FlagValue>,
  seed: number,
): Promise<ExperimentResult> {
  const seconds = Number(p.seconds);
  const run = new Run({
    scenario: {
      seed,
      scale: parseScaleArg(String(p.scale)),
      network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE, lossRate: 0 } } },
    },
    model: { id: 'delivery', config: flashCrowdConfig(spec) },
    shards: Number(p.workers),
    makeWorker: nodeShardWorker,
    supervisor: { initTimeoutMs: 300_000, callTimeoutMs: 300_000 },
  });
  try {
    const t0 = performance.now();
    await run.start();
    const t1 = performance.now();
    await run.advanceTo(secondsToNs(seconds));
    const wallSeconds = (performance.now() - t1) / 1000;
    const snap = await run.snapshot();
    const k = spec.k ?? 1;
    return {
      workers: Number(p.workers),
      realRequestsPerSimulatedRequest: k,
      requests: (snap.counters['delivery.requests'] ?? 0) * k,
      events: snap.executed,
      setupWallSeconds: round((t1 - t0) / 1000, 3),
      wallSeconds: round(wallSeconds, 3),
      simSecondsPerWallSecond: round(seconds / wallSeconds, 3),
      digest: snap.digest,
    };
  } finally {
    run.dispose();
  }
}
