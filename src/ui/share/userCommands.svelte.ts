/**
 * The commands the student gave on the lab page (an abort button, a failure), with the
 * simulated time of each: what a shared moment and a demo script replay. The run's own command
 * log cannot tell these from the ones the lab's machine sends, which the lab sends again by
 * itself. A new run (every reset starts one) forgets them; going back on the timeline does not
 * (those after the moment are the run's future, given again as it plays on), and a command given
 * at an earlier moment forks the run: the student's commands of the future it had go with the
 * other run (`other`), so that a link can rebuild both runs of a comparison.
 */
import { parseCommand, type SimCommand } from '@sim/models/commands';
import type { MomentCommand } from '@lab/shareState';
import type { SimSession } from '../session/SimSession.svelte';

/** The student's side of the latest fork: what a link needs to replay the other run. */
export interface OtherCommands {
  /** the fork's moment, ns */
  atNs: number;
  /** how far the other run had got, ns */
  headNs: number;
  /** how many of `log`'s commands (from the first) the other run has too */
  common: number;
  /** the student's commands of the other run after the fork */
  commands: MomentCommand[];
}

export class UserCommands {
  log = $state.raw<MomentCommand[]>([]);
  /** the latest fork's other run, as the student's commands make it, or null */
  other = $state.raw<OtherCommands | null>(null);
  #listeners: ((c: MomentCommand) => void)[] = [];
  #lastNs = 0;

  constructor(private readonly session: SimSession) {}

  /** Validates and sends a command (throws with a message when it is bad), and keeps it. */
  give(input: unknown): SimCommand {
    const command = parseCommand(input);
    const nowNs = this.session.frame?.timeNs ?? 0;
    const headNs = this.session.timeline.headNs;
    this.session.command(command);
    // The session's rule (forkAt): given before where the run had got, it forks.
    if (headNs > nowNs) {
      const kept = this.log.filter((c) => c.atNs <= nowNs);
      this.other = {
        atNs: nowNs,
        headNs,
        common: kept.length,
        commands: this.log.filter((c) => c.atNs > nowNs),
      };
      this.log = kept;
    }
    const given = { atNs: nowNs, command };
    this.log = [...this.log, given];
    for (const l of this.#listeners) l(given);
    return command;
  }

  /** Calls `listener` for each command given; returns the function that stops it. */
  onGiven(listener: (c: MomentCommand) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => (this.#listeners = this.#listeners.filter((l) => l !== listener));
  }

  /**
   * Hears every frame, and how far the run has got: a run that starts again (no frame; or time
   * going back with the run's head gone back too, a new run whose first frame came before its
   * emptiness was seen) forgets the log. Going back on the timeline keeps the head.
   */
  sawFrame(timeNs: number | null, headNs: number): void {
    if (timeNs === null || (timeNs < this.#lastNs && headNs < this.#lastNs)) {
      this.log = [];
      this.other = null;
    }
    this.#lastNs = timeNs ?? 0;
  }
}
