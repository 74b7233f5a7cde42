/**
 * Textbook results for the queues the simulator builds, so runs can be checked against them:
 * M/M/c (Erlang C) and M/M/c/K. Rates are per second, times in seconds.
 *
 * Convention: K is the system capacity, c workers plus K − c waiting places (Kendall's notation;
 * ServiceQueue's `queueLength` is K − c). An arrival that finds K customers present is blocked.
 *
 * Everything is computed by ratio recursions or in log space: a^c / c! overflows a double
 * beyond c ≈ 170, and a lab may ask about thousands of workers.
 */
import { assert } from '../util/assert';

function checkRates(lambda: number, mu: number, c: number): void {
  assert(Number.isFinite(lambda) && lambda >= 0, `arrival rate must be ≥ 0, got ${lambda}`);
  assert(Number.isFinite(mu) && mu > 0, `service rate must be > 0, got ${mu}`);
  assert(Number.isInteger(c) && c >= 1, `workers must be a whole number ≥ 1, got ${c}`);
}

/**
 * Erlang B, the blocking probability of M/M/c/c with offered load a, by the recursion
 * B(0) = 1, B(k) = a B(k−1) / (k + a B(k−1)): every step is a ratio in [0, 1], so it neither
 * overflows nor loses precision for any c.
 */
export function erlangB(c: number, a: number): number {
  assert(Number.isInteger(c) && c >= 0, `workers must be a whole number ≥ 0, got ${c}`);
  assert(Number.isFinite(a) && a >= 0, `offered load must be ≥ 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C, the probability that an arrival to M/M/c must wait, from Erlang B:
 * C = B / (1 − ρ(1 − B)) with ρ = a/c. Only defined for a < c (a stable queue).
 */
export function erlangC(c: number, a: number): number {
  assert(a < c, `Erlang C needs offered load below the worker count, got a = ${a}, c = ${c}`);
  const b = erlangB(c, a);
  return b / (1 - (a / c) * (1 - b));
}

export interface MMcTheory {
  /** a = λ/μ, in erlangs: the mean number of busy workers the arrivals would need */
  offeredLoad: number;
  /** ρ = a/c */
  utilisation: number;
  /** whether ρ < 1; if not, the steady-state figures below are null (the queue grows without bound) */
  stable: boolean;
  /** C(c, a), the probability that an arrival finds every worker busy */
  waitProbability: number | null;
  /** Wq = C / (cμ − λ) */
  meanWaitS: number | null;
  /** W = Wq + 1/μ */
  meanResponseS: number | null;
  /** L = λW (Little) */
  meanInSystem: number | null;
}

/** M/M/c with an unlimited queue. */
export function mmc(lambda: number, mu: number, c: number): MMcTheory {
  checkRates(lambda, mu, c);
  const a = lambda / mu;
  const rho = a / c;
  if (rho >= 1)
    return {
      offeredLoad: a,
      utilisation: rho,
      stable: false,
      waitProbability: null,
      meanWaitS: null,
      meanResponseS: null,
      meanInSystem: null,
    };
  const C = erlangC(c, a);
  const wq = C / (c * mu - lambda);
  const w = wq + 1 / mu;
  return {
    offeredLoad: a,
    utilisation: rho,
    stable: true,
    waitProbability: C,
    meanWaitS: wq,
    meanResponseS: w,
    meanInSystem: lambda * w,
  };
}

export interface MMcKTheory {
  offeredLoad: number;
  /** offered ρ = a/c; may be ≥ 1, the finite queue keeps the system stable */
  utilisation: number;
  /** carried utilisation λ(1 − p_K)/(cμ): the mean fraction of workers busy */
  carriedUtilisation: number;
  /** p_n for n = 0 … K customers present */
  distribution: Float64Array;
  /** p_K: by PASTA, the share of arrivals blocked */
  blocking: number;
  /**
   * Among all arrivals, the share admitted that find all c workers busy: Σ_{n=c}^{K−1} p_n.
   * Comparable with Erlang C, which counts every arrival (none is blocked there).
   */
  waitProbability: number;
  /** the same among admitted arrivals only: waitProbability / (1 − p_K) */
  waitProbabilityAdmitted: number;
  /** L = Σ n p_n */
  meanInSystem: number;
  /** W = L / λ_eff with λ_eff = λ(1 − p_K) (Little), of admitted customers; null if λ = 0 */
  meanResponseS: number | null;
  /** Wq = W − 1/μ; null if λ = 0 */
  meanWaitS: number | null;
}

/** M/M/c/K: c workers, at most K ≥ c customers in the system (K − c waiting places). */
export function mmck(lambda: number, mu: number, c: number, K: number): MMcKTheory {
  checkRates(lambda, mu, c);
  assert(Number.isInteger(K) && K >= c, `capacity K must be a whole number ≥ c, got ${K}`);
  const a = lambda / mu;
  const p = new Float64Array(K + 1);
  if (a === 0) {
    p[0] = 1;
  } else {
    // log of the unnormalised weight: w_n / w_{n−1} = a / min(n, c)
    const logA = Math.log(a);
    let top = 0;
    for (let n = 1; n <= K; n++) {
      p[n] = p[n - 1] + logA - Math.log(Math.min(n, c));
      if (p[n] > top) top = p[n];
    }
    let sum = 0;
    for (let n = 0; n <= K; n++) {
      p[n] = Math.exp(p[n] - top);
      sum += p[n];
    }
    for (let n = 0; n <= K; n++) p[n] /= sum;
  }
  let waiting = 0;
  let L = 0;
  for (let n = 0; n <= K; n++) {
    if (n >= c && n < K) waiting += p[n];
    L += n * p[n];
  }
  const blocking = p[K];
  const lambdaEff = lambda * (1 - blocking);
  const w = lambdaEff > 0 ? L / lambdaEff : null;
  return {
    offeredLoad: a,
    utilisation: a / c,
    carriedUtilisation: lambdaEff / (c * mu),
    distribution: p,
    blocking,
    waitProbability: waiting,
    waitProbabilityAdmitted: blocking < 1 ? waiting / (1 - blocking) : 0,
    meanInSystem: L,
    meanResponseS: w,
    meanWaitS: w === null ? null : w - 1 / mu,
  };
}
