/**
 * What the overlay's parts (probing.ts, requests.ts) share in one shard: the world, the config,
 * the members, the state of the members this shard owns, and what the shard reports.
 */
import type { World } from '../../scenario/buildWorld';
import type { ChoiceChangedSeen, OverlayObservation } from './observations';
import type { OverlayConfig, OverlayMetric } from './overlayConfig';
import type { OverlayMember } from './OverlayMember';
import { choosePath, workingPaths, type OverlayPath } from './routeChoice';

export interface OverlayRuntime {
  readonly world: World;
  readonly config: OverlayConfig;
  readonly members: readonly number[];
  /** the members this shard owns, by node id */
  readonly owned: ReadonlyMap<number, OverlayMember>;
  metric: OverlayMetric;
  readonly counters: Record<string, number>;
  /** observations since the last report */
  observations: OverlayObservation[];
}

export function count(rt: OverlayRuntime, name: string, by = 1): void {
  rt.counters[name] = (rt.counters[name] ?? 0) + by;
}

/** The paths that work now from `m` to `to`, by what `m` knows. */
export function pathsOf(rt: OverlayRuntime, m: OverlayMember, to: number): OverlayPath[] {
  return workingPaths(m.node, to, rt.members, (a, b) => m.view(a, b));
}

/**
 * Chooses again each of the member's paths after what it knows changed (a probe answered or
 * lost, a row received), recording each change; a race winner whose path stopped working is
 * forgotten, so the next request takes the new choice and races again.
 */
export function chooseAgain(rt: OverlayRuntime, m: OverlayMember): void {
  const margins = { latency: rt.config.latencyMargin, loss: rt.config.lossMargin };
  for (const to of rt.members) {
    if (to === m.node) continue;
    const paths = pathsOf(rt, m, to);
    const had = m.choices.get(to);
    const now = choosePath(paths, had?.via ?? null, rt.metric, margins);
    m.choices.set(to, now);
    const winner = m.raceWinners.get(to);
    if (winner && !paths.some((p) => p.via === winner.via)) m.raceWinners.delete(to);
    if ((had?.via ?? null) === (now?.via ?? null)) continue;
    if (had === undefined && now === null) continue;
    count(rt, 'overlay.choiceChanges');
    const seen: ChoiceChangedSeen = {
      type: 'overlay.choiceChanged',
      timeNs: rt.world.engine.now,
      from: m.node,
      to,
      via: now?.via ?? null,
      was: had?.via ?? null,
      rttMs: now ? now.rttNs / 1e6 : null,
      loss: now ? now.loss : null,
    };
    rt.observations.push(seen);
  }
}
