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

export type PageLoadObservation = RequestSeen | PageDoneSeen;
