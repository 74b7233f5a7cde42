/**
 * What the waterfall view is made of, so a lab step can show only what it is about:
 * `waterfall`, one row per request of each load on show, side by side on one time axis;
 * `summary`, each load's time and its parts, requests and connections, as a table;
 * `bytes`, each load's bytes (and packets) on the access leg and the middle mile as a meter, and
 * for a repeated load the middle mile's bytes per minute;
 * `origin`, the origin's requests and response bytes per load (and per minute for a repeated
 * load), the fragments fetched for edge assembly (ESI) and the pages the edge computed.
 */
import type { StageParts } from '@lab/types';

export type PageloadPart = StageParts['pageload-waterfall'];
export const PAGELOAD_PARTS: readonly PageloadPart[] = ['waterfall', 'summary', 'bytes', 'origin'];
