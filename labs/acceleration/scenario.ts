/**
 * The runs of the acceleration lab: the classroom topology, and the page-load model configured
 * per experiment with the loads it compares, all in one run so the waterfall sets them side by
 * side (each load runs on its own path, so loads in one run do not slow each other). The first
 * steps load the model's microscape (Nielsen et al. 1997: 42 KB of HTML naming 42 small images),
 * the later ones its portal (HTML assembled from fragments) and store locator, in Tokyo from an
 * origin in New York. Every setting is stated in the prose or the README; nothing here is a
 * result.
 */
import { builtInPage, withObjectsAtEdge } from '@sim/models/pageload/pages';
import { findNode, topologyFor } from '@sim/topology/places';

export const SEED = 1;
const topology = topologyFor('classroom', SEED);
const node = (place: string): number => findNode(topology, place);

/** The student sits in Tokyo; the site's origin is in New York; the CDN's server is in Tokyo. */
export const CLIENT = node('client@tokyo');
/** The short path of the connections step: a browser in Boston, the same origin. */
export const NEAR_CLIENT = node('client@boston');
export const ORIGIN = node('origin@new-york');
export const EDGE = node('edge@tokyo');

const load = (name: string, settings: object, client = CLIENT) => ({
  name,
  client,
  origin: ORIGIN,
  page: 'microscape',
  ...settings,
});

/**
 * Step 2: the four ways of using connections, the browser talking to the origin directly (run
 * after the same from Boston, so the waterfall ends on the long path the question is about).
 */
export const CONNECTIONS = {
  loads: [
    load('http10', { http: '1.0', connections: 4 }),
    load('http11', { http: '1.1', connections: 4 }),
    load('pipelined', { http: 'pipelined' }),
    load('multiplexed', { http: 'multiplexed' }),
  ],
};
export const CONNECTIONS_END_S = 4;
/** The same four from Boston: a round trip of a few ms, where handshakes cost little. */
export const CONNECTIONS_NEAR = {
  loads: CONNECTIONS.loads.map((l) => ({ ...l, client: NEAR_CLIENT })),
};
export const CONNECTIONS_NEAR_END_S = 1;

/**
 * Step 3: direct with the old and the new initial window, then through the edge, its
 * connections to the origin opened by this load (cold) or open already, their windows grown.
 */
export const SPLIT = {
  loads: [
    load('direct-iw4', { http: 'multiplexed', iw: 4 }),
    load('direct', { http: 'multiplexed' }),
    load('edge-cold', { http: 'multiplexed', edge: EDGE }),
    load('edge-warm', { http: 'multiplexed', edge: EDGE, warm: true }),
  ],
};
export const SPLIT_END_S = 2;

/** Step 4: a browser of four persistent connections through the warm edge, without and with prefetch. */
export const PREFETCH = {
  loads: [
    load('warm', { http: '1.1', connections: 4, edge: EDGE, warm: true }),
    load('prefetch', { http: '1.1', connections: 4, edge: EDGE, warm: true, prefetch: true }),
  ],
};
export const PREFETCH_END_S = 3;

/**
 * Step 5 (esi): the portal loaded every 10 s for five simulated minutes through the warm Tokyo
 * edge, which holds the page's static objects (style sheet, script, images) as a CDN would: the
 * HTML fetched whole from the origin each time (`whole`), or assembled by the edge (`esi`) from
 * the fragments it holds fresh (template a day, headlines 4 h, quotes 1 min, the greeting never).
 */
export const ESI_EVERY_S = 10;
export const ESI_MINUTES = 5;
const portalAtEdge = {
  page: withObjectsAtEdge(builtInPage('portal')!),
  http: 'multiplexed',
  edge: EDGE,
  warm: true,
  everyS: ESI_EVERY_S,
  untilS: ESI_MINUTES * 60,
};
export const ESI = {
  loads: [load('whole', portalAtEdge), load('esi', { ...portalAtEdge, esi: true })],
};
/** The last loads start 10 s before the end and take well under a second. */
export const ESI_END_S = ESI_MINUTES * 60;

/**
 * Step 6 (compress): the portal's HTML as the origin produces it, gzip'd, and as the delta from
 * the version the browser holds; loaded directly (no edge: every window the HTML saves is a round
 * trip across the Pacific) over four persistent connections.
 */
const direct11 = { page: 'portal', http: '1.1', connections: 4 };
export const COMPRESS = {
  loads: [
    load('html-plain', direct11),
    load('html-gzip', { ...direct11, compress: true }),
    load('html-delta', { ...direct11, delta: true }),
  ],
};
export const COMPRESS_END_S = 2;

/**
 * Step 7 (edge-compute): the store locator's answer through the warm Tokyo edge, the HTML
 * produced by the application at the origin or at the edge itself (the same 40 ms of work).
 */
const locatorAtEdge = {
  page: withObjectsAtEdge(builtInPage('locator')!),
  http: 'multiplexed',
  edge: EDGE,
  warm: true,
};
export const EDGE_COMPUTE = {
  loads: [
    load('locator-origin', locatorAtEdge),
    load('locator-edge', { ...locatorAtEdge, edgeCompute: true }),
  ],
};
export const EDGE_COMPUTE_END_S = 1;

