/**
 * Topology scales. One number, the count of edge servers S, sets everything else by the rules
 * below, anchored on the papers: Dilley et al. 2002 ("more than 12,000 servers in over 1,000
 * networks", "a dozen or more servers" per data centre), Afergan et al. 2005 (about 15,000 servers
 * in 1,100 networks) and Leighton 2009 (over 35,000 servers, 13,000 networks, 1.4 billion users).
 */
import { assert } from '../util/assert';
import { solveZipfExponent } from './userShares';

/** Everything the generator needs, derived from the server count; plain data. */
export interface Scale {
  /** 'classroom', '2002', '2009', or 'custom-<servers>' */
  readonly name: string;
  readonly description: string;
  /** edge servers, exactly */
  readonly servers: number;
  /** access networks that have end users (infrastructure networks come on top) */
  readonly networks: number;
  /** the s in share ∝ rank^−s (see userShares.ts) */
  readonly zipfExponent: number;
  /** access networks that host at least one data centre */
  readonly hostingNetworks: number;
  readonly dataCentres: number;
  readonly meanServersPerDataCentre: number;
  /** spread of data-centre sizes: sigma of a log-normal weight; 0 = all the same size */
  readonly dataCentreSizeSigma: number;
  readonly rootServers: number;
  readonly tldServers: number;
  /**
   * Instances of each root and .net server: its home site plus anycast instances elsewhere
   * (ANYCAST_SITES, those in the city pool), one address for all of them.
   */
  readonly anycastInstances: number;
  /** sites of the public resolver (PUBLIC_RESOLVER_SITES, those in the city pool) */
  readonly publicResolvers: number;
  readonly cdnTopServers: number;
  readonly origins: number;
  /** end users the client groups stand for, in total */
  readonly totalUsers: number;
  /** city ids networks may be placed in, or null for the whole catalogue */
  readonly cityPool: readonly string[] | null;
  /**
   * Draw home cities without replacement until every pool city has a network, so a small
   * classroom topology is spread over all its cities instead of piling into the biggest ones.
   */
  readonly spreadHomeCities: boolean;
}

