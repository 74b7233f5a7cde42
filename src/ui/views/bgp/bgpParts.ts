/**
 * What the BGP view is made of, so a lab step can show only what it is about: `tree`, the
 * AS-level Internet with the routing tree of a watched address drawn over it; `log`, the UPDATE
 * messages sent; `reach`, how many networks reach each origin over time.
 */
import type { StageParts } from '@lab/types';

export type BgpPart = StageParts['bgp-routing'];
export const BGP_PARTS: readonly BgpPart[] = ['tree', 'reach', 'log'];
