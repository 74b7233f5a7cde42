/**
 * What the flash-crowd view is made of, so a lab step can show only what it is about:
 * `charts`, the three time series (request rates, the origin's state, response times);
 * `regions`, the table of response time by region.
 */
import type { StageParts } from '@lab/types';

export type CrowdPart = StageParts['crowd-charts'];
export const CROWD_PARTS: readonly CrowdPart[] = ['charts', 'regions'];
