/**
 * `sandbox --scale S --seconds T [--load F] [--cache-mb M] [--loss P]`: runs the sandbox CDN
 * (client groups → edge caches → origin) and prints requests, hit ratio, origin load, latency
 * percentiles, failures and speed (simulated seconds per wall second of the run itself; building
 * the topology is timed apart). The model runs in src/sim/sandbox; only wall-clock timing is here.
 */
import { performance } from 'node:perf_hooks';
import { createSandboxRun } from '@sim/sandbox';
import { MAX_SERVERS, MIN_SERVERS, resolveScale, SCALE_NAMES } from '@sim/topology';
import { choiceFlag, numberFlag, type Experiment } from '../experiment';

function isScale(raw: string): boolean {
  try {
    resolveScale(
      /^\d[\d,_]*$/.test(raw) && !(SCALE_NAMES as readonly string[]).includes(raw)
        ? Number(raw.replace(/[,_]/g, ''))
        : raw,
    );
    return true;
  } catch {
    return false;
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export const sandboxExperiment: Experiment = {
  name: 'sandbox',
  summary: 'run the sandbox CDN and report hit ratio, origin load, latency and failures',
  flags: {
    scale: choiceFlag(
      'classroom, 2002, 2009 or a number of edge servers',
      'classroom',
      (raw) => (isScale(raw) ? raw : undefined),
      `${SCALE_NAMES.join(', ')} or a whole number of servers from ${MIN_SERVERS} to ${MAX_SERVERS}`,
    ),
    seconds: numberFlag('simulated seconds to run', 10, { min: 0, max: 86_400 }),
    load: numberFlag('multiplier on every client group’s request rate', 1, {
      min: 0,
      max: 10_000,
    }),
    'cache-mb': numberFlag('cache size of each edge server, MB', 10, { min: 0, max: 1_000_000 }),
    loss: numberFlag('loss probability on each last-mile crossing', 0, { min: 0, max: 1 }),
  },
  run(p, seed) {
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
    const s = r.stats;
    const ms = (x: number) => (Number.isNaN(x) ? null : round(x, 3));
    return {
      scaleName: r.scaleName,
      clientGroups: r.clientGroups,
      edgeServers: r.edgeServers,
      offeredRequestsPerSecond: round(r.offeredRequestsPerSecond, 2),
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
      events: r.events,
      simulatedSeconds: r.simulatedSeconds,
      setupWallSeconds: round(setupSeconds, 3),
      wallSeconds: round(wallSeconds, 3),
      simSecondsPerWallSecond: wallSeconds > 0 ? round(r.simulatedSeconds / wallSeconds, 2) : null,
      digest: r.digest,
    };
  },
};
