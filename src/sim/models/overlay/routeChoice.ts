/**
 * Route choice for one (from, to) pair, RON-style: the direct virtual link or one relay member
 * (RON found one intermediate enough), ranked by latency or by loss, never through a link deemed
 * down, and switching away from the current path only when another is better by a margin.
 */
import type { OverlayMetric } from './overlayConfig';

/** What a member knows of a virtual link (its own, or another member's from its row). */
export interface LinkView {
  rttNs: number;
  loss: number;
  usable: boolean;
}

/** A path: `via` −1 for direct, else the relay's node id. */
export interface OverlayPath {
  via: number;
  rttNs: number;
  loss: number;
}

export interface Margins {
  /** a relative improvement in round-trip time (0.05: 5 % shorter) */
  latency: number;
  /** an absolute improvement in loss rate */
  loss: number;
}

/**
 * Every path from `from` to `to` whose links are usable: direct, and through each other member
 * `r` whose link from `from` and whose own link to `to` (its row) are usable.
 */
export function workingPaths(
  from: number,
  to: number,
  members: readonly number[],
  link: (a: number, b: number) => LinkView | undefined,
): OverlayPath[] {
  const out: OverlayPath[] = [];
  const direct = link(from, to);
  if (direct?.usable) out.push({ via: -1, rttNs: direct.rttNs, loss: direct.loss });
  for (const r of members) {
    if (r === from || r === to) continue;
    const first = link(from, r);
    const second = link(r, to);
    if (!first?.usable || !second?.usable) continue;
    out.push({
      via: r,
      rttNs: first.rttNs + second.rttNs,
      loss: 1 - (1 - first.loss) * (1 - second.loss),
    });
  }
  return out;
}

/** Orders paths best first by the metric (loss: then latency), ties to direct, then lower id. */
export function rank(paths: OverlayPath[], metric: OverlayMetric): OverlayPath[] {
  const byLatency = (a: OverlayPath, b: OverlayPath) => a.rttNs - b.rttNs || a.via - b.via;
  return [...paths].sort(
    metric === 'latency' ? byLatency : (a, b) => a.loss - b.loss || byLatency(a, b),
  );
}

/** Whether `a` beats `b` by the margin of the metric. */
export function beatsByMargin(
  a: OverlayPath,
  b: OverlayPath,
  metric: OverlayMetric,
  margins: Margins,
): boolean {
  if (metric === 'loss') return b.loss - a.loss >= margins.loss;
  return a.rttNs <= b.rttNs * (1 - margins.latency);
}

/**
 * The path to take now: the current one (`current`, a `via`) while it works and nothing beats it
 * by the margin, else the best; null when no path works. A relay is kept only while it is better
 * than the direct path: hysteresis never holds a relay the direct path has caught up with (it
 * may have been chosen before the direct path was measured).
 */
export function choosePath(
  paths: OverlayPath[],
  current: number | null,
  metric: OverlayMetric,
  margins: Margins,
): OverlayPath | null {
  if (paths.length === 0) return null;
  const ranked = rank(paths, metric);
  const best = ranked[0];
  const kept = current === null ? undefined : paths.find((p) => p.via === current);
  if (kept === undefined || kept === best) return best;
  const direct = paths.find((p) => p.via === -1);
  if (kept.via >= 0 && direct && ranked.indexOf(direct) < ranked.indexOf(kept)) return best;
  return beatsByMargin(best, kept, metric, margins) ? best : kept;
}
