/**
 * The page-load model's observations (plain data, each with `timeNs`), for a waterfall view:
 * one per request when its last byte arrives, one per page load when it is complete.
 */

/** One row of the waterfall: times in ms from the start of the page load (null: did not happen). */
export interface RequestSeen {
  type: 'pageload.request';
  timeNs: number;
  load: string;
  object: string;
  /** answered 304 (the browser revalidated its copy) */
  conditional: boolean;
  bytes: number;
  queuedMs: number;
  startMs: number;
  connectMs: number | null;
  tlsMs: number | null;
  sentMs: number;
  firstByteMs: number;
  lastByteMs: number;
  connection: string;
  /** this request opened its connection (and waited for its handshakes) */
  opened: boolean;
}

/** A page load is complete: its time and its parts, which add up to it. */
export interface PageDoneSeen {
  type: 'pageload.done';
  timeNs: number;
  load: string;
  pageLoadMs: number;
  dnsMs: number;
  connectMs: number;
  tlsMs: number;
  firstByteMs: number;
  contentMs: number;
  requests: number;
  fromCache: number;
}

/**
 * A page load's packets and bytes per leg and its load on the origin (a view sums them per
 * minute), reported once the last of its packets has arrived: after the browser's closes, the
 * last delayed ACKs and any retransmission (`timeNs` is then, a few hundred ms after its
 * `pageload.done`). The counts are the load's alone, and whole: summed over the loads they give
 * the run's counters.
 */
export interface LoadBytesSeen {
  type: 'pageload.bytes';
  timeNs: number;
  load: string;
  /** when the load started, ns (the minute it belongs to) */
  startNs: number;
  /** every packet on the leg, both ways (lost and resent ones included), and its bytes */
  accessBytes: number;
  accessPackets: number;
  /**
   * the access leg's packets that open and close connections (SYN, SYN-ACK, the handshake's ACK;
   * FIN, the server's FIN and the last ACK), resent copies included: Nielsen et al. 1997's share
   */
  openClosePackets: number;
  middleBytes: number;
  middlePackets: number;
  originRequests: number;
  originResponseBytes: number;
  /** ESI: fragments fetched from the origin; edge computing: pages the edge produced */
  fragmentFetches: number;
  edgeComputed: number;
}

/**
 * A load with `overlay` has started: the path its middle mile takes (the overlay's choice now)
 * and the straight one, from the route service.
 */
export interface MiddleRouteSeen {
  type: 'pageload.middleRoute';
  timeNs: number;
  load: string;
  edge: number;
  origin: number;
  /** the relay's node id; −1: straight to the origin */
  via: number;
  rttMs: number;
  loss: number;
  directRttMs: number;
  directLoss: number;
}

export type PageLoadObservation =
  RequestSeen | PageDoneSeen | MinuteSeen | LoadBytesSeen | MiddleRouteSeen;

/**
 * One simulated minute of a series of page loads (runLoadSeries): what crossed the middle mile
 * and what the origin did, for a bytes meter per leg and an origin-load chart.
 */
export interface MinuteSeen {
  type: 'pageload.minute';
  timeNs: number;
  minute: number;
  loads: number;
  /** every packet's bytes on the leg, both ways (the middle mile is 0 without an edge) */
  accessBytes: number;
  middleBytes: number;
  middlePackets: number;
  /** the origin's response bytes (headers included): what the ESI arithmetic predicts */
  originResponseBytes: number;
  originRequests: number;
}
