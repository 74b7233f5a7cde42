/**
 * The runs of the acceleration lab: the classroom topology, and the page-load model configured
 * per experiment with the loads it compares, all in one run so the waterfall sets them side by
 * side (each load runs on its own path, so loads in one run do not slow each other). The page is
 * the model's microscape (Nielsen et al. 1997: 42 KB of HTML naming 42 small images), loaded in
 * Tokyo from an origin in New York. Every setting is stated in the prose or the README; nothing
 * here is a result.
 */
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

/** What the waterfall calls each load. */
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
};

export const simulation = {
  scenario: { scale: 'classroom' as const, seed: SEED },
  model: { id: 'pageload' as const, config: CONNECTIONS },
};
