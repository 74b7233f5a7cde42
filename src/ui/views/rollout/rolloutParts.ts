/**
 * What the rollout view is made of, so a lab step can show only what it is about: `fleet`,
 * every edge server as a square by data centre; `timeline`, the release's phases and health
 * checks; `releases`, where many releases per plan were aborted, beside the paper's record.
 */
import type { StageParts } from '@lab/types';

export type RolloutPart = StageParts['rollout-charts'];
export const ROLLOUT_PARTS: readonly RolloutPart[] = ['fleet', 'timeline', 'releases'];
