/** Plays a lab script on a Run in two halves, so a test can stop between them (a checkpoint). */
import type { Run } from '@runtime/Run';
import type { SimCommand } from '@sim/models/commands';
import type { LabScript } from './labScripts';

/** Up to the checkpoint: commands before it, the run to it, commands at it, single steps. */
export async function playFirstHalf(run: Run, s: LabScript): Promise<void> {
  await playCommands(run, s, (t) => t < s.checkpointNs);
  await run.advanceTo(s.checkpointNs);
  await playCommands(run, s, (t) => t === s.checkpointNs);
  for (let i = 0; i < s.stepsBeforeCheckpoint; i++) await run.stepEvent();
}

/** From the checkpoint to the end. */
export async function playSecondHalf(run: Run, s: LabScript): Promise<void> {
  await playCommands(run, s, (t) => t > s.checkpointNs);
  await run.advanceTo(s.endNs);
}

async function playCommands(run: Run, s: LabScript, when: (atNs: number) => boolean) {
  for (const { atNs, cmd } of s.commands) {
    if (!when(atNs)) continue;
    if (atNs > run.now) await run.advanceTo(atNs);
    run.command(cmd as SimCommand);
  }
}
