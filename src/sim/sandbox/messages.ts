/**
 * The sandbox's message types and bodies. Bodies are small plain objects of numbers, strings and
 * booleans, so a message can be structured-cloned to the worker that owns its target.
 */
import type { FailureReason } from './sandboxStats';

/** client → edge: please send object `obj`; `id` is the client's own request number */
export const MSG_REQUEST = 'sandbox.request';
/** edge → client: the object (sized as the object) or an error (small) */
export const MSG_RESPONSE = 'sandbox.response';
/** edge → origin: please send object `obj` for the edge's fetch number `fetch` */
export const MSG_FETCH = 'sandbox.fetch';
/** origin → edge: the object, sized as the object */
export const MSG_OBJECT = 'sandbox.object';
/** origin → edge: queue full, fetch refused */
export const MSG_REJECT = 'sandbox.reject';

export const SANDBOX_MESSAGE_TYPES: readonly string[] = [
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_FETCH,
  MSG_OBJECT,
  MSG_REJECT,
];

/** Size of a small control message: an error answer or a refusal (headers only). */
export const ERROR_BYTES = 300;

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
}

export interface FetchBody {
  fetch: number;
  obj: number;
}
