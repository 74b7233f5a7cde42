/**
 * The flash-crowd charts' runs: the run under way (a CrowdHistory), the earlier runs of the same
 * lab step kept for comparison (a step that runs two settings shows both), and the events worth
 * a mark on the charts. A run's label says what differs between the runs as far as the frames
 * tell it (cache lookups or none; the load feedback acting or not), else its place in order.
 * A rune class: `current` and `earlier` follow the frames, so what reads them follows too.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { CrowdHistory, type CrowdPoint } from '../../charts/crowdHistory.svelte';
import { FrameFollower } from '../../charts/frameFollower';
import { MarkList, type ChartMark } from '../../charts/chartMarks';

export interface CrowdRun {
  step: string | undefined;
  points: readonly CrowdPoint[];
  regionMeanMs: (number | null)[];
  marks: readonly ChartMark[];
  /** the evidence a label is made from */
  lookedUp: boolean;
  feedbackActions: number;
}

/** Earlier runs kept per step: enough for a comparison, bounded whatever the student does. */
const MAX_EARLIER = 3;
const ORDINALS = ['first run', 'second run', 'third run', 'fourth run'];

export class CrowdRuns {
  readonly history = new CrowdHistory();
  readonly events = new MarkList();
  /** the runs kept for comparison, oldest first (see earlierOf) */
  earlier = $state.raw<readonly CrowdRun[]>([]);
  #step = $state<string | undefined>(undefined);
  #feedbackActions = $state(0);
  /** the number of the run the current history comes from (see add) */
  #run: number | undefined = undefined;
  private readonly frames = new FrameFollower();

  /** The run under way, as a CrowdRun. */
  readonly current: CrowdRun = $derived.by(() => ({
    step: this.#step,
    points: this.history.points,
    regionMeanMs: this.history.regionMeanMs(),
    marks: this.events.marks,
    lookedUp: this.history.points.some((p) => p.hitRatio !== null),
    feedbackActions: this.#feedbackActions,
  }));

  /**
   * Adds a frame of a run begun in `step`; true if anything changed. A new run (time going
   * back) keeps the run before it only if both belong to the same, named step. With `run`, the
   * number of the run the frame comes from (LabPage.runNumber), time going back in the same run
   * is the run going back on the timeline: it starts over, replayed, and is no earlier run.
   */
  add(frame: RuntimeFrame, step: string | undefined, run?: number): boolean {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return false;
    let changed = false;
    if (turn === 'restart') {
      if (run !== undefined && run === this.#run) this.startOver();
      else this.archive(step);
      changed = true;
    }
    this.#run = run;
    if (this.history.points.length === 0) this.#step = step;
    for (const o of frame.observations ?? []) {
      const r = o as { type?: string; timeNs?: number; withdrawn?: boolean; servers?: number };
      const t = (r.timeNs ?? frame.timeNs) / 1e9;
      if (r.type === 'sim.serverWithdrawn') {
        this.events.add(t, r.withdrawn === false ? 'server back' : 'server withdrawn');
        this.#feedbackActions++;
        changed = true;
      } else if (r.type === 'sim.contentSpread' && (r.servers ?? 0) > 1) {
        this.events.add(t, 'object spread');
        this.#feedbackActions++;
        changed = true;
      }
    }
    return this.history.add(frame) || changed;
  }

  /** The earlier runs of `step` (none when the step is not named). */
  earlierOf(step: string | undefined): readonly CrowdRun[] {
    return step === undefined ? [] : this.earlier.filter((r) => r.step === step);
  }

  clear(): void {
    this.history.clear();
    this.events.clear();
    this.earlier = [];
    this.#feedbackActions = 0;
    this.frames.forget();
  }

  private archive(step: string | undefined): void {
    const done = this.current;
    const keep = step !== undefined && done.step === step && done.points.length > 0;
    this.earlier = keep
      ? [
          ...this.earlier.filter((r) => r.step === step),
          // Its points and marks are replaced, never changed, by the runs after it.
          done,
        ].slice(-MAX_EARLIER)
      : [];
    this.startOver();
    this.#step = step;
  }

  /** The run under way starts over (its earlier runs stay). */
  private startOver(): void {
    this.history.clear();
    this.events.clear();
    this.#feedbackActions = 0;
  }
}

/**
 * Labels for runs shown together, in order: by what differs between them if the frames show it
 * (cache lookups or none; the load feedback acting or not), else by their place in order.
 */
export function runLabels(runs: readonly CrowdRun[]): string[] {
  const differs = <T>(f: (r: CrowdRun) => T) => runs.some((r) => f(r) !== f(runs[0]));
  return runs.map((r, i) => {
    const ordinal = ORDINALS[i] ?? `run ${i + 1}`;
    if (runs.length < 2) return ordinal;
    if (differs((x) => x.lookedUp))
      return `${ordinal}: ${r.lookedUp ? 'through the CDN' : 'no CDN (no cache lookups)'}`;
    if (differs((x) => x.feedbackActions > 0))
      return `${ordinal}: ${
        r.feedbackActions > 0
          ? `load feedback acted ${r.feedbackActions}×`
          : 'no spreads or withdrawals'
      }`;
    return ordinal;
  });
}

/**
 * Marks the data itself calls for: the crowd's peak second, the first second the origin was
 * fully busy, the first second with errors. Computed from the points, once per new point.
 */
export function crowdDataMarks(points: readonly CrowdPoint[]): ChartMark[] {
  if (points.length === 0) return [];
  let peak = points[0];
  for (const p of points) if (p.requestsPerSecond > peak.requestsPerSecond) peak = p;
  const out: ChartMark[] = [];
  const full = points.find((p) => p.originBusy >= 0.99);
  if (full) out.push({ t: full.t, label: 'origin full' });
  const errors = points.find((p) => p.errorRate >= 0.01);
  if (errors) out.push({ t: errors.t, label: 'errors ≥ 1 %' });
  // A peak only once the rate has come down from it: before that it is just "now".
  if (peak !== points.at(-1))
    out.push({
      t: peak.t,
      label: `peak ${Math.round(peak.requestsPerSecond).toLocaleString('en')}/s`,
    });
  return out.sort((a, b) => a.t - b.t);
}
