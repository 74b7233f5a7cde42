/**
 * What the timeline knows of a run beside its frames: how far the run has got (its head: the
 * timeline's end, which going back does not move), the notable moments seen on the way (a
 * failure, a crash, an abort, a convergence: the observations the narrator names), and which
 * frames are new. Once the run has gone back, the frames of its replay and of playing on again
 * up to the head show states already seen: `fresh` leaves them out, and keeps of a frame that
 * crosses the head only the observations after it, so a lab's machine hears each moment once.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { NOTABLE_OBSERVATIONS, observationKey } from '../a11y/notableObservations';

export interface TimelineMark {
  timeNs: number;
  /** a few words: what happened */
  label: string;
}

/** Most notable moments kept (the earliest are kept: a long run's marks thin out at the end). */
export const MARK_CAPACITY = 200;

export class TimelineState {
  /** the furthest simulated time the run has shown, ns */
  headNs = $state(0);
  /** notable moments up to the head, in time order */
  marks = $state.raw<readonly TimelineMark[]>([]);
  /** the latest frame that shows something not seen before (see the top of this file) */
  fresh = $state.raw<RuntimeFrame | null>(null);
  /** the time of the latest fresh frame: its observations have been heard */
  private heardNs = 0;
  /** the run went back and has not yet passed `heardNs` again */
  private behind = $state(false);

  /** Takes a frame of the run; it becomes `fresh` if it shows anything new. */
  take(frame: RuntimeFrame): void {
    if (frame.timeNs > this.headNs) this.headNs = frame.timeNs;
    let observations = frame.observations ?? [];
    if (this.behind) {
      if (frame.timeNs <= this.heardNs) return;
      const heard = this.heardNs;
      observations = observations.filter((o) => ((o as { timeNs?: number }).timeNs ?? 0) > heard);
      this.behind = false;
    }
    this.heardNs = frame.timeNs;
    this.note(observations);
    this.fresh = observations === frame.observations ? frame : { ...frame, observations };
  }

  /** The run is going back to an earlier moment: its frames show what was seen until it passes. */
  wentBack(): void {
    this.behind = true;
  }

  /** Whether the run stands before its head (going back, or gone back). */
  get reviewing(): boolean {
    return this.behind;
  }

  /**
   * The run changed at `nowNs`, an earlier moment: what came after it will not happen now, so
   * the head and the marks end there and what comes next is new again.
   */
  cut(nowNs: number): void {
    if (nowNs >= this.headNs) return;
    this.headNs = nowNs;
    this.heardNs = Math.min(this.heardNs, nowNs);
    this.behind = false;
    this.marks = this.marks.filter((m) => m.timeNs <= nowNs);
  }

  /** A new run. */
  clear(): void {
    this.headNs = 0;
    this.heardNs = 0;
    this.behind = false;
    this.marks = [];
    this.fresh = null;
  }

  private note(observations: readonly unknown[]): void {
    const added: TimelineMark[] = [];
    for (const o of observations) {
      const key = observationKey(o);
      if (key === null) continue;
      added.push({
        timeNs: (o as { timeNs?: number }).timeNs ?? 0,
        label: NOTABLE_OBSERVATIONS[key][0],
      });
    }
    if (added.length > 0 && this.marks.length < MARK_CAPACITY)
      this.marks = [...this.marks, ...added].slice(0, MARK_CAPACITY);
  }
}
