/**
 * A lab walked from its first step to its last in-process (tests/lab/inProcessLab.ts), each
 * question revealed as a lecturer would, checking that the right answer the lab reveals is the
 * one its prose teaches, and that each step's what-ifs change what the comparison shows
 * (whatIfCheck.ts). Shared by labWalks.test.ts and the labs whose own test file reuses a
 * walk's runs (fatFile.test.ts).
 */
import { expect } from 'vitest';
import type { LabDefinition } from '@lab/types';
import { openInProcess, type InProcessLab } from './inProcessLab';
import { checkWhatIfs } from './whatIfCheck';

/** A choice's label, or a number's range, by question id: what the lab's prose builds on. */
export type Taught = RegExp | [number, number];

/**
 * Walks the lab, checking each revealed answer against `taught` (every question listed, every
 * listed question met); `afterStep` sees the walk after each step, before the next opens.
 */
export async function walkTaught(
  lab: LabDefinition,
  taught: Record<string, Taught>,
  afterStep?: (walk: InProcessLab) => void,
): Promise<void> {
  const walk = await openInProcess(lab);
  const seen: string[] = [];
  try {
    while (!walk.driver.finished) {
      const step = walk.driver.step;
      const q = step?.question;
      // A step's what-ifs, on the run it leaves once its experiment has run (whatIfCheck.ts).
      const right = await walk.revealAndNext(undefined, async () => {
        if (step?.whatIfs?.length) await checkWhatIfs(lab.id, step, walk.run()!);
      });
      afterStep?.(walk);
      if (!q) continue;
      const said = right?.expected;
      seen.push(`${q.id}: ${said}`);
      expect(said, `${q.id}: nothing measured`).toBeDefined();
      const t = taught[q.id];
      expect(t, `${q.id}: no taught answer listed here`).toBeDefined();
      if (t instanceof RegExp) expect(said, q.id).toMatch(t);
      else {
        const value = Number.parseFloat(said!.replace(/,/g, ''));
        expect(value, `${q.id}: ${said}`).toBeGreaterThanOrEqual(t[0]);
        expect(value, `${q.id}: ${said}`).toBeLessThanOrEqual(t[1]);
      }
    }
  } finally {
    walk.dispose();
  }
  console.log(`${lab.id}:\n  ${seen.join('\n  ')}`);
  expect(seen.length).toBe(Object.keys(taught).length);
}
