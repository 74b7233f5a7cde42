/**
 * Puts a live lab where a shared moment says: the step is already open (the link named it);
 * this moves its settings, gives the student's commands again at their times, and runs to the
 * moment's time, paused there. A moment the student had gone back to is restored the same way
 * round: the run plays to where it had got, then goes back, so the timeline holds the same run.
 * A fork is rebuilt by doing what the student did: play the other run (the future the run had),
 * go back to the fork's moment, give the change and the changed run's commands; the session
 * then keeps the other run to compare, as it did (src/runtime/fork.ts).
 */
import type { LabDriver } from '@lab/LabDriver';
import type { LabMoment, MomentCommand } from '@lab/shareState';
import type { SimSession } from '../session/SimSession.svelte';
import type { UserCommands } from './userCommands.svelte';
import { formatLogTime } from '../log/logFormat';

export async function restoreMoment(
  moment: LabMoment,
  driver: LabDriver,
  session: SimSession,
  commands: UserCommands,
): Promise<void> {
  const nowNs = () => session.frame?.timeNs ?? 0;
  /** gives each command at its time, running (paused after) to it first */
  const play = async (list: readonly MomentCommand[]) => {
    for (const { atNs, command } of list) {
      if (atNs > nowNs()) await session.runTo(atNs);
      commands.give(command);
    }
  };
  // The step's own set-up (building the run) comes first.
  await driver.settled();
  for (const [id, value] of Object.entries(moment.controls)) driver.setControl(id, value);
  // A setting may rebuild the step's experiment.
  await driver.settled();
  const { fork } = moment;
  if (fork) {
    await play([...moment.commands.slice(0, fork.common), ...fork.commands]);
    if (fork.headNs > nowNs()) await session.runTo(fork.headNs);
    await driver.settled();
    await session.goTo(fork.atNs);
    await play(moment.commands.slice(fork.common));
  } else await play(moment.commands);
  const endNs = Math.max(moment.headNs ?? 0, moment.timeNs ?? 0);
  if (endNs > nowNs()) await session.runTo(endNs);
  await driver.settled();
  if (moment.timeNs !== null && moment.timeNs < nowNs()) await session.goTo(moment.timeNs);
  if (fork?.compare && session.fork) session.compareFork();
  await driver.settled();
}

/**
 * The moment the page is at: its changed settings, the student's commands, the time shown and,
 * after going back, how far the run had got; the fork it keeps, and whether it is compared.
 */
export function currentMoment(
  driver: LabDriver,
  session: SimSession,
  commands: UserCommands,
): LabMoment {
  const controls: Record<string, number> = {};
  for (const c of driver.step?.controls ?? []) {
    const value = driver.controlValue(c);
    if (value !== c.initial) controls[c.id] = value;
  }
  const timeNs = session.frame?.timeNs ?? null;
  const headNs = session.timeline.headNs;
  const other = commands.other;
  // The session's fork is the student's when a command of theirs made it (a lab's own command
  // at an earlier moment would fork too, and the lab gives it again by itself).
  const fork =
    session.fork && other && other.atNs === session.fork.atNs
      ? { ...other, compare: session.compare !== null }
      : null;
  return {
    seed: session.seed,
    timeNs,
    headNs: timeNs !== null && headNs > timeNs ? headNs : null,
    controls,
    commands: commands.log,
    fork,
  };
}

/** What a moment's link opens, in a sentence (empty for a plain moment at the run's head). */
export function momentSummary(moment: LabMoment): string {
  const parts: string[] = [];
  if (moment.headNs !== null && moment.timeNs !== null)
    parts.push(
      `the run at ${formatLogTime(moment.timeNs)} of the ${formatLogTime(moment.headNs)} it had got to`,
    );
  if (moment.fork)
    parts.push(
      `the run it forked from at ${formatLogTime(moment.fork.atNs)}${moment.fork.compare ? ', the two compared' : ', to compare'}`,
    );
  return parts.length > 0 ? `It opens ${parts.join(', and ')}.` : '';
}
