/**
 * A bounded history of run-level rates for charts, computed from successive frames: every point
 * is the change of simulation counters between two frames, divided by the simulated time between
 * them. At most `capacity` points are kept (oldest dropped), and points closer than `minGapNs`
 * in simulated time are merged, so memory stays bounded at any speed. A rune class: `points` is
 * replaced whole when it changes, so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { POINT_GAP_NS } from '../session/frameTimes';

export interface HistoryPoint {
  /** simulated seconds */
  t: number;
  requestsPerSecond: number;
  /** hits ÷ lookups over the interval, null if there were none */
  hitRatio: number | null;
  /** fraction of origin worker time busy over the interval */
  originBusy: number | null;
  /** response-time percentiles since the start of the run, ms */
  p50Ms: number | null;
  p95Ms: number | null;
}

export class RateHistory {
  points = $state.raw<readonly HistoryPoint[]>([]);
  private last: RuntimeFrame | null = null;

  constructor(
    readonly capacity = 600,
    readonly minGapNs = POINT_GAP_NS,
  ) {}

  /** Adds a frame; returns true if a point was added. */
  add(frame: RuntimeFrame): boolean {
    const prev = this.last;
    if (prev && frame.timeNs < prev.timeNs) this.clear();
    if (!this.last) {
      this.last = frame;
      return false;
    }
    const dtNs = frame.timeNs - this.last.timeNs;
    if (dtNs < this.minGapNs) return false;
    const d = (k: string) => (frame.counters[k] ?? 0) - (this.last!.counters[k] ?? 0);
    const lookups = d('delivery.hits') + d('delivery.misses');
    const capacity = d('delivery.originCapacityNs');
    const latency = frame.percentiles['delivery.latencyNs'];
    const ms = (ns: number | undefined) =>
      ns === undefined || !Number.isFinite(ns) ? null : ns / 1e6;
    const all = [
      ...this.points,
      {
        t: frame.timeNs / 1e9,
        requestsPerSecond: d('delivery.requests') / (dtNs / 1e9),
        hitRatio: lookups > 0 ? d('delivery.hits') / lookups : null,
        originBusy: capacity > 0 ? d('delivery.originBusyNs') / capacity : null,
        p50Ms: latency && latency.count > 0 ? ms(latency.p50) : null,
        p95Ms: latency && latency.count > 0 ? ms(latency.p95) : null,
      },
    ];
    this.points = all.length > this.capacity ? all.slice(all.length - this.capacity) : all;
    this.last = frame;
    return true;
  }

  clear(): void {
    if (this.points.length > 0) this.points = [];
    this.last = null;
  }
}
