/**
 * The times of the frames a page's charts keep, since the run last went back: a comparison's
 * other run visits the same times (compareRun.svelte.ts), so both runs' points line up. The rule
 * is the charts' own (RateHistory): a frame at least `POINT_GAP_NS` after the last one kept, and
 * an earlier frame starts over.
 */

/** The least simulated time between two points of a chart's rates, ns. */
export const POINT_GAP_NS = 50_000_000;

export class FrameTimes {
  private times: number[] = [];

  constructor(readonly capacity = 600) {}

  /** Takes a frame's time; true if a chart keeps a point there (or starts over from it). */
  take(timeNs: number): boolean {
    const last = this.times.at(-1);
    if (last !== undefined && timeNs < last) this.times = [];
    else if (last !== undefined && timeNs - last < POINT_GAP_NS) return false;
    this.times.push(timeNs);
    if (this.times.length > this.capacity) this.times.shift();
    return true;
  }

  list(): readonly number[] {
    return this.times;
  }

  clear(): void {
    this.times = [];
  }
}
