/**
 * Where each access network is present. The share of users is fixed by rank (userShares.ts); the
 * seed only decides which cities a network covers. A network's home city is drawn by user weight
 * among countries big enough to hold it; bigger networks reach more cities, preferring their home
 * country, then their home region (access networks are national or regional, not global).
 */
import type { RandomStream } from '../random/RandomStream';
import { assert } from '../util/assert';
import type { City } from './cities';

/** No network is present in more cities than this (the largest national ISPs of 2009). */
export const MAX_CITIES_PER_NETWORK = 10;

/** Preference for a further city over plain user weight: same country, same region, elsewhere. */
const SAME_COUNTRY = 10;
const SAME_REGION = 3;
const ELSEWHERE = 0.02;

/**
 * Number of cities for a network with this share of users among n networks:
 * round(1 + 2.5 · log10(share · n)), i.e. one city up to about 1.6 times the average share, then
 * one more city for each ×2.5 in size, up to MAX_CITIES_PER_NETWORK and the size of the pool.
 * Deterministic, so only the choice of cities depends on the seed.
 */
export function presenceCount(share: number, n: number, poolSize: number): number {
  const k = Math.round(1 + 2.5 * Math.log10(share * n));
  return Math.max(1, Math.min(k, MAX_CITIES_PER_NETWORK, poolSize));
}

/**
 * The cities of every network, home first, as indices into `cities`.
 * @param pool - city indices networks may use (all of them, or a classroom subset)
 * @param spreadHomes - draw home cities without replacement until each pool city has one
 * @param rng - the 'topology/presence' stream; draws happen network by network in rank order
 */
export function placeNetworks(
  shares: readonly number[],
  cities: readonly City[],
  pool: readonly number[],
  spreadHomes: boolean,
  rng: RandomStream,
): number[][] {
  assert(pool.length > 0, 'the city pool is empty');
  const base = pool.map((c) => cities[c].userWeight);
  const baseTotal = base.reduce((a, b) => a + b, 0);
  const countryShare = countryShares(pool, cities, baseTotal);
  const smallestCountry = Math.min(...countryShare);
  const n = shares.length;
  const out: number[][] = new Array<number[]>(n);
  const weights = new Float64Array(pool.length);
  const unused = spreadHomes ? Float64Array.from(base) : null;
  for (let net = 0; net < n; net++) {
    let home: number;
    if (unused && net < pool.length) {
      home = pickPositive(unused, rng);
      unused[home] = 0;
    } else if (unused || shares[net] <= smallestCountry) {
      home = rng.weightedIndex(base, baseTotal);
    } else {
      home = pickPositive(homeWeights(shares[net], base, countryShare, weights), rng);
    }
    const chosen = [pool[home]];
    const k = presenceCount(shares[net], n, pool.length);
    if (k > 1) {
      const h = cities[pool[home]];
      for (let i = 0; i < pool.length; i++) {
        const c = cities[pool[i]];
        const affinity =
          c.country === h.country ? SAME_COUNTRY : c.region === h.region ? SAME_REGION : ELSEWHERE;
        weights[i] = i === home ? 0 : base[i] * affinity;
      }
      // Sampling without replacement: a chosen city's weight drops to zero.
      while (chosen.length < k) {
        const i = pickPositive(weights, rng);
        chosen.push(pool[i]);
        weights[i] = 0;
      }
    }
    out[net] = chosen;
  }
  return out;
}

/** For each pool city, its country's share of the pool's total user weight. */
function countryShares(pool: readonly number[], cities: readonly City[], total: number): number[] {
  const byCountry = new Map<string, number>();
  for (const c of pool)
    byCountry.set(
      cities[c].country,
      (byCountry.get(cities[c].country) ?? 0) + cities[c].userWeight,
    );
  return pool.map((c) => byCountry.get(cities[c].country)! / total);
}

/**
 * Home-city weights for a network with this share of users: only cities in countries with at
 * least that share of the world's users qualify (no ISP has more users than its country), or,
 * if none does, the cities of the biggest country. Fills and returns `out`.
 */
function homeWeights(
  share: number,
  base: readonly number[],
  countryShare: readonly number[],
  out: Float64Array,
): Float64Array {
  const biggest = Math.max(...countryShare);
  const bar = Math.min(share, biggest);
  for (let i = 0; i < base.length; i++) out[i] = countryShare[i] >= bar ? base[i] : 0;
  return out;
}

/** A weighted draw that never returns a zero weight (end-of-scan rounding could). */
function pickPositive(weights: Float64Array, rng: RandomStream): number {
  let i = rng.weightedIndex(weights);
  while (i > 0 && weights[i] === 0) i--;
  assert(weights[i] > 0, 'no positive weight left to draw');
  return i;
}

/**
 * Splits a network's users over its cities in proportion to the cities' user weights; at least
 * one user per group, so that every client group stands for someone.
 */
export function splitUsers(
  totalUsers: number,
  cityIndices: readonly number[],
  cities: readonly City[],
): number[] {
  let sum = 0;
  for (const c of cityIndices) sum += cities[c].userWeight;
  return cityIndices.map((c) => Math.max(1, Math.round((totalUsers * cities[c].userWeight) / sum)));
}
