/**
 * Shared set-up for the network-model tests: an Engine and a Network over a few nodes placed at
 * catalogue cities (or raw coordinates), with every delivery and drop recorded with its time, plus
 * independent re-derivations of the model's formulas (distance, propagation, serialization) that
 * the tests compare the model against.
 */
import { Engine } from '@sim/engine/Engine';
import { Network, type NetworkOptions } from '@sim/net/Network';
import type { LinkClassName, LinkParams } from '@sim/net/linkClasses';
import type { DropReason, Message } from '@sim/net/Message';
import { findCity } from '@sim/topology/cities';

export interface NodeAt {
  /** catalogue city id; or give lat/lon */
  city?: string;
  lat?: number;
  lon?: number;
  network: number;
  access: LinkClassName;
  name?: string;
}

export interface Delivery {
  msg: Message;
  at: number;
  latency: number;
}

export interface Drop {
  msg: Message;
  reason: DropReason;
  linkId: string;
  at: number;
}

export type ClassOverrides = Partial<Record<LinkClassName, Partial<LinkParams>>>;

/** Every class with no loss, no jitter, zero hop latency and infinite bandwidth: a pure propagation network. */
export const IDEAL: ClassOverrides = {
  firstMile: { hopLatencyNs: 0, bandwidthBps: Infinity },
  backbone: { hopLatencyNs: 0, bandwidthBps: Infinity },
  peering: { hopLatencyNs: 0, bandwidthBps: Infinity },
  lastMile: { hopLatencyNs: 0, bandwidthBps: Infinity },
};

export function coords(node: NodeAt): { lat: number; lon: number } {
  if (node.city !== undefined) {
    const c = findCity(node.city);
    if (!c) throw new Error(`unknown city ${node.city}`);
    return { lat: c.lat, lon: c.lon };
  }
  if (node.lat === undefined || node.lon === undefined)
    throw new Error('node needs a city or lat/lon');
  return { lat: node.lat, lon: node.lon };
}

/** Builds an Engine + Network and records deliveries and drops (with engine time) in arrays. */
export function buildNet(nodes: readonly NodeAt[], options: Partial<NetworkOptions> = {}) {
  const engine = new Engine();
  const net = new Network(
    engine,
    nodes.map((n) => ({ ...coords(n), network: n.network, access: n.access, name: n.name })),
    { seed: 1, inflation: 1, ...options },
  );
  const deliveries: Delivery[] = [];
  const drops: Drop[] = [];
  net.onDeliver((msg) =>
    deliveries.push({ msg, at: engine.now, latency: engine.now - msg.sentAt }),
  );
  net.onDrop((msg, reason, linkId) => drops.push({ msg, reason, linkId, at: engine.now }));
  const sendKind = engine.registerKind('test.send', (_target, _arg, payload) => {
    const p = payload as { from: number; to: number; size: number };
    net.send(p.from, p.to, p.size, 'test');
  });
  /** Schedules a send at absolute time t (the sender is the event's origin). */
  const sendAt = (t: number, from: number, to: number, size: number): void => {
    engine.scheduleAt(t, from, from, sendKind, 0, { from, to, size });
  };
  return { engine, net, deliveries, drops, sendAt };
}

/** Haversine great-circle distance, written independently of src/sim/net/geo.ts. */
export const R_KM = 6371.0088; // IUGG mean Earth radius
export function haversineKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One-way propagation in whole ns: light in fibre covers 200 km per ms = 0.2 km per µs. */
export function expectedPropagationNs(km: number, inflation: number): number {
  return Math.round(((km * inflation) / 200) * 1e6);
}

/** ⌈size·8·10⁹ / bandwidth⌉ in exact integer arithmetic (bandwidth a whole number of bit/s, or Infinity). */
export function expectedSerNs(sizeBytes: number, bandwidthBps: number): number {
  if (bandwidthBps === Infinity) return 0;
  const num = BigInt(sizeBytes) * 8n * 1_000_000_000n;
  const bw = BigInt(bandwidthBps);
  return Number((num + bw - 1n) / bw);
}

/** The z value of a two-sided 99.9% normal interval. */
export const Z999 = 3.2905;

/** Half-width of the 99.9% normal-approximation confidence interval of a binomial fraction. */
export function binomialHalfWidth(p: number, n: number): number {
  return Z999 * Math.sqrt((p * (1 - p)) / n);
}