export const SCALE_NAMES = ['classroom', '2002', '2009'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export const MIN_SERVERS = 1;
/** About a second to generate in Node; larger topologies stop being usable interactively. */
export const MAX_SERVERS = 250_000;

const CLASSROOM_SERVERS = 15;
/** Dilley et al. 2002: "more than 12,000 servers in over 1,000 networks". */
const SERVERS_2002 = 12_500;
/** Leighton 2009: "more than 35,000 servers". */
const SERVERS_2009 = 36_000;
/** Leighton 2009: "the Internet's 13,000 networks", reached at the 2009 scale. */
const NETWORKS_2009 = 13_000;
/** Never fewer networks than this: enough for a visible tail and some networks without servers. */
const MIN_NETWORKS = 8;
/** Leighton 2009: "the Internet's 1.4 billion users". Used at every scale (a population weight). */
const TOTAL_USERS = 1.4e9;

/** Hosting networks H(S) = 1,000 · (S / 12,000)^β, the power law through 2002 and 2005. */
const HOSTING_EXPONENT = Math.log(1100 / 1000) / Math.log(15_000 / 12_000);
/** Mean data-centre size m(S) = 3 · (S / 15)^γ: 3 in the classroom, 12 ("a dozen") at 2002. */
const DC_SIZE_EXPONENT = Math.log(12 / 3) / Math.log(SERVERS_2002 / CLASSROOM_SERVERS);

/**
 * Instances per anycast name server at most: one in most regions, few enough that the 2002 map
 * still shows every data centre within its element budget (src/ui/topology/toCyElements.ts).
 */
const MAX_ANYCAST_INSTANCES = 8;

/** Seven classroom cities in four regions, chosen to fit on a projector. */
const CLASSROOM_CITIES = [
  'boston',
  'new-york',
  'washington',
  'london',
  'frankfurt',
  'tokyo',
  'singapore',
];

interface NamedScale {
  servers: number;
  description: string;
  cityPool: string[] | null;
  spreadHomeCities: boolean;
}

const NAMED: Record<ScaleName, NamedScale> = {
  classroom: {
    servers: CLASSROOM_SERVERS,
    description: 'A few dozen nodes in four regions, readable on a projector.',
    cityPool: CLASSROOM_CITIES,
    spreadHomeCities: true,
  },
  '2002': {
    servers: SERVERS_2002,
    description: 'Dilley et al. 2002: more than 12,000 servers in over 1,000 networks.',
    cityPool: null,
    spreadHomeCities: false,
  },
  '2009': {
    servers: SERVERS_2009,
    description: 'Leighton 2009: over 35,000 servers; 13,000 networks with a long tail of users.',
    cityPool: null,
    spreadHomeCities: false,
  },
};

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * The rules, for any S ≥ 1 (let d = log10(S / 15), the decades above the classroom):
 * - networks N = max(8, round(13,000 · S / 36,000)): proportional to servers, 13,000 at 2009;
 * - mean data-centre size m = 3 · (S / 15)^γ with γ ≈ 0.206 (3, then 12 at 2002, ~15 at 2009);
 * - data centres D = round(S / m); hosting networks H = round(1,000 · (S / 12,000)^β), β ≈ 0.427,
 *   capped by N and by D (every hosting network has at least one data centre);
 * - size spread sigma = 0.5 · clamp(d / 2, 0, 1): equal sizes in the classroom;
 * - root servers round(1 + 4d) up to 13 (a–m), .net servers round(1 + d) up to 4, each with
 *   round(5 + 6d) anycast instances from 5 up to 8 (classroom 5, from 200 servers on 8); a public
 *   resolver at round(1 + 2d) sites up to 8; CDN top-level
 *   DNS round(2 + 1.5d) from 2 up to 9 ("few and global"), origins round(1 + d) up to 3.
 */
export function scaleForServers(servers: number, name = `custom-${servers}`): Scale {
  assert(
    Number.isSafeInteger(servers) && servers >= MIN_SERVERS && servers <= MAX_SERVERS,
    `servers must be a whole number from ${MIN_SERVERS} to ${MAX_SERVERS}, got ${servers}`,
  );
  const d = Math.log10(servers / CLASSROOM_SERVERS);
  const networks = Math.max(MIN_NETWORKS, Math.round((NETWORKS_2009 * servers) / SERVERS_2009));
  const meanSize = Math.max(1, 3 * Math.pow(servers / CLASSROOM_SERVERS, DC_SIZE_EXPONENT));
  const dataCentres = clamp(Math.round(servers / meanSize), 1, servers);
  const hosting = Math.round(1000 * Math.pow(servers / 12_000, HOSTING_EXPONENT));
  return {
    name,
    description: `${servers} edge servers, other counts by the interpolation rules.`,
    servers,
    networks,
    zipfExponent: solveZipfExponent(networks),
    hostingNetworks: clamp(hosting, 1, Math.min(networks, dataCentres)),
    dataCentres,
    meanServersPerDataCentre: servers / dataCentres,
    dataCentreSizeSigma: 0.5 * clamp(d / 2, 0, 1),
    rootServers: clamp(Math.round(1 + 4 * d), 1, 13),
    tldServers: clamp(Math.round(1 + d), 1, 4),
    anycastInstances: clamp(Math.round(5 + 6 * d), 5, MAX_ANYCAST_INSTANCES),
    publicResolvers: clamp(Math.round(1 + 2 * d), 1, 8),
    cdnTopServers: clamp(Math.round(2 + 1.5 * d), 2, 9),
    origins: clamp(Math.round(1 + d), 1, 3),
    totalUsers: TOTAL_USERS,
    cityPool: null,
    spreadHomeCities: false,
  };
}

function scaleError(got: unknown): Error {
  const shown = typeof got === 'string' ? `'${got}'` : String(got);
  return new Error(
    `Unknown scale ${shown}: use one of ${SCALE_NAMES.join(', ')}, or a whole number of edge ` +
      `servers from ${MIN_SERVERS} to ${MAX_SERVERS.toLocaleString('en-US')}.`,
  );
}

/**
 * Reads a scale as a user types it (`classroom`, `2002`, `3,000`) into what a scenario takes: a
 * scale name, or a number of servers. Throws like resolveScale for anything else.
 */
export function parseScaleArg(raw: string): ScaleName | number {
  const scale = resolveScale(raw);
  const named = SCALE_NAMES.find((n) => n === raw.trim().toLowerCase());
  return named ?? scale.servers;
}

/**
 * Resolves a named scale, or a whole number of edge servers in [MIN_SERVERS, MAX_SERVERS]. A string that
 * is a scale name wins ('2002' is the 2002 scale); any other string of digits (commas and
 * underscores allowed) and every JS number are server counts, so resolveScale(2002) means 2,002
 * servers. Throws an Error naming the allowed names and range for anything else.
 */
export function resolveScale(nameOrNumber: string | number): Scale {
  if (typeof nameOrNumber === 'string') {
    const key = nameOrNumber.trim().toLowerCase();
    if ((SCALE_NAMES as readonly string[]).includes(key)) {
      const spec = NAMED[key as ScaleName];
      return {
        ...scaleForServers(spec.servers, key),
        description: spec.description,
        cityPool: spec.cityPool ? [...spec.cityPool] : null,
        spreadHomeCities: spec.spreadHomeCities,
      };
    }
    if (!/^\d[\d,_]*$/.test(key)) throw scaleError(nameOrNumber);
    return resolveScale(Number(key.replace(/[,_]/g, '')));
  }
  if (
    typeof nameOrNumber !== 'number' ||
    !Number.isSafeInteger(nameOrNumber) ||
    nameOrNumber < MIN_SERVERS ||
    nameOrNumber > MAX_SERVERS
  ) {
    throw scaleError(nameOrNumber);
  }
  return scaleForServers(nameOrNumber);
}
