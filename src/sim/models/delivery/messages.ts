/**
 * The sandbox's message types and bodies. Bodies are small plain objects of numbers, strings and
 * booleans, so a message can be structured-cloned to the worker that owns its target.
 */
import type { PublishedLoad } from '../mapping';
import type { FailureReason } from './sandboxStats';

/** client → edge: please send object `obj`; `id` is the client's own request number */
export const MSG_REQUEST = 'delivery.request';
/** edge → client: the object (sized as the object) or an error (small) */
export const MSG_RESPONSE = 'delivery.response';
/**
 * edge → origin (or, with parent caches, edge → parent edge server): please send object `obj`
 * for the edge's fetch number `fetch`; a parent answers with the same messages as an origin
 */
export const MSG_FETCH = 'delivery.fetch';
/** origin (or parent) → edge: the object, sized as the object */
export const MSG_OBJECT = 'delivery.object';
/** origin (or parent) → edge: queue full, fetch refused */
export const MSG_REJECT = 'delivery.reject';

/** origin (or parent) → edge: the copy the edge holds is still current ("304 Not Modified") */
export const MSG_NOT_MODIFIED = 'delivery.notModified';
/** edge server → its data centre's monitor: my load, and the objects making most of it */
export const MSG_LOAD_REPORT = 'delivery.loadReport';
/** client group → a data centre's low-level name server: which servers may I use now? */
export const MSG_MAP_QUERY = 'delivery.mapQuery';
/** low-level name server → client group: the load view it publishes (see LoadView) */
export const MSG_MAP_ANSWER = 'delivery.mapAnswer';
/** client → edge server: a TCP SYN, opening a connection (another model's client: see services) */
export const MSG_SYN = 'delivery.syn';
/** edge server → client: the SYN-ACK; the connection is open */
export const MSG_SYN_ACK = 'delivery.synAck';
/**
 * a data centre's monitor → each top-level name server: the data centre's load summary, with
 * DNS on (Dilley et al. 2002: the top level hands out data centres by their load)
 */
export const MSG_DC_LOAD = 'delivery.dcLoad';

export const SANDBOX_MESSAGE_TYPES: readonly string[] = [
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_FETCH,
  MSG_OBJECT,
  MSG_REJECT,
  MSG_NOT_MODIFIED,
  MSG_LOAD_REPORT,
  MSG_MAP_QUERY,
  MSG_MAP_ANSWER,
  MSG_SYN,
  MSG_SYN_ACK,
  MSG_DC_LOAD,
];

/** Size of a small control message: an error answer or a refusal (headers only). */
export const ERROR_BYTES = 300;
/** a TCP SYN or SYN-ACK with the usual options, IPv4: 20 + 20 + 20 bytes */
export const SYN_BYTES = 60;

export interface RequestBody {
  id: number;
  obj: number;
}

export interface ResponseBody {
  id: number;
  ok: boolean;
  /** whether the edge had the object (only for ok answers) */
  hit: boolean;
  /** why it failed (only for error answers) */
  reason?: FailureReason;
  /** bytes of the object delivered (only for ok answers) */
  bytes?: number;
}

export interface FetchBody {
  fetch: number;
  obj: number;
}

/** A conditional fetch names the version the edge holds; −1 asks for the object outright. */
export interface ConditionalFetchBody extends FetchBody {
  heldVersion: number;
}

/** An object (or a 304) names the version the origin has now (a parent: the version it holds). */
export interface ObjectBody extends FetchBody {
  version: number;
  /**
   * how long ago the copy came from the origin (HTTP's Age header, RFC 9111 §4.2.3), so that a
   * copy from a parent cache expires downstream when the parent's does; absent from the origin
   */
  ageNs?: number;
}

export interface LoadReportBody {
  /** requests per second over capacity (smoothed) */
  load: number;
  /** the server's busiest objects in the last report interval: object, requests/s, … */
  hot: number[];
}

/** A data centre's load view as its monitor publishes it (see the mapping's LoadTable). */
export interface MapAnswerBody extends PublishedLoad {
  dc: number;
}

/** A connection attempt's number, the client's own (echoed in the SYN-ACK). */
export interface SynBody {
  attempt: number;
}

/** A data centre's load as its top-level name servers learn it. */
export interface DcLoadBody {
  dc: number;
  /** mean load of its servers (0 idle, 1 capacity) */
  dcLoad: number;
  /** its servers withdrawn now: all of them means the data centre cannot be handed out */
  withdrawn: number[];
}
