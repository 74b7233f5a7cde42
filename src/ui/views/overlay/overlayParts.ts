/**
 * What the overlay view is made of, so a lab step can show only what it is about: `requests`,
 * each flow's request completion times, direct against over the overlay, and the failures;
 * `paths`, the overlay's measured round trips and its choice for each pair of members.
 */
import type { StageParts } from '@lab/types';

export type OverlayPart = StageParts['overlay-paths'];
export const OVERLAY_PARTS: readonly OverlayPart[] = ['requests', 'paths'];
