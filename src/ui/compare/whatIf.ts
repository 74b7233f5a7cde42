/**
 * A what-if (LabStep.whatIfs): the student's one click that forks the run at an earlier moment
 * with a change, plays the new future as far as the run had got, and compares the two. It does
 * what a student would do by hand (go back on the timeline, make the change, play on, press
 * Compare), so the fork, the comparison and a shared link behave exactly as they do then.
 */
import type { LabWhatIf } from '@lab/types';
import type { SimSession } from '../session/SimSession.svelte';

/**
 * Where the change is made: at the moment shown if the student went back on the timeline,
 * else at the what-if's own moment; always before where the run had got (`headNs`), or
 * nowhere (null) when the run has not got past the start, since a change at the head forks
 * nothing.
 */
export function whatIfMomentNs(whatIf: LabWhatIf, shownNs: number, headNs: number): number | null {
  if (shownNs < headNs) return shownNs;
  const at = Math.round(whatIf.atS * 1e9);
  if (at < headNs) return at;
  // The run stopped before the suggested moment: the middle of what it has.
  return headNs > 0 ? Math.floor(headNs / 2) : null;
}

/** Why a what-if cannot be tried now, or null when it can. */
export function whatIfHeld(session: SimSession, stepDone: boolean): string | null {
  if (!stepDone) return 'Once this step’s experiment has run, you can change it and compare.';
  if (session.status === 'starting' || session.status === 'failed' || session.travelling)
    return 'Wait for the run to be ready.';
  if (session.timeline.headNs <= 0) return 'Play the run first: there is nothing to change yet.';
  return null;
}

/**
 * Forks the session's run with the what-if and compares. `give` is the page's way of giving a
 * student's command (kept for links and demo scripts). Resolves once both runs are compared.
 */
export async function tryWhatIf(
  session: SimSession,
  give: (command: unknown) => void,
  whatIf: LabWhatIf,
): Promise<void> {
  const headNs = session.timeline.headNs;
  const at = whatIfMomentNs(whatIf, session.frame?.timeNs ?? 0, headNs);
  if (at === null) return;
  // A new what-if replaces the comparison shown, as a new fork does.
  session.discardFork();
  if ((session.frame?.timeNs ?? 0) !== at) await session.goTo(at);
  give(whatIf.command);
  if (!session.fork) return;
  session.compareFork();
  await session.runTo(headNs);
}
