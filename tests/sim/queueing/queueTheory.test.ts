import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mmc, mmck } from '@sim/queueing/queueTheory';

/** Erlang C straight from its definition, summed in log space: an independent cross-check. */
function erlangCByDefinition(c: number, a: number): number {
  const logTerms: number[] = [];
  let logFact = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) logFact += Math.log(k);
    logTerms.push(k * Math.log(a) - logFact);
  }
  const logTop = c * Math.log(a) - (logFact + Math.log(c)) + Math.log(c / (c - a));
  const m = Math.max(logTop, ...logTerms);
  const sum = logTerms.reduce((s, t) => s + Math.exp(t - m), 0);
  const top = Math.exp(logTop - m);
  return top / (sum + top);
}

/** M/M/1/K blocking, (1 − ρ)ρ^K / (1 − ρ^(K+1)), or 1/(K + 1) at ρ = 1. */
const mm1kBlocking = (rho: number, K: number) =>
  rho === 1 ? 1 / (K + 1) : ((1 - rho) * rho ** K) / (1 - rho ** (K + 1));

describe('Erlang B and C', () => {
  it('match the closed forms for one and two workers', () => {
    for (const a of [0.1, 0.5, 0.9]) {
      expect(erlangB(1, a)).toBeCloseTo(a / (1 + a), 14);
      expect(erlangB(2, a)).toBeCloseTo(a ** 2 / 2 / (1 + a + a ** 2 / 2), 14);
      // M/M/1: an arrival waits exactly when the worker is busy, probability ρ
      expect(erlangC(1, a)).toBeCloseTo(a, 14);
      const rho = a; // two workers at utilisation ρ: offered load 2ρ
      expect(erlangC(2, 2 * rho)).toBeCloseTo((2 * rho ** 2) / (1 + rho), 14);
    }
  });

  it('match the tables: B(10, 5) = 0.01838, C(10, 5) = 0.03611', () => {
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
    expect(erlangC(10, 5)).toBeCloseTo(0.036105, 6);
  });

  it('agree with the log-space definition where a^c/c! overflows a double', () => {
    for (const [c, a] of [
      [8, 6],
      [200, 180],
      [1000, 990],
      [5000, 4900],
    ]) {
      expect(erlangC(c, a)).toBeCloseTo(erlangCByDefinition(c, a), 10);
    }
  });

  it('stay finite and in (0, 1) for 100,000 workers', () => {
    for (const a of [90_000, 99_000, 99_900, 99_999]) {
      const C = erlangC(100_000, a);
      expect(C).toBeGreaterThan(0);
      expect(C).toBeLessThan(1);
    }
    // Waiting becomes rare quickly below saturation with many workers (economies of scale).
    expect(erlangC(100_000, 99_000)).toBeLessThan(0.001);
  });
});

describe('M/M/c', () => {
  it('reduces to M/M/1: W = 1/(μ − λ), Wq = ρ/(μ − λ), L = ρ/(1 − ρ)', () => {
    const q = mmc(30, 50, 1);
    expect(q.utilisation).toBeCloseTo(0.6, 14);
    expect(q.waitProbability).toBeCloseTo(0.6, 14);
    expect(q.meanResponseS).toBeCloseTo(1 / 20, 14);
    expect(q.meanWaitS).toBeCloseTo(0.6 / 20, 14);
    expect(q.meanInSystem).toBeCloseTo(0.6 / 0.4, 12);
  });

  it('gives the two-worker mean wait C/(2μ − λ) with C = 2ρ²/(1 + ρ)', () => {
    const q = mmc(80, 50, 2); // ρ = 0.8
    const C = (2 * 0.64) / 1.8;
    expect(q.waitProbability).toBeCloseTo(C, 14);
    expect(q.meanWaitS).toBeCloseTo(C / 20, 14);
    expect(q.meanResponseS).toBeCloseTo(C / 20 + 0.02, 14);
  });

  it('has no steady state at ρ ≥ 1: the figures are null, not numbers', () => {
    for (const lambda of [100, 150]) {
      const q = mmc(lambda, 50, 2);
      expect(q.stable).toBe(false);
      expect(q.utilisation).toBeGreaterThanOrEqual(1);
      expect(q.waitProbability).toBeNull();
      expect(q.meanResponseS).toBeNull();
    }
  });
});

