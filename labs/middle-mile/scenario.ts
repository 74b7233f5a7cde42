/**
 * The simulation of the middle-mile lab: the classroom Internet of seed 1 (13 networks: three
 * tier-1s peering in a clique, one regional transit network, nine customers), with the bgp model,
 * message-level: UPDATEs in simulated time, the MRAI at RFC 4271's 30 s unless a run sets
 * another, and the overlay model beside it (the CDN's servers probing each other; the overlay
 * steps give it requests to carry). The bgp model reports the routing trees of the addresses the
 * lab watches and every UPDATE it sends. The places (which network is London's, which is YouTube's stand-in) are in
 * places.ts; the times of each step's events are here.
 */
import { SECOND } from '@sim/time';

export const SEED = 1;

/** RFC 4271 §10's suggested MinRouteAdvertisementInterval for eBGP, s. */
export const MRAI_DEFAULT = 30;

/** The step's MRAI control: 0 (no interval, as BIRD and GoBGP) to twice the default. */
export const MRAI_RANGE = { min: 0, max: 60, step: 5 } as const;

/** YouTube's prefixes in February 2008 (RIPE NCC's account of the hijack). */
export const YOUTUBE_22 = '208.65.152.0/22';
export const HIJACKED_24 = '208.65.153.0/24';
export const YOUTUBE_25S = ['208.65.153.0/25', '208.65.153.128/25'] as const;
/** www.youtube.com's address then, inside the hijacked /24 */
export const YOUTUBE_WWW = '208.65.153.238';

/**
 * The hijack's events, 24 February 2008 (UTC, RIPE NCC), with one real minute played as one
 * simulated second from 18:37, ten minutes before the hijack: the order and the gaps are real,
 * only shrunk sixty times.
 */
export const HIJACK_CLOCK = [
  { utc: '18:47', what: 'Pakistan Telecom announces 208.65.153.0/24' },
  { utc: '20:07', what: 'YouTube announces 208.65.153.0/24 too' },
  { utc: '20:18', what: 'YouTube announces 208.65.153.0/25 and 208.65.153.128/25' },
  { utc: '21:01', what: 'PCCW stops passing on the hijack' },
] as const;
const START_UTC_MINUTES = 18 * 60 + 37;
/** the simulated second of a UTC time `hh:mm` that day */
export function hijackSecond(utc: string): number {
  const [h, m] = utc.split(':').map(Number);
  return h * 60 + m - START_UTC_MINUTES;
}
/** how long the run goes on after the hijack is withdrawn, s */
export const HIJACK_TAIL_S = 20;

/** the cut and the de-peering happen when their run starts; these long after, they are measured */
export const CUT_END_S = (mraiSeconds: number) => 2 * mraiSeconds + 10;
export const DEPEER_END_S = 20;

/** Watching speeds: simulated ns per wall second. */
export const CUT_SPEED_NS = 4 * SECOND;
/** the first second after the cut in slow motion: the first UPDATEs leave within it */
export const CUT_SLOW = { nsPerSecond: SECOND / 5, forMs: 1000 };
export const DEPEER_SPEED_NS = 2 * SECOND;
export const HIJACK_SPEED_NS = 10 * SECOND;

/**
 * The bgp model's configuration for a run: message-level BGP with the given MRAI, reporting the
 * routing tree of each watched address and every UPDATE.
 */
export function bgpConfig(watch: readonly string[], mraiSeconds = MRAI_DEFAULT) {
  return { mraiSeconds, watch: [...watch], logUpdates: true, routes: 'messages' as const };
}

/** London's access network's first host (places.ts checks it): what the intro's run watches. */
export const INTRO_WATCH = '10.0.6.1';

/**
 * The overlay steps' event comes once the overlay's probes (every 12 s, RON) have measured every
 * pair twice; their runs end 100 s later, past BGP's 90 s hold timer.
 */
export const OVERLAY_EVENT_AT_S = 30;
export const OVERLAY_END_S = OVERLAY_EVENT_AT_S + 100;
export const OVERLAY_SPEED_NS = 5 * SECOND;
/** an uncacheable request every this many seconds, sent directly and over the overlay */
export const FLOW_EVERY_S = 2;
/** the blind step's run: each server reports its measured row at this second, then it ends */
export const ROWS_AT_S = 30;
/** a relayed path counts as faster when it saves at least this much of the round trip, ms */
export const FASTER_BY_MS = 5;

/** One uncacheable request from server `from` to server `to` every FLOW_EVERY_S. */
export const flow = (name: string, from: number, to: number) => ({
  name,
  from,
  to,
  everySeconds: FLOW_EVERY_S,
});

/**
 * A run's configuration, one per model (the lab runs both): the overlay's members are its
 * default, one edge server per network that has them and the origin.
 */
export function runConfig(
  bgp: ReturnType<typeof bgpConfig>,
  overlay: { flows?: ReturnType<typeof flow>[]; summarySeconds?: number; members?: number[] } = {},
) {
  return { bgp, overlay };
}

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: { scale: 'classroom' as const, seed: SEED },
  model: [
    { id: 'bgp' as const, config: bgpConfig([INTRO_WATCH]) },
    { id: 'overlay' as const, config: {} },
  ],
  workers: 1,
};
