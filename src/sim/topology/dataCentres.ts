/**
 * Where the CDN's servers go: which access networks host data centres, in which of their cities,
 * and how many edge servers each data centre holds. Servers sit inside end-user networks, as in
 * the highly distributed architecture of both papers, favouring networks with more users.
 */
import type { RandomStream } from '../random/RandomStream';
import { assert } from '../util/assert';
import { apportion } from './apportion';

/**
 * Hosting favours big networks but not strictly: a network's chance grows with √share, so the
 * top networks are nearly always in and a fair number of tail networks get servers too (the
 * paper's CDN deploys "in greater numbers of smaller regions").
 */
const HOSTING_SHARE_POWER = 0.5;

/**
 * Picks `count` access networks by weighted sampling without replacement (Efraimidis–Spirakis:
 * the largest keys u^(1/w), taken as log(u)/w). Returns their ids in ascending order (by rank).
 * @param rng - the 'topology/hosting' stream; one draw per network
 */
export function chooseHostingNetworks(
  shares: readonly number[],
  count: number,
  rng: RandomStream,
): number[] {
  const n = shares.length;
  assert(count >= 1 && count <= n, `cannot pick ${count} hosting networks out of ${n}`);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++)
    keys[i] = Math.log(rng.uniformPositive()) / Math.pow(shares[i], HOSTING_SHARE_POWER);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
  return order.slice(0, count).sort((a, b) => a - b);
}

export interface DataCentreSite {
  network: number;
  city: number;
  /** 0 for a network's first data centre in this city, 1 for its second, … */
  ordinal: number;
}

/**
 * Sites for `count` data centres. Every hosting network gets one in its home city; the rest go
 * round by round, in rank order, to the next city of each network that has one (big networks
 * spread out first). Only when every hosting network has a data centre in each of its cities does
 * a city get a second one. Deterministic. Sorted by network, then in placement order.
 */
export function placeDataCentres(
  hosting: readonly number[],
  networkCities: readonly (readonly number[])[],
  count: number,
): DataCentreSite[] {
  assert(hosting.length >= 1, 'no hosting networks');
  assert(
    count >= hosting.length,
    `${count} data centres cannot cover ${hosting.length} hosting networks`,
  );
  const perNetwork: DataCentreSite[][] = hosting.map(() => []);
  let placed = 0;
  let maxCities = 0;
  for (const net of hosting) maxCities = Math.max(maxCities, networkCities[net].length);
  for (let round = 0; placed < count; round++) {
    const wrapping = round >= maxCities;
    for (let h = 0; h < hosting.length && placed < count; h++) {
      const cities = networkCities[hosting[h]];
      if (!wrapping && round >= cities.length) continue;
      const city = cities[round % cities.length];
      const ordinal = perNetwork[h].filter((s) => s.city === city).length;
      perNetwork[h].push({ network: hosting[h], city, ordinal });
      placed++;
    }
  }
  return perNetwork.flat();
}

/**
 * Edge servers per data centre, summing to `servers` exactly. Each data centre gets a base of
 * min(2, ⌊servers / count⌋) (at least 1), and the rest is shared in proportion to log-normal
 * weights exp(σ·Z): with σ = 0 all sizes are equal (the classroom's 3 + 3 + … ).
 * @param rng - the 'topology/dc-size' stream; not drawn from when σ = 0
 */
export function dataCentreSizes(
  servers: number,
  count: number,
  sigma: number,
  rng: RandomStream,
): number[] {
  assert(
    count >= 1 && servers >= count,
    `cannot spread ${servers} servers over ${count} data centres`,
  );
  const weights = new Float64Array(count);
  for (let i = 0; i < count; i++) weights[i] = sigma > 0 ? rng.logNormal(0, sigma) : 1;
  const base = Math.max(1, Math.min(2, Math.floor(servers / count)));
  return apportion(servers, weights, base);
}
