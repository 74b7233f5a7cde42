import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { RandomStream } from '@sim/random/RandomStream';
import { ServiceQueue } from '@sim/sandbox/ServiceQueue';
import { MS } from '@sim/time';

interface Job {
  arrivedNs: number;
}

/**
 * Drives an origin directly with Poisson arrivals (no network) and returns every response time in
 * ns, in completion order, and the blocking indicator of every arrival, in arrival order.
 */
function drive(opts: {
  arrivalsPerSecond: number;
  serviceMeanMs: number;
  workers: number;
  queueLength: number;
  arrivals: number;
  seed: number;
}) {
  const engine = new Engine();
  const arrivalRng = new RandomStream(opts.seed, 'test/arrivals');
  const responseNs: number[] = [];
  const blocked: number[] = [];
  const done = engine.registerKind('test.done', (_t, _a, job) => {
    responseNs.push(engine.now - (job as Job).arrivedNs);
    origin.finish(job as Job);
  });
  const origin = new ServiceQueue<Job>(
    engine,
    0,
    new RandomStream(opts.seed, 'origin:0/service'),
    {
      workers: opts.workers,
      queueLength: opts.queueLength,
      serviceMeanNs: opts.serviceMeanMs * MS,
    },
    done,
  );
  const meanGapNs = 1e9 / opts.arrivalsPerSecond;
  const arrive = engine.registerKind('test.arrive', (_t, left) => {
    blocked.push(origin.offer({ arrivedNs: engine.now }) ? 0 : 1);
    if (left > 1)
      engine.schedule(Math.round(arrivalRng.exponential(meanGapNs)), 1, 0, arrive, left - 1);
  });
  engine.schedule(0, 1, 0, arrive, opts.arrivals);
  engine.run();
  return { responseNs, blocked, origin, engine };
}

/**
 * Mean and its standard error by batch means: successive customers' times are correlated, so
 * the naive σ/√n understates the error; 50 batches of consecutive values are nearly independent.
 */
function batchMean(xs: number[], batches = 50): { mean: number; se: number } {
  const size = Math.floor(xs.length / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += xs[i];
    means.push(s / size);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches) };
}

describe('the origin as a queue', () => {
  it('has the M/M/1 mean response time 1/(μ − λ) with one worker and a large queue', () => {
    // μ = 50/s (20 ms service), λ = 30/s: ρ = 0.6 and 1/(μ − λ) = 50 ms.
    const { responseNs, origin } = drive({
      arrivalsPerSecond: 30,
      serviceMeanMs: 20,
      workers: 1,
      queueLength: 1_000_000,
      arrivals: 200_000,
      seed: 3,
    });
    expect(origin.rejected).toBe(0);
    const { mean, se } = batchMean(responseNs);
    const expected = 50 * MS;
    expect(se).toBeLessThan(0.02 * expected);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
  });

  it('blocks the M/M/1/K fraction (1 − ρ)ρ^K / (1 − ρ^(K+1)) of arrivals', () => {
    for (const [rho, k] of [
      [0.9, 10],
      [1.5, 5],
    ]) {
      const { blocked, origin } = drive({
        arrivalsPerSecond: rho * 50,
        serviceMeanMs: 20,
        workers: 1,
        queueLength: k - 1, // K counts the job in service too
        arrivals: 200_000,
        seed: 4,
      });
      const expected = ((1 - rho) * rho ** k) / (1 - rho ** (k + 1));
      const { mean, se } = batchMean(blocked);
      expect(origin.rejected).toBe(blocked.reduce((a, b) => a + b, 0));
      // Tight enough to see an off-by-one in K: K + 1 changes the fraction by over 5 standard errors.
      expect(se).toBeLessThan(0.03 * expected);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    }
  });

  it('matches Erlang C with eight workers: mean response time C(c, a)/(cμ − λ) + 1/μ', () => {
    const c = 8;
    const mu = 50;
    const lambda = 300;
    const a = lambda / mu;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    const top = term * (c / (c - a)); // term is now a^c / c!
    const erlangC = top / (sum + top);
    const expected = (erlangC / (c * mu - lambda) + 1 / mu) * 1e9;
    const { responseNs, origin, engine } = drive({
      arrivalsPerSecond: lambda,
      serviceMeanMs: 1000 / mu,
      workers: c,
      queueLength: 1_000_000,
      arrivals: 300_000,
      seed: 5,
    });
    const { mean, se } = batchMean(responseNs);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    // Utilisation is λ/(cμ) = 0.75 over the run.
    expect(origin.utilisation(engine.now)).toBeCloseTo(0.75, 1);
  });
});
