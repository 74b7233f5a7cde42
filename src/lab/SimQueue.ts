/**
 * Runs a lab's actions on the simulation one after another. XState actions are synchronous and
 * fire and forget, but resetting or stepping the simulation takes a while: without a queue, a
 * `playSim` right after a `resetSim` would reach a simulation that is still being rebuilt.
 */
import type { LabSim } from './LabSim';

export class SimQueue {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly sim: LabSim,
    /** told about an action that failed (a bad command, a failed reset); the queue goes on */
    private readonly onError: (message: string) => void,
  ) {}

  /** Queues `op` after everything queued before it. */
  run(what: string, op: (sim: LabSim) => void | Promise<void>): void {
    this.tail = this.tail.then(async () => {
      if (this.closed) return;
      try {
        await op(this.sim);
      } catch (e) {
        this.onError(`The lab could not ${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  /** Skips everything still queued and anything queued later (the lab has been left). */
  close(): void {
    this.closed = true;
  }

  /** Resolves once everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
