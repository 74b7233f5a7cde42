/**
 * The whole CDN in one world: the delivery model, and beside it, when DNS is on, the DNS model
 * its client groups resolve through (the delivery model's `dns` switch). Off, the client groups
 * go straight to the mapping's choice. Plain data, for the sandbox page and the bench alike.
 */
import type { ModelSpec } from './registry';

type DeliveryConfig = NonNullable<Extract<ModelSpec, { id: 'delivery' }>['config']>;

/**
 * The DNS model as the whole CDN runs it: lookups only when a client group needs a name (no
 * background workload), and no per-message records (thousands a second at the 2009 scale).
 */
export const WHOLE_CDN_DNS: ModelSpec = {
  id: 'dns',
  config: { lookupsPerClientPerSecond: 0, maxObservations: 0 },
};

export function wholeCdnModels(delivery: DeliveryConfig, dns: boolean): ModelSpec[] {
  return dns
    ? [{ id: 'delivery', config: { ...delivery, dns: true } }, WHOLE_CDN_DNS]
    : [{ id: 'delivery', config: delivery }];
}
