/**
 * Runs a lab's actions on the simulation one after another. XState actions are synchronous and
 * fire and forget, but resetting or stepping the simulation takes a while: without a queue, a
 * `playSim` right after a `resetSim` would reach a simulation that is still being rebuilt.
 */
import type { LabSim } from './LabSim';

export class SimQueue {
  private tail: Promise<void>;
  private closed = false;
  /** how many operations have been queued so far */
  private queued = 0;
  /** the positions (in queued order) of the resets queued so far and not yet begun */
  private readonly resets = new Set<number>();

  constructor(
    private readonly sim: LabSim,
    /** told about an action that failed (a bad command, a failed reset); the queue goes on */
    private readonly onError: (message: string) => void,
    /** nothing queued runs before it resolves (see LabDriverOptions.simReady) */
    ready: Promise<void> = Promise.resolve(),
  ) {
    this.tail = ready;
  }

  /**
   * Queues `op` after everything queued before it. `reset`: it builds the run afresh. `needless`:
   * a build that is skipped when a reset was queued right after it, before it began (a lab opened
   * at a step whose entry resets the run anyway: the first run would be built, then thrown away).
   */
  run(
    what: string,
    op: (sim: LabSim) => void | Promise<void>,
    { reset = false, needless = false } = {},
  ): void {
    const at = this.queued++;
    if (reset) this.resets.add(at);
    this.tail = this.tail.then(async () => {
      this.resets.delete(at);
      if (this.closed) return;
      if (needless && this.resets.has(at + 1)) return;
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