describe('M/M/c/K', () => {
  it('reduces to M/M/1/K blocking (1 − ρ)ρ^K/(1 − ρ^(K+1)), also at and above ρ = 1', () => {
    for (const rho of [0.5, 0.9, 1, 1.5, 3])
      for (const K of [1, 5, 10, 40])
        expect(mmck(rho * 50, 50, 1, K).blocking).toBeCloseTo(mm1kBlocking(rho, K), 12);
  });

  it('has the M/M/1/K mean number in system, and Little gives the admitted response time', () => {
    const rho = 0.9;
    const K = 10;
    const q = mmck(rho * 50, 50, 1, K);
    const L = rho / (1 - rho) - ((K + 1) * rho ** (K + 1)) / (1 - rho ** (K + 1));
    expect(q.meanInSystem).toBeCloseTo(L, 12);
    expect(q.meanResponseS).toBeCloseTo(L / (rho * 50 * (1 - q.blocking)), 12);
    expect(q.meanWaitS).toBeCloseTo(q.meanResponseS! - 1 / 50, 12);
  });

  it('is a distribution: p_n ≥ 0 summing to 1, even for 10,000 workers far past saturation', () => {
    for (const [lambda, c, K] of [
      [40, 1, 1],
      [300, 8, 20],
      [1000, 8, 20],
      [20_000, 10_000, 30_000],
    ]) {
      const q = mmck(lambda, 1, c, K);
      expect(q.distribution.length).toBe(K + 1);
      expect(q.distribution.every((p) => p >= 0 && Number.isFinite(p))).toBe(true);
      expect(q.distribution.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    }
  });

  it('blocks 1 − 1/ρ of arrivals when overloaded with a long queue (workers stay busy)', () => {
    const q = mmck(200_000, 1, 100_000, 200_000);
    expect(q.blocking).toBeCloseTo(0.5, 6);
    expect(q.carriedUtilisation).toBeCloseTo(1, 6);
  });

  it('with no waiting places (K = c) blocks the Erlang B share and nobody waits', () => {
    const q = mmck(300, 50, 8, 8);
    expect(q.blocking).toBeCloseTo(erlangB(8, 6), 12);
    expect(q.waitProbability).toBe(0);
  });

  it('approaches Erlang C as K grows', () => {
    for (const [lambda, c] of [
      [45, 1],
      [380, 8],
    ]) {
      const inf = mmc(lambda, 50, c);
      const fin = mmck(lambda, 50, c, c + 2000);
      expect(fin.blocking).toBeLessThan(1e-12);
      expect(fin.waitProbability).toBeCloseTo(inf.waitProbability!, 10);
      expect(fin.waitProbabilityAdmitted).toBeCloseTo(inf.waitProbability!, 10);
      expect(fin.meanResponseS).toBeCloseTo(inf.meanResponseS!, 10);
      expect(fin.carriedUtilisation).toBeCloseTo(inf.utilisation, 10);
    }
  });

  it('counts waiting among all arrivals, and among admitted ones separately', () => {
    const q = mmck(75, 50, 1, 3); // ρ = 1.5
    const [p0, p1, p2, p3] = q.distribution;
    expect(q.blocking).toBeCloseTo(p3, 15);
    expect(q.waitProbability).toBeCloseTo(p1 + p2, 15);
    expect(q.waitProbabilityAdmitted).toBeCloseTo((p1 + p2) / (p0 + p1 + p2), 15);
  });
});
