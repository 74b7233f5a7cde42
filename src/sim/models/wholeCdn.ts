/**
 * The whole CDN in one world: the delivery model; beside it, when DNS is on, the DNS model its
 * client groups resolve through (the delivery model's `dns` switch; off, the client groups go
 * straight to the mapping's choice); and the rollout model, whose releases change the software
 * on the same edge servers, and whose crashes take them out of service. Plain data, for the
 * sandbox page and the bench alike.
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

/**
 * The rollout model as the whole CDN runs it: a release a student can watch in minutes rather
 * than days (the rollout lab's defaults soak each phase for an hour and watch the world for a
 * day), checked every 10 s, its crashes acting on the delivery model's servers.
 */
export const WHOLE_CDN_ROLLOUT: ModelSpec = {
  id: 'rollout',
  config: {
    takesServersOut: true,
    soakSeconds: 30,
    checkIntervalSeconds: 10,
    worldWatchSeconds: 60,
  },
};

/**
 * The delivery model as the DNS lab runs it: its edge servers, which answer the lab's clients'
 * connections, and no requests of its own.
 */
export const IDLE_DELIVERY = { loadFactor: 0 } as const;

export function wholeCdnModels(delivery: DeliveryConfig, dns: boolean): ModelSpec[] {
  // One data-centre threshold for the whole CDN: the top level sheds load by the delivery
  // model's setting (the monitors' summaries are measured against it).
  const dnsSpec: ModelSpec =
    delivery.dataCentreThreshold === undefined
      ? WHOLE_CDN_DNS
      : {
          id: 'dns',
          config: { ...WHOLE_CDN_DNS.config, dataCentreThreshold: delivery.dataCentreThreshold },
        };
  return dns
    ? [{ id: 'delivery', config: { ...delivery, dns: true } }, dnsSpec, WHOLE_CDN_ROLLOUT]
    : [{ id: 'delivery', config: delivery }, WHOLE_CDN_ROLLOUT];
}
