/**
 * A step's what-ifs (LabStep.whatIfs) checked on the run the step left on the stage: each is
 * forked as the page's button forks it (src/ui/compare/whatIf.ts: the change at its moment, both
 * futures played to where the run had got) and compared with the fork panel's own figures
 * (compareSummary.ts). A what-if whose command the models ignore, or that comes after
 * everything it could change, fails: a button that changes nothing is a control that does
 * nothing. The lab walks (walkTaught.ts) run it at each step that has what-ifs, once its
 * experiment has run, as the page holds the buttons until then.
 */
import { expect } from 'vitest';
import type { LabStep, LabWhatIf } from '@lab/types';
import { parseCommand } from '@sim/models/commands';
import { frameOf } from '@runtime/frame';
import { runOf } from '@runtime/fork';
import type { Run } from '@runtime/Run';
import { whatIfMomentNs } from '../../src/ui/compare/whatIf';
import { compareFigures, differencesSentence } from '../../src/ui/compare/compareSummary';

/**
 * The fork panel's figures for the run with the what-if against the run as it was. The run as
 * it was is the stage's own, standing where it had got; the changed one is replayed once: to the
 * moment (the panel's base), then on with the change, as the page's going back and giving it do.
 */
export async function compareWhatIf(run: Run, whatIf: LabWhatIf) {
  const headNs = run.now;
  const atNs = whatIfMomentNs(whatIf, headNs, headNs);
  expect(atNs, `${whatIf.id}: a moment before the run's end`).not.toBeNull();
  // As on the page: going back to the moment drops the commands of the future it had.
  const changed = runOf({
    ...run.definition,
    commands: run.position().commands.filter((c) => c.atNs <= atNs!),
  });
  try {
    await changed.start();
    await changed.advanceTo(atNs!);
    const base = frameOf(await changed.snapshot());
    changed.command(parseCommand(whatIf.command));
    await changed.advanceTo(headNs);
    const current = frameOf(await changed.snapshot());
    const other = frameOf(await run.snapshot());
    return { atNs: atNs!, headNs, figures: compareFigures(base, current, other) };
  } finally {
    changed.dispose();
  }
}

/** Checks every what-if of `step` on `run`, printing what each comparison says. */
export async function checkWhatIfs(labId: string, step: LabStep, run: Run): Promise<void> {
  for (const whatIf of step.whatIfs ?? []) {
    const { atNs, headNs, figures } = await compareWhatIf(run, whatIf);
    const said = differencesSentence(headNs, figures);
    console.log(`[what-if] ${labId}/${step.id}/${whatIf.id} at ${atNs / 1e9} s: ${said}`);
    expect(
      figures.filter((f) => f.differs).map((f) => f.label),
      `${step.id}/${whatIf.id}: ${said}`,
    ).not.toEqual([]);
  }
}
