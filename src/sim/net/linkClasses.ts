/**
 * The four kinds of link a path crosses (Leighton 2009: first mile, middle mile of backbones
 * and peering points, last mile) and their default properties. Every default can be overridden
 * by a scenario, per class or per link.
 *
 * Defaults are plausible for the late 2000s the papers describe, not measurements: a server's
 * uplink in a data centre at 1 Gbit/s; backbones over-provisioned (no queue modelled); peering
 * points as the congestion-prone middle (Leighton 2009) with a queue; a broadband last mile at
 * 10 Mbit/s with a modem-sized buffer. Per-hop latency stands for routers, switching and access
 * technology on that stretch, on top of propagation.
 */
import { MS, US } from '../time';

export const LINK_CLASSES = ['firstMile', 'backbone', 'peering', 'lastMile'] as const;
export type LinkClassName = (typeof LINK_CLASSES)[number];

export interface LinkParams {
  /** probability in [0, 1] that a message crossing the link is lost */
  lossRate: number;
  /** bits per second; serialization delay is size · 8 / bandwidth */
  bandwidthBps: number;
  /** drop-tail buffer in bytes (only where `queued`) */
  queueBytes: number;
  /** fixed latency this link adds, in ns (routers, switching, access technology) */
  hopLatencyNs: number;
  /** mean of an exponential extra delay per message, in ns (0: no jitter) */
  jitterMeanNs: number;
  /** whether messages queue here (FIFO, drop-tail); if not, only serialization delay is added */
  queued: boolean;
}

export const DEFAULT_LINK_CLASSES: Readonly<Record<LinkClassName, Readonly<LinkParams>>> = {
  firstMile: {
    lossRate: 0,
    bandwidthBps: 1e9,
    queueBytes: 1_000_000,
    hopLatencyNs: 100 * US,
    jitterMeanNs: 0,
    queued: true,
  },
  backbone: {
    lossRate: 0,
    bandwidthBps: 10e9,
    queueBytes: 0,
    hopLatencyNs: 500 * US,
    jitterMeanNs: 0,
    queued: false,
  },
  peering: {
    lossRate: 0,
    bandwidthBps: 10e9,
    queueBytes: 10_000_000,
    hopLatencyNs: 500 * US,
    jitterMeanNs: 0,
    queued: true,
  },
  lastMile: {
    lossRate: 0,
    bandwidthBps: 10e6,
    queueBytes: 64_000,
    hopLatencyNs: 1 * MS,
    jitterMeanNs: 0,
    queued: true,
  },
};

/** Serialization delay in whole ns (rounded up: a message is not out before its last bit). */
export function serializationNs(sizeBytes: number, bandwidthBps: number): number {
  return bandwidthBps === Infinity ? 0 : Math.ceil((sizeBytes * 8 * 1e9) / bandwidthBps);
}