/**
 * Step 8 (route): a link on the Tokyo edge's way to New York gets 100 ms slower one way (the
 * classroom Internet of seed 1 crosses the net-0/net-11 peering in East Asia there, and comes
 * back another way). The CDN's overlay (the overlay model, RON's probes every 12 s) has measured
 * it by the time the loads start; the portal loads through the warm edge, its middle mile
 * straight on or the way the overlay chose for the edge's data centre.
 */
export const TROUBLE_LINK = 'peering:net-0/net-11@east-asia';
export const TROUBLE_MS = 100;
export const ROUTE_COMMANDS = [
  { type: 'link.set', link: TROUBLE_LINK, extraLatencyMs: TROUBLE_MS },
] as const;
/** after the overlay's first rounds of probes have measured every path */
export const ROUTE_START_S = 40;
const portalThroughEdge = {
  page: 'portal',
  http: 'multiplexed',
  edge: EDGE,
  warm: true,
  startMs: ROUTE_START_S * 1000,
};
export const ROUTE = {
  loads: [
    load('straight', portalThroughEdge),
    load('relayed', { ...portalThroughEdge, overlay: true }),
  ],
};
export const ROUTE_END_S = ROUTE_START_S + 2;

/**
 * Step 8 (all): three users of the portal (New York's origin): near (Boston, through Boston's
 * edge), far (Tokyo) and far on a slow line (Tokyo, an access leg of 1 Mbit/s). Each loads it
 * plain (HTTP/1.1 with four connections, directly), with everything on (multiplexed, the nearest
 * edge with warm connections, prefetching, gzip), and with everything but one, so the one whose
 * absence costs most is the one that mattered most. ESI, deltas and edge computing are left
 * out: for one load of this page they save bytes, not time (the steps before measure them).
 */
export const ALL_USERS = ['allNear', 'allSlow', 'allFar'] as const;
export type AllUser = (typeof ALL_USERS)[number];
const USERS: Record<AllUser, { client: number; edge: number; bandwidthMbps: number }> = {
  allNear: { client: NEAR_CLIENT, edge: node('edge@boston'), bandwidthMbps: 10 },
  allSlow: { client: CLIENT, edge: EDGE, bandwidthMbps: 1 },
  allFar: { client: CLIENT, edge: EDGE, bandwidthMbps: 10 },
};
/** The optimisations the all step takes away one at a time, by the load that lacks it. */
export const LEFT_OUT = ['no-mux', 'no-edge', 'no-prefetch', 'no-gzip'] as const;
function allLoads(user: AllUser) {
  const { client, edge, bandwidthMbps } = USERS[user];
  // 'no-edge' goes straight to the origin, so without the edge's warm connections and prefetch.
  const direct = { page: 'portal', bandwidthMbps, http: 'multiplexed', compress: true };
  const on = { ...direct, edge, warm: true, prefetch: true };
  return {
    loads: [
      load('plain', { page: 'portal', bandwidthMbps, http: '1.1', connections: 4 }, client),
      load('all-on', on, client),
      load('no-mux', { ...on, http: '1.1', connections: 4 }, client),
      load('no-edge', direct, client),
      load('no-prefetch', { ...on, prefetch: false }, client),
      load('no-gzip', { ...on, compress: false }, client),
    ],
  };
}
export const ALL = Object.fromEntries(ALL_USERS.map((u) => [u, allLoads(u)])) as Record<
  AllUser,
  ReturnType<typeof allLoads>
>;
/** Past the slowest load of each user (a 1 Mbit/s line takes seconds for the portal's 390 kB). */
export const ALL_END_S: Record<AllUser, number> = { allNear: 1, allSlow: 5, allFar: 2 };

/**
 * What the waterfall calls each load. The ESI step's two are left out on purpose: the view lists
 * unlabelled loads in the order they came, so each whole page sits beside the assembled one
 * started with it (labelled, all of one would come before all of the other), under their own
 * names.
 */
export const LABELS: Record<string, string> = {
  http10: 'HTTP/1.0 ×4',
  http11: 'HTTP/1.1 ×4',
  pipelined: 'pipelined',
  multiplexed: 'multiplexed',
  'direct-iw4': 'direct, IW 4',
  direct: 'direct, IW 10',
  'edge-cold': 'edge, cold',
  'edge-warm': 'edge, warm',
  warm: 'warm edge',
  prefetch: 'warm edge + prefetch',
  'html-plain': 'HTML plain',
  'html-gzip': 'HTML gzip',
  'html-delta': 'HTML delta',
  'locator-origin': 'answered by the origin',
  'locator-edge': 'answered at the edge',
  plain: 'plain',
  'all-on': 'all on',
  'no-mux': 'no mux',
  'no-edge': 'no edge',
  'no-prefetch': 'no prefetch',
  'no-gzip': 'no gzip',
  straight: 'straight on',
  relayed: 'over the overlay',
};

/**
 * The world runs the CDN's overlay beside the page loads in every step (its probes cross the
 * network; the loads use its choices only where a load says `overlay`), so a run's configuration
 * is one per model: `{ pageload: … }`, the overlay keeping its defaults.
 */
export const simulation = {
  scenario: { scale: 'classroom' as const, seed: SEED },
  model: [
    { id: 'overlay' as const, config: {} },
    { id: 'pageload' as const, config: CONNECTIONS },
  ],
};

/** A run's configuration: its page loads, for the page-load model. */
export const pageloads = (config: object) => ({ pageload: config });
