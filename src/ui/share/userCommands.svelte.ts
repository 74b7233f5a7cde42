/**
 * The commands the student gave on the lab page (an abort button, a failure), with the
 * simulated time of each: what a shared moment and a demo script replay. The run's own command
 * log cannot tell these from the ones the lab's machine sends, which the lab sends again by
 * itself. A new run (every reset starts one) forgets them.
 */
import { parseCommand, type SimCommand } from '@sim/models/commands';
import type { MomentCommand } from '@lab/shareState';
import type { SimSession } from '../session/SimSession.svelte';

export class UserCommands {
  log = $state.raw<MomentCommand[]>([]);
  #listeners: ((c: MomentCommand) => void)[] = [];
  #lastNs = 0;

  constructor(private readonly session: SimSession) {}

  /** Validates and sends a command (throws with a message when it is bad), and keeps it. */
  give(input: unknown): SimCommand {
    const command = parseCommand(input);
    this.session.command(command);
    const given = { atNs: this.session.frame?.timeNs ?? 0, command };
    this.log = [...this.log, given];
    for (const l of this.#listeners) l(given);
    return command;
  }

  /** Calls `listener` for each command given; returns the function that stops it. */
  onGiven(listener: (c: MomentCommand) => void): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => (this.#listeners = this.#listeners.filter((l) => l !== listener));
  }

  /** Hears every frame: a run that starts again (no frame, or time going back) forgets the log. */
  sawFrame(timeNs: number | null): void {
    if (timeNs === null || timeNs < this.#lastNs) this.log = [];
    this.#lastNs = timeNs ?? 0;
  }
}
