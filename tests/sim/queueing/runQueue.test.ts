/**
 * The simulated queue against queueing theory. Each comparison allows four batch-means standard
 * errors plus a 0.1 % relative floor (for rounding service times to whole ns); each also checks
 * that the run was long enough for the comparison to have teeth, e.g. that the tolerance is
 * narrower than the gap between exponential and deterministic service (M/D/1, by
 * Pollaczek–Khinchine), so a wrong service distribution would fail.
 */
import { describe, expect, it } from 'vitest';
import { mmc, mmck } from '@sim/queueing/queueTheory';
import { runQueue, type Estimate } from '@sim/queueing/runQueue';

const MU = 50; // per second: 20 ms mean service
const UNLIMITED = 1e9;

function expectNear(measured: Estimate, expected: number, maxRelativeSe: number): number {
  const tolerance = 4 * measured.se + 1e-3 * expected;
  expect(measured.se).toBeLessThan(maxRelativeSe * expected);
  expect(Math.abs(measured.mean - expected)).toBeLessThan(tolerance);
  return tolerance;
}

describe('the simulated M/M/c queue against Erlang C', () => {
  // Arrivals per case: enough for a few per cent of standard error, within the time budget
  // (the error of a mean response grows like 1/(1 − ρ) near saturation).
  const cases = [
    { c: 1, rho: 0.5, arrivals: 100_000, maxSe: 0.02 },
    { c: 1, rho: 0.8, arrivals: 150_000, maxSe: 0.04 },
    { c: 1, rho: 0.95, arrivals: 400_000, maxSe: 0.08 },
    { c: 8, rho: 0.5, arrivals: 100_000, maxSe: 0.02 },
    { c: 8, rho: 0.8, arrivals: 150_000, maxSe: 0.03 },
    { c: 8, rho: 0.95, arrivals: 400_000, maxSe: 0.06 },
  ];
  it.each(cases)('c = $c at ρ = $rho', ({ c, rho, arrivals, maxSe }) => {
    const lambda = rho * c * MU;
    const theory = mmc(lambda, MU, c);
    const r = runQueue(
      {
        arrivalsPerSecond: lambda,
        serviceRatePerSecond: MU,
        workers: c,
        queueLength: UNLIMITED,
        durationSeconds: arrivals / lambda,
        digest: false,
      },
      11,
    );
    const w = theory.meanResponseS! * 1000;
    const tolerance = expectNear(r.responseMs, w, maxSe);
    expectNear(r.waitProbability, theory.waitProbability!, 0.05);
    expect(r.blocking.mean).toBe(0);
    expect(Math.abs(r.utilisation - rho)).toBeLessThan(0.02);
    if (c === 1) {
      const deterministicMs = (1 / MU + rho / (2 * MU * (1 - rho))) * 1000;
      expect(tolerance).toBeLessThan(w - deterministicMs);
    }
  });
});

describe('the simulated M/M/c/K queue', () => {
  const cases = [
    { c: 1, K: 10, rho: 0.9 },
    { c: 1, K: 5, rho: 1.5 },
    { c: 8, K: 12, rho: 0.95 },
    { c: 8, K: 16, rho: 1.3 },
  ];
  it.each(cases)('c = $c, K = $K at offered ρ = $rho', ({ c, K, rho }) => {
    const lambda = rho * c * MU;
    const theory = mmck(lambda, MU, c, K);
    const r = runQueue(
      {
        arrivalsPerSecond: lambda,
        serviceRatePerSecond: MU,
        workers: c,
        queueLength: K - c,
        durationSeconds: 100_000 / lambda,
        digest: false,
      },
      12,
    );
    expectNear(r.blocking, theory.blocking, 0.05);
    expectNear(r.waitProbability, theory.waitProbability, 0.03);
    const w = theory.meanResponseS! * 1000;
    const tolerance = expectNear(r.responseMs, w, 0.02);
    // Tight enough to see an off-by-one in K (past saturation the blocking barely notices one
    // place more or less, but the response time does).
    const offByOneMs = Math.min(
      ...[K - 1, K + 1].map((k) => Math.abs(mmck(lambda, MU, c, k).meanResponseS! * 1000 - w)),
    );
    expect(tolerance).toBeLessThan(offByOneMs);
    expect(Math.abs(r.utilisation - theory.carriedUtilisation)).toBeLessThan(0.02);
  });
});

describe('runQueue', () => {
  const params = {
    arrivalsPerSecond: 40,
    serviceRatePerSecond: 50,
    workers: 1,
    queueLength: 3,
    durationSeconds: 200,
  };

  it('is a pure function of its parameters and seed', () => {
    const a = runQueue(params, 1);
    expect(runQueue(params, 1)).toEqual(a);
    expect(a.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(runQueue(params, 2).digest).not.toBe(a.digest);
  });

  it('measures after the warm-up only (a tenth of the run by default)', () => {
    const r = runQueue(params, 1);
    expect(r.warmupSeconds).toBe(20);
    // about 0.9 × 200 s × 40/s measured, of about 8,000 in all
    expect(r.arrivals).toBeGreaterThan(6_500);
    expect(r.arrivals).toBeLessThan(7_900);
    expect(r.counters.arrivals).toBeGreaterThan(r.arrivals);
    const none = runQueue({ ...params, warmupSeconds: 0 }, 1);
    expect(none.arrivals).toBe(none.counters.arrivals);
  });
});
