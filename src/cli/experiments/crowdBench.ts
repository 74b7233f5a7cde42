/**
 * `crowdbench [--peak rps] [--k K] [--seconds S]`: the flash crowd's speed, in simulated seconds
 * per wall second, at the classroom and the 2009 scale with 1 and 2 worker threads. The crowd
 * climbs from 1 % of the peak to the peak over the first 5 simulated seconds and holds it; each
 * simulated request stands for k real ones. Prints figures; asserts nothing about time.
 */
import { flashcrowdExperiment, runOnWorkers, specFrom } from './flashcrowd';
import { numberFlag, type Experiment, type FlagValue } from '../experiment';

export const crowdBenchExperiment: Experiment = {
  name: 'crowdbench',
  summary: 'flash crowd speed at classroom and 2009 scale, 1 and 2 workers',
  flags: {
    peak: numberFlag('real requests per second at the peak', 1_000_000, { min: 1, max: 1e10 }),
    k: numberFlag('real requests each simulated request stands for', 100, { min: 1, max: 1e6 }),
    seconds: numberFlag('simulated seconds per run', 10, { min: 1, max: 3_600 }),
  },
  async run(p, seed) {
    const rows = [];
    const digests: string[] = [];
    for (const scale of ['classroom', '2009'])
      for (const workers of [1, 2]) {
        const params: Record<string, FlagValue> = {};
        for (const [name, flag] of Object.entries(flashcrowdExperiment.flags))
          params[name] = flag.default;
        Object.assign(params, {
          scale,
          workers,
          peak: Number(p.peak),
          baseline: Number(p.peak) / 100,
          k: Number(p.k),
          start: 0,
          ramp: 5,
          hold: 3_600,
          seconds: Number(p.seconds),
        });
        const r = await runOnWorkers(specFrom(params), params, seed);
        digests.push(String(r.digest));
        rows.push({
          scale,
          workers,
          realRequests: r.requests,
          simulatedRequests: Number(r.requests) / Number(p.k),
          events: r.events,
          setupWallSeconds: r.setupWallSeconds,
          wallSeconds: r.wallSeconds,
          simSecondsPerWallSecond: r.simSecondsPerWallSecond,
        });
      }
    return { realRequestsPerSimulatedRequest: Number(p.k), rows, digest: digests.join(',') };
  },
};
