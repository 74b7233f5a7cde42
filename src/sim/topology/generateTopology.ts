/**
 * Builds a whole topology from a scale and a seed: access networks with long-tailed user shares,
 * data centres inside a subset of them, and the nodes (client groups, resolvers, the DNS
 * hierarchy, edge servers, origins). Returns plain data only, ready for structuredClone.
 */
import { RandomStream } from '../random/RandomStream';
import { assert } from '../util/assert';
import { CITIES, findCityIndex, type City } from './cities';
import { chooseHostingNetworks, dataCentreSizes, placeDataCentres } from './dataCentres';
import { ANYCAST_SITES, INFRASTRUCTURE, PUBLIC_RESOLVER_SITES } from './infrastructure';
import { placeNetworks, splitUsers } from './networks';
import { createNodeList, type NodeList } from './nodeList';
import { REGIONS } from './regions';
import { resolveScale, type Scale } from './scales';
import type { NodeKind, Topology, TopologyDataCentre, TopologyNetwork } from './types';
import { zipfShares } from './userShares';

/** Named streams: changing how one part is drawn never reshuffles another. */
const STREAM_PRESENCE = 'topology/presence';
const STREAM_HOSTING = 'topology/hosting';
const STREAM_DC_SIZE = 'topology/dc-size';

function cityIndexOrThrow(id: string): number {
  const i = findCityIndex(id);
  assert(i >= 0, `unknown city '${id}'`);
  return i;
}

function emptyNetwork(id: number, name: string, role: TopologyNetwork['role'], userShare: number) {
  const network: TopologyNetwork = {
    id,
    name,
    role,
    userShare,
    cities: [],
    hostsServers: false,
    dataCentres: [],
  };
  return network;
}

/**
 * Node ids are assigned in this order, which is part of the contract (ids are stable for a given
 * scale and seed): infrastructure (roots, .net, CDN top-level DNS, origins); then each data
 * centre as its low-level DNS followed by its edge servers; then, network by network in rank
 * order and city by city, a resolver followed by its client group; then the anycast instances of
 * the root and .net servers and the public resolver's sites, last, so that adding them moved no
 * other node's id.
 * @param scale - a Scale, a scale name or a number of edge servers (see resolveScale)
 * @param seed - non-negative integer run seed
 */
export function generateTopology(scale: Scale | string | number, seed: number): Topology {
  const sc = typeof scale === 'object' ? scale : resolveScale(scale);
  assert(
    Number.isSafeInteger(seed) && seed >= 0,
    `seed must be a non-negative integer, got ${seed}`,
  );
  assert(
    sc.servers >= sc.dataCentres &&
      sc.dataCentres >= sc.hostingNetworks &&
      sc.networks >= sc.hostingNetworks,
    `inconsistent scale ${sc.name}: ${sc.servers} servers, ${sc.dataCentres} data centres, ` +
      `${sc.hostingNetworks} hosting networks, ${sc.networks} networks`,
  );
  const cities = CITIES.map((c) => ({ ...c }));
  const pool = sc.cityPool ? sc.cityPool.map(cityIndexOrThrow) : cities.map((_, i) => i);

  // Access networks: shares by rank (deterministic), cities by seed.
  const shares = zipfShares(sc.networks, sc.zipfExponent);
  const presenceRng = new RandomStream(seed, STREAM_PRESENCE);
  const presence = placeNetworks(shares, cities, pool, sc.spreadHomeCities, presenceRng);
  const networks = shares.map((share, id) => {
    const network = emptyNetwork(id, `n${id}`, 'access', share);
    network.cities = presence[id];
    return network;
  });

  const list = createNodeList(cities);
  addInfrastructure(sc, new Set(pool), networks, list);
  const dataCentres = addDataCentres(sc, seed, shares, presence, cities, networks, list);
  addClientGroups(sc, shares, presence, cities, list);
  addAnycastInstances(sc, new Set(pool), networks, list);
  addPublicResolvers(sc, new Set(pool), networks, list);

  const nodes = list.nodes;
  const usedRegions = new Set(nodes.map((n) => cities[n.city].region));
  const regions = REGIONS.filter((r) => usedRegions.has(r.id)).map((r) => ({ ...r }));
  const scaleCopy = { ...sc, cityPool: sc.cityPool ? [...sc.cityPool] : null };
  return { scale: scaleCopy, seed, regions, cities, networks, dataCentres, nodes };
}

