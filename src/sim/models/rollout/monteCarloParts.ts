/**
 * A Monte Carlo of releases shared among the shards: release k is run by the shard that owns
 * edge server k mod N (every server has exactly one owner, so every release runs exactly once,
 * and the shares follow the partition's balance). Each shard reports its share as a part of
 * summable figures; the parts are folded into one `sim.rolloutMonteCarlo` observation once all
 * the requested releases are in, whatever the number of workers.
 */
import { TraceDigest } from '../../engine/TraceDigest';
import type { MonteCarloResult } from './monteCarlo';
import { SECOND } from '../../time';

interface PlainDigest {
  lane1: number;
  lane2: number;
  count: number;
}

export interface MonteCarloPart {
  type: 'sim.rolloutMonteCarloPart';
  timeNs: number;
  label: string;
  phases: string[];
  soakSeconds: number;
  /** releases the command asked for, over all parts */
  requested: number;
  /** releases in this part */
  releases: number;
  abortPhaseHistogram: Record<string, number>;
  shipped: number;
  shippedWithBugs: number;
  errorMinutes: number;
  /** over this part's shipped releases: hours from the start until every server ran it */
  shippedHoursToWorld: number;
  digest: PlainDigest;
}

export interface MonteCarloSummary {
  type: 'sim.rolloutMonteCarlo';
  timeNs: number;
  label: string;
  phases: string[];
  soakSeconds: number;
  releases: number;
  abortPhaseHistogram: Record<string, number>;
  shipped: number;
  shippedWithBugs: number;
  errorMinutes: number;
  /** mean over shipped releases; null when none shipped */
  hoursToWorld: number | null;
  digest: string;
  /** parts (shards) the releases were shared among */
  parts: number;
}

/** One shard's share as an observation. */
export function monteCarloPart(
  r: MonteCarloResult,
  at: { timeNs: number; label: string; phases: string[]; soakNs: number; worldWatchNs: number },
  requested: number,
): MonteCarloPart {
  let shippedHoursToWorld = 0;
  for (const o of r.releases)
    // The world watch that follows is the same for every plan, so it is left out.
    if (!o.aborted) shippedHoursToWorld += (o.durationNs - at.worldWatchNs) / (3600 * SECOND);
  return {
    type: 'sim.rolloutMonteCarloPart',
    timeNs: at.timeNs,
    label: at.label,
    phases: at.phases,
    soakSeconds: at.soakNs / SECOND,
    requested,
    releases: r.releases.length,
    abortPhaseHistogram: r.abortPhaseHistogram,
    shipped: r.shipped,
    shippedWithBugs: r.shippedWithBugs,
    errorMinutes: r.errorMinutes,
    shippedHoursToWorld,
    digest: r.digestPlain,
  };
}

const isPart = (o: unknown): o is MonteCarloPart =>
  (o as { type?: unknown } | null)?.type === 'sim.rolloutMonteCarloPart';

/**
 * Folds parts into summaries. Parts of one command share its time and label; a command whose
 * parts are not all in yet is held until they are (they normally arrive in one snapshot, as the
 * command runs at the same window start in every shard).
 */
export class MonteCarloCombiner {
  private pending = new Map<string, MonteCarloPart[]>();

  /** The observations with every complete set of parts replaced by its summary, in place. */
  take(observations: unknown[]): unknown[] {
    if (!observations.some(isPart)) return observations;
    const out: unknown[] = [];
    for (const o of observations) {
      if (!isPart(o)) {
        out.push(o);
        continue;
      }
      const key = `${o.timeNs}/${o.label}`;
      const parts = this.pending.get(key) ?? [];
      parts.push(o);
      const have = parts.reduce((n, p) => n + p.releases, 0);
      if (have < o.requested) this.pending.set(key, parts);
      else {
        this.pending.delete(key);
        out.push(combineParts(parts));
      }
    }
    return out;
  }
}

export function combineParts(parts: readonly MonteCarloPart[]): MonteCarloSummary {
  const first = parts[0];
  const histogram: Record<string, number> = {};
  const digest = new TraceDigest();
  let releases = 0;
  let shipped = 0;
  let shippedWithBugs = 0;
  let errorMinutes = 0;
  let hours = 0;
  for (const p of parts) {
    for (const [k, n] of Object.entries(p.abortPhaseHistogram))
      histogram[k] = (histogram[k] ?? 0) + n;
    digest.merge(TraceDigest.fromPlain(p.digest));
    releases += p.releases;
    shipped += p.shipped;
    shippedWithBugs += p.shippedWithBugs;
    errorMinutes += p.errorMinutes;
    hours += p.shippedHoursToWorld;
  }
  return {
    type: 'sim.rolloutMonteCarlo',
    timeNs: first.timeNs,
    label: first.label,
    phases: first.phases,
    soakSeconds: first.soakSeconds,
    releases,
    abortPhaseHistogram: histogram,
    shipped,
    shippedWithBugs,
    errorMinutes,
    hoursToWorld: shipped === 0 ? null : hours / shipped,
    digest: digest.toString(),
    parts: parts.length,
  };
}
