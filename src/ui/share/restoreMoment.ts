/**
 * Puts a live lab where a shared moment says: the step is already open (the link named it);
 * this moves its settings, gives the student's commands again at their times, and runs to the
 * moment's time, paused there.
 */
import type { LabDriver } from '@lab/LabDriver';
import type { LabMoment } from '@lab/shareState';
import type { SimSession } from '../session/SimSession.svelte';
import type { UserCommands } from './userCommands.svelte';

export async function restoreMoment(
  moment: LabMoment,
  driver: LabDriver,
  session: SimSession,
  commands: UserCommands,
): Promise<void> {
  // The step's own set-up (building the run) comes first.
  await driver.settled();
  for (const [id, value] of Object.entries(moment.controls)) driver.setControl(id, value);
  // A setting may rebuild the step's experiment.
  await driver.settled();
  for (const { atNs, command } of moment.commands) {
    if (atNs > (session.frame?.timeNs ?? 0)) await session.runTo(atNs);
    commands.give(command);
  }
  if (moment.timeNs !== null && moment.timeNs > (session.frame?.timeNs ?? 0))
    await session.runTo(moment.timeNs);
  await driver.settled();
}

/** The moment the page is at: its changed settings, the student's commands, the time. */
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
  return {
    seed: session.seed,
    timeNs: session.frame?.timeNs ?? null,
    controls,
    commands: commands.log,
  };
}