/** Roots, .net servers, CDN top-level DNS and origins, each kind in its own network. */
function addInfrastructure(
  sc: Scale,
  pool: ReadonlySet<number>,
  networks: TopologyNetwork[],
  list: NodeList,
): void {
  const counts: Partial<Record<NodeKind, number>> = {
    dnsRoot: sc.rootServers,
    dnsTld: sc.tldServers,
    dnsCdnTop: sc.cdnTopServers,
    origin: sc.origins,
  };
  for (const infra of INFRASTRUCTURE) {
    const sites = infra.sites.filter((s) => pool.has(cityIndexOrThrow(s.cityId)));
    const want = counts[infra.kind] ?? 0;
    assert(
      sites.length >= want,
      `${sc.name}: only ${sites.length} ${infra.kind} sites in the city pool, need ${want}`,
    );
    const network = emptyNetwork(networks.length, infra.network, 'infrastructure', 0);
    networks.push(network);
    for (const site of sites.slice(0, want)) {
      const city = cityIndexOrThrow(site.cityId);
      list.add(infra.kind, `${infra.prefix}:${site.label}`, city, network.id, -1);
      if (!network.cities.includes(city)) network.cities.push(city);
    }
  }
}

/**
 * Anycast (RFC 4786): every root and .net server gets instances at further sites, each a node
 * of its own in the server's infrastructure network, all answering for the home node's address.
 * Which instance a resolver reaches is the route service's decision (RouteService.anycastInstance).
 */
function addAnycastInstances(
  sc: Scale,
  pool: ReadonlySet<number>,
  networks: TopologyNetwork[],
  list: NodeList,
): void {
  const services = list.nodes.filter((n) => n.kind === 'dnsRoot' || n.kind === 'dnsTld');
  for (const home of services) {
    home.anycastOf = home.id;
    const network = networks[home.network];
    const sites = ANYCAST_SITES.map(cityIndexOrThrow).filter((c) => pool.has(c) && c !== home.city);
    for (const city of sites.slice(0, sc.anycastInstances - 1)) {
      const label = `${home.name.replace(/^[^:]*:/, '')}-${list.cities[city].id}`;
      const instance = list.add(home.kind, `dns:${label}`, city, home.network, -1);
      instance.anycastOf = home.id;
      if (!network.cities.includes(city)) network.cities.push(city);
    }
  }
}

/** A public resolver's sites, in an infrastructure network of their own. */
function addPublicResolvers(
  sc: Scale,
  pool: ReadonlySet<number>,
  networks: TopologyNetwork[],
  list: NodeList,
): void {
  const network = emptyNetwork(networks.length, 'public-dns', 'infrastructure', 0);
  networks.push(network);
  const sites = PUBLIC_RESOLVER_SITES.map(cityIndexOrThrow).filter((c) => pool.has(c));
  for (const city of sites.slice(0, sc.publicResolvers)) {
    list.add('resolver', `resolver:public-${list.cities[city].id}`, city, network.id, -1);
    network.cities.push(city);
  }
}

/** Hosting networks, their data-centre sites and sizes; a low-level DNS with each data centre. */
function addDataCentres(
  sc: Scale,
  seed: number,
  shares: readonly number[],
  presence: readonly (readonly number[])[],
  cities: readonly City[],
  networks: TopologyNetwork[],
  list: NodeList,
): TopologyDataCentre[] {
  const hostingRng = new RandomStream(seed, STREAM_HOSTING);
  const hosting = chooseHostingNetworks(shares, sc.hostingNetworks, hostingRng);
  const sites = placeDataCentres(hosting, presence, sc.dataCentres);
  const sizeRng = new RandomStream(seed, STREAM_DC_SIZE);
  const sizes = dataCentreSizes(sc.servers, sites.length, sc.dataCentreSizeSigma, sizeRng);
  return sites.map((site, id) => {
    const suffix = site.ordinal > 0 ? `-dc${site.ordinal + 1}` : '';
    const label = `${cities[site.city].id}-n${site.network}${suffix}`;
    const low = list.add('dnsCdnLow', `dns:low-${label}`, site.city, site.network, id);
    const servers: number[] = [];
    for (let k = 1; k <= sizes[id]; k++) {
      servers.push(list.add('edge', `edge:${label}-${k}`, site.city, site.network, id).id);
    }
    networks[site.network].hostsServers = true;
    networks[site.network].dataCentres.push(id);
    return {
      id,
      name: label,
      city: site.city,
      network: site.network,
      servers,
      lowLevelDns: low.id,
    };
  });
}

/** One resolver and one client group per (access network, city), the users split by city weight. */
function addClientGroups(
  sc: Scale,
  shares: readonly number[],
  presence: readonly (readonly number[])[],
  cities: readonly City[],
  list: NodeList,
): void {
  for (let net = 0; net < sc.networks; net++) {
    const users = splitUsers(shares[net] * sc.totalUsers, presence[net], cities);
    presence[net].forEach((city, j) => {
      const label = `${cities[city].id}-n${net}`;
      const resolver = list.add('resolver', `resolver:${label}`, city, net, -1);
      const client = list.add('client', `client:${label}`, city, net, -1);
      client.users = users[j];
      client.resolver = resolver.id;
    });
  }
}
