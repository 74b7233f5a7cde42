/**
 * What the waterfall view is made of, so a lab step can show only what it is about:
 * `waterfall`, one row per request of each page load, side by side on one time axis;
 * `summary`, each load's time and its parts, requests and connections, as a table.
 */
import type { StageParts } from '@lab/types';

export type PageloadPart = StageParts['pageload-waterfall'];
export const PAGELOAD_PARTS: readonly PageloadPart[] = ['waterfall', 'summary'];
