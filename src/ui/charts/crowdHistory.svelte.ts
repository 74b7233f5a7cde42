/**
 * The flash-crowd charts' data: the model's per-second records (`sim.second` observations)
 * gathered from frames, the shards' records of each second added up, kept for the last
 * `capacity` seconds. A frame earlier than the last one means a new run: the history starts over.
 * A rune class: `points` is replaced whole when it changes, so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { FrameFollower } from './frameFollower';
import { mergeSeconds, sumSeconds, summarizeSecond, type SecondStats } from '@sim/models/delivery';

export interface CrowdPoint {
  /** the second's start, simulated s */
  t: number;
  requestsPerSecond: number;
  originPerSecond: number;
  originBusy: number;
  errorRate: number;
  hitRatio: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Seconds the per-region table averages over. */
const REGION_WINDOW = 5;

export class CrowdHistory {
  points = $state.raw<readonly CrowdPoint[]>([]);
  #recent = $state.raw<SecondStats[]>([]);
  private readonly frames = new FrameFollower();

  constructor(readonly capacity = 600) {}

  /** Adds a frame's records; true if points were added or the history started over. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return false;
    const changed = turn === 'restart';
    if (changed) this.startOver();
    const records = (frame.observations ?? []).flatMap((o) => {
      const r = o as { type?: string; stats?: SecondStats };
      return r.type === 'sim.second' && r.stats ? [r.stats] : [];
    });
    if (records.length === 0) return changed;
    const added: CrowdPoint[] = [];
    for (const s of mergeSeconds(records)) {
      // Each second comes once; anything else would be a model bug, not worth a broken chart.
      const last = added.at(-1) ?? this.points.at(-1);
      if (last !== undefined && s.second <= last.t) continue;
      const x = summarizeSecond(s);
      added.push({
        t: s.second,
        requestsPerSecond: x.requestsPerSecond,
        originPerSecond: x.originArrivalsPerSecond,
        originBusy: x.originUtilisation,
        errorRate: x.errorRate,
        hitRatio: x.hitRatio,
        p50Ms: x.p50Ms,
        p95Ms: x.p95Ms,
      });
      this.#recent.push(s);
    }
    this.#recent = this.#recent.slice(-REGION_WINDOW);
    if (added.length === 0) return changed;
    const all = [...this.points, ...added];
    this.points = all.length > this.capacity ? all.slice(all.length - this.capacity) : all;
    return true;
  }

  /** Mean response time per region over the last few seconds, ms (null: no answers there). */
  regionMeanMs(): (number | null)[] {
    const all = sumSeconds(this.#recent);
    return all === null ? [] : summarizeSecond(all).regionMeanMs;
  }

  clear(): void {
    this.startOver();
    this.frames.forget();
  }

  private startOver(): void {
    if (this.points.length > 0) this.points = [];
    this.#recent = [];
  }
}
