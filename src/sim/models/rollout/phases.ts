/**
 * Rollout phases: how many servers run the release after each step, and in what order servers
 * get it. Leighton (2009): "first deployed to a single machine. Then … to a single region, then
 * possibly to additional subsets of the network, and finally to the entire network".
 *
 * Text form (`--phases`): comma-separated steps, each
 *   N        N servers (a whole number ≥ 1)
 *   P%       P per cent of the servers (0 < P ≤ 100)
 *   dc       the first machine's data centre
 *   region   the first machine's geographic region
 *   world    every server
 * The last step must be 'world' or '100%'. Default '1,dc,10%,world'. We read the paper's "single
 * region" as one data centre ('dc'): the topology's geographic regions each hold a large share of
 * the network, more than the "additional subsets" that follow, so 'region' is there to try.
 */
import type { RandomStream } from '../../random/RandomStream';
import type { FleetLayout } from './fleetLayout';

export type PhaseStep =
  | { kind: 'count'; n: number }
  | { kind: 'percent'; p: number }
  | { kind: 'dc' | 'region' | 'world' };

export const DEFAULT_PHASES = '1,dc,10%,world';

export function parsePhases(raw: string): PhaseStep[] {
  const steps = raw.split(',').map((t) => parseStep(t.trim()));
  const last = steps[steps.length - 1];
  if (!(last.kind === 'world' || (last.kind === 'percent' && last.p === 100)))
    throw new Error(`the last phase must be 'world' or '100%', got '${raw}'`);
  return steps;
}

function parseStep(t: string): PhaseStep {
  if (t === 'dc' || t === 'region' || t === 'world') return { kind: t };
  if (/^\d+$/.test(t) && Number(t) >= 1) return { kind: 'count', n: Number(t) };
  const m = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (m && Number(m[1]) > 0 && Number(m[1]) <= 100) return { kind: 'percent', p: Number(m[1]) };
  throw new Error(`bad phase '${t}': expected N, P%, dc, region or world`);
}

export function phaseLabel(s: PhaseStep): string {
  if (s.kind === 'count') return String(s.n);
  if (s.kind === 'percent') return `${s.p}%`;
  return s.kind;
}

export interface RolloutPlan {
  /** server indices in the order they get the release */
  order: Int32Array;
  /** servers running the release after each phase (non-decreasing, the last is all) */
  sizes: number[];
  labels: string[];
}

/**
 * The first machine is drawn at random; its data centre follows, then the rest of its region,
 * then everyone else in random order, so every phase contains the one before it.
 */
export function planRollout(
  layout: FleetLayout,
  steps: PhaseStep[],
  rng: RandomStream,
): RolloutPlan {
  const n = layout.node.length;
  const first = rng.int(0, n - 1);
  const dc = layout.byDataCentre.get(layout.dataCentre[first]) ?? [first];
  const region = layout.byRegion.get(layout.region[first]) ?? [first];
  const taken = new Uint8Array(n);
  const order: number[] = [];
  const take = (list: readonly number[]) => {
    const rest = shuffle(
      list.filter((i) => !taken[i]),
      rng,
    );
    for (const i of rest) {
      taken[i] = 1;
      order.push(i);
    }
  };
  take([first]);
  take(dc);
  take(region);
  take(Array.from({ length: n }, (_, i) => i));
  let prev = 0;
  const sizes = steps.map((s) => {
    const want =
      s.kind === 'count'
        ? s.n
        : s.kind === 'percent'
          ? Math.ceil((s.p / 100) * n)
          : s.kind === 'dc'
            ? dc.length
            : s.kind === 'region'
              ? region.length
              : n;
    prev = Math.min(n, Math.max(prev, want));
    return prev;
  });
  return { order: Int32Array.from(order), sizes, labels: steps.map(phaseLabel) };
}

function shuffle(a: number[], rng: RandomStream): number[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** True when `raw` parses (for command validation). */
export function isPhaseSpec(raw: string): boolean {
  try {
    parsePhases(raw);
    return true;
  } catch {
    return false;
  }
}
