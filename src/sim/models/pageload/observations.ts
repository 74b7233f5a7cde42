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
 * A page load's bytes per leg and its load on the origin, when it is complete (a view sums them
 * per minute). Packets still to come (the closes, a last delayed ACK) are not in it.
 */
export interface LoadBytesSeen {
  type: 'pageload.bytes';
  timeNs: number;
  load: string;
  /** when the load started, ns (the minute it belongs to) */
  startNs: number;
  accessBytes: number;
  middleBytes: number;
  middlePackets: number;
  originRequests: number;
  originResponseBytes: number;
  /** ESI: fragments fetched from the origin; edge computing: pages the edge produced */
  fragmentFetches: number;
  edgeComputed: number;
}

export type PageLoadObservation = RequestSeen | PageDoneSeen | MinuteSeen | LoadBytesSeen;

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
