/**
 * The clock a lab actor's `after` delays run on: simulated time, advanced by the frames the
 * simulation hands back, never by the wall clock. So `after: { 2000: ... }` means two simulated
 * seconds, however slow the student runs the simulation or however long they leave it paused.
 * It implements XState's `Clock` (`createActor(machine, { clock })`); XState delays are in ms.
 */

/** XState's clock interface (`Clock` in xstate's system.ts, not exported from the package). */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

const NS_PER_MS = 1e6;

interface Timer {
  id: number;
  dueNs: number;
  fn: () => void;
}

export class SimTimeClock implements Clock {
  private nowNs = 0;
  private nextId = 1;
  /** kept in due order; equal due times fire in the order they were set */
  private timers: Timer[] = [];

  /** simulated time as far as the lab has heard, ns */
  get timeNs(): number {
    return this.nowNs;
  }

  /** when the earliest pending timer is due, ns (Infinity if none) */
  get nextDueNs(): number {
    return this.timers[0]?.dueNs ?? Infinity;
  }

  setTimeout(fn: (...args: unknown[]) => void, delayMs: number): number {
    const id = this.nextId++;
    const dueNs = this.nowNs + Math.max(0, delayMs) * NS_PER_MS;
    const at = this.timers.findIndex((t) => t.dueNs > dueNs);
    this.timers.splice(at < 0 ? this.timers.length : at, 0, { id, dueNs, fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /**
   * Moves to simulated time `timeNs`, firing every timer due by then, earliest first (a timer
   * set by one that fires is fired too if it is also due). Time going backwards means the
   * simulation restarted: pending timers keep the time they had left.
   */
  advanceTo(timeNs: number): void {
    if (timeNs < this.nowNs) {
      const shift = this.nowNs - timeNs;
      for (const t of this.timers) t.dueNs -= shift;
      this.nowNs = timeNs;
      return;
    }
    for (;;) {
      const next = this.timers[0];
      if (!next || next.dueNs > timeNs) break;
      this.timers.shift();
      this.nowNs = next.dueNs;
      next.fn();
    }
    this.nowNs = timeNs;
  }

  /** how many timers are waiting (for tests and the statechart view) */
  get pending(): number {
    return this.timers.length;
  }
}
