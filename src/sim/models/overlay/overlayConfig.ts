/**
 * The overlay's parameters and where each value comes from.
 *
 * Probing and smoothing follow RON (Andersen, Balakrishnan, Kaashoek and Morris, "Resilient
 * Overlay Networks", SOSP 2001, §4): every node probes every other node about every 12 s, at a
 * randomized moment; a lost probe is followed by up to 3 more, 3 s apart, and a link whose 4
 * probes in a row are lost is deemed down (the paper's expected outage detection is about 19 s,
 * and it measured recovery from outages in 18 s on average). Latency is an exponentially weighted
 * moving average of the samples with weight 0.9 on the old value; loss is the average over the
 * last 100 probes. Its latency optimizer switches to a new route only if it is at least 5 %
 * better (hysteresis).
 *
 * Races follow Akamai's SureRoute (techdocs.akamai.com, "SureRoute" behavior): a request for
 * uncacheable content triggers a race of a small test object over three routes at once (here the
 * direct one and the two best relays), the winner carries later requests until the next race,
 * and the race statistics are kept 30 minutes by default (`race_stat_ttl = "30m"`).
 */

export type OverlayMetric = 'latency' | 'loss';

export interface OverlayFlow {
  /** how observations name it */
  name: string;
  /** the member sending (an edge server) */
  from: number;
  /** the member answering (the origin) */
  to: number;
  everySeconds: number;
  /** the response's size */
  bytes: number;
}

export interface OverlayConfig {
  /** member node ids; empty: one edge server per network that has one, then the origins */
  members: number[];
  /** at most this many members by default (probes grow with the square of their number) */
  maxMembers: number;
  /** RON: 12 s, randomized (we draw each interval uniformly within ± probeJitter of it) */
  probeIntervalSeconds: number;
  probeJitter: number;
  /** RON: a probe unanswered after 3 s is lost, and a follow-up goes at once */
  probeTimeoutSeconds: number;
  /** RON: up to 3 follow-ups; after 1 + this many losses in a row the link is deemed down */
  followUpProbes: number;
  /** RON: weight of the old latency estimate, 0.9 */
  ewmaAlpha: number;
  /** RON: loss over the last 100 probes */
  lossWindow: number;
  metric: OverlayMetric;
  /** RON's hysteresis for latency: switch only when the new path is this much shorter (5 %) */
  latencyMargin: number;
  /** ours: switch for loss only when the new path loses this much less (absolute) */
  lossMargin: number;
  /** SureRoute races three routes: the direct one and this many relays */
  raceRelays: number;
  /** SureRoute's race_stat_ttl default, 30 min */
  raceTtlSeconds: number;
  /** ours: a request (or race leg) unanswered after this long has failed */
  requestTimeoutSeconds: number;
  /**
   * direct requests open a connection first (one round trip), as an edge without a warm
   * connection to the origin would; relayed legs use the overlay's open connections
   */
  directHandshake: boolean;
  flows: OverlayFlow[];
  /** every this many seconds each member reports its row (an observation); 0: never */
  summarySeconds: number;
}

export const DEFAULT_OVERLAY: OverlayConfig = {
  members: [],
  maxMembers: 32,
  probeIntervalSeconds: 12,
  probeJitter: 0.25,
  probeTimeoutSeconds: 3,
  followUpProbes: 3,
  ewmaAlpha: 0.9,
  lossWindow: 100,
  metric: 'latency',
  latencyMargin: 0.05,
  lossMargin: 0.05,
  raceRelays: 2,
  raceTtlSeconds: 30 * 60,
  requestTimeoutSeconds: 3,
  directHandshake: true,
  flows: [],
  summarySeconds: 0,
};

/** Sizes on the wire, bytes (ours): a probe with its sender's row, a request, a race's test object. */
export const PROBE_BYTES = 100;
export const ROW_BYTES_PER_MEMBER = 8;
export const REQUEST_BYTES = 500;
export const HANDSHAKE_BYTES = 60;
export const TEST_OBJECT_BYTES = 1_000;
export const DEFAULT_RESPONSE_BYTES = 20_000;
