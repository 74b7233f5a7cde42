/**
 * Every lab step's what-ifs (LabStep.whatIfs) change what the comparison shows. Each lab is
 * walked in-process to the step with its real models (inProcessLab.ts), the step's experiment
 * is played until Next opens, as the panel requires, and the run on the stage is forked as the
 * page's button forks it (whatIf.ts): the change at its moment, both futures played to where
 * the run had got, compared with the fork panel's own figures (compareSummary.ts). A what-if
 * whose command the models ignore, or that comes after everything it could change, fails here:
 * a button that changes nothing is a control that does nothing.
 */
import { describe, expect, it } from 'vitest';
import type { LabDefinition, LabWhatIf } from '@lab/types';
import { parseCommand } from '@sim/models/commands';
import { frameOf } from '@runtime/frame';
import { runOf, type RunDefinition } from '@runtime/fork';
import type { Run } from '@runtime/Run';
import { whatIfMomentNs } from '../../src/ui/compare/whatIf';
import { compareFigures, differencesSentence } from '../../src/ui/compare/compareSummary';
import { lab as dns } from '../../labs/dns-resolution/index';
import { lab as crowd } from '../../labs/flash-crowd/index';
import { lab as rollout } from '../../labs/phased-rollout/index';
import { lab as middleMile } from '../../labs/middle-mile/index';
import { lab as acceleration } from '../../labs/acceleration/index';
import { lab as fatFile } from '../../labs/fat-file/index';
import { openInProcess } from './inProcessLab';

/** A definition's run played to `timeNs`, its frame there. */
async function frameAt(definition: RunDefinition, timeNs: number) {
  const run = runOf(definition);
  try {
    await run.start();
    await run.advanceTo(timeNs);
    return frameOf(await run.snapshot());
  } finally {
    run.dispose();
  }
}

/** The fork panel's figures for the run with the what-if against the run as it was. */
async function compareWhatIf(run: Run, whatIf: LabWhatIf) {
  const headNs = run.now;
  const atNs = whatIfMomentNs(whatIf, headNs, headNs);
  expect(atNs, `${whatIf.id}: a moment before the run's end`).not.toBeNull();
  const was: RunDefinition = { ...run.definition, commands: run.position().commands };
  // As on the page: going back to the moment drops the commands of the future it had.
  const changed: RunDefinition = {
    ...was,
    commands: [
      ...was.commands.filter((c) => c.atNs <= atNs!),
      { atNs: atNs!, cmd: parseCommand(whatIf.command) },
    ],
  };
  const base = await frameAt(was, atNs!);
  const [current, other] = await Promise.all([frameAt(changed, headNs), frameAt(was, headNs)]);
  return { atNs: atNs!, headNs, figures: compareFigures(base, current, other) };
}

const LABS: LabDefinition[] = [crowd, dns, rollout, middleMile, acceleration, fatFile];

describe('what-ifs', () => {
  for (const lab of LABS) {
    const steps = lab.steps.filter((s) => s.whatIfs?.length);
    it(`${lab.id}: ${steps.map((s) => s.id).join(', ')}`, async () => {
      expect(steps.length, 'a what-if in the lab').toBeGreaterThan(0);
      const walk = await openInProcess(lab);
      try {
        for (const step of steps) {
          while (walk.driver.stepId !== step.id) await walk.revealAndNext();
          const q = step.question;
          if (q) walk.driver.reveal(q.id);
          await walk.playUntil(() => walk.driver.canNext);
          for (const whatIf of step.whatIfs!) {
            const { atNs, headNs, figures } = await compareWhatIf(walk.run()!, whatIf);
            const said = differencesSentence(headNs, figures);
            console.log(`[what-if] ${lab.id}/${step.id}/${whatIf.id} at ${atNs / 1e9} s: ${said}`);
            expect(
              figures.filter((f) => f.differs).map((f) => f.label),
              `${step.id}/${whatIf.id}: ${said}`,
            ).not.toEqual([]);
          }
        }
      } finally {
        walk.dispose();
      }
    }, 240_000);
  }
});
