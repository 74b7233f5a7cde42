/**
 * A lecturer runs each lab in a hall: presenter mode at a projector's 1280×720, projector-dark,
 * from the first step to the last with a presenter remote's PageDown and B alone (no other key,
 * no pointer). At every question the class's vote shows with the question on screen, and the
 * right answer, as the simulation measured it, is on screen before the lab goes on: the whole
 * verdict (the answer and why) inside the window and the panel's view, nothing drawn over it, no
 * scrolling needed. For the labs listed in FINDINGS this is the lab's one walk end to end: each
 * step's revealed answer and findings are checked here. (The fat-file lab's walk, with PageUp and axe as well, is in
 * presenter.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_LABS } from './labs';
import { openSite, type Site } from './browser';
import { stepTitled, type StepFindings } from './labPage';
import { ACCELERATION_FINDINGS } from './accelerationFindings';
import { FLASH_CROWD_FINDINGS } from './flashCrowdFindings';
import { MIDDLE_MILE_FINDINGS } from './middleMileFindings';
import { afterTheWalk, countPointerPresses, remoteWalk } from './remote';

/**
 * Whether the element's centre is what the page shows there (inside the window, uncovered),
 * allowing a moment for the panel to bring it into view.
 */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  for (let waited = 0; ; waited += 200) {
    const seen = await page
      .locator(selector)
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        if (r.bottom > innerHeight || r.right > innerWidth || r.top < 0) return false;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && (el === hit || el.contains(hit));
      });
    if (seen || waited >= 2_000) return seen;
    await page.waitForTimeout(200);
  }
}

/**
 * Why the verdict (the revealed answer and its explanation) is not all on screen, or null: its
 * box must be inside the window and inside every scrolled box around it, and the page must show
 * the verdict at its corners and at the centre of each line of its heading (a covering toast
 * or a clipped panel shows something else there). Allows the panel a moment to scroll.
 */
async function verdictHidden(page: Page): Promise<string | null> {
  for (let waited = 0; ; waited += 200) {
    const problem = await page
      .locator('.question .verdict')
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        const at = (x: number, y: number) => Math.round(x) + ',' + Math.round(y);
        if (r.height === 0) return 'has no size';
        if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth)
          return `is outside the window (${at(r.left, r.top)}–${at(r.right, r.bottom)})`;
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowY === 'visible') continue;
          const c = p.getBoundingClientRect();
          if (r.top < c.top - 1 || r.bottom > c.bottom + 1)
            return `is cut off by ${p.className} (${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(c.top)}–${Math.round(c.bottom)})`;
        }
        const points: [number, number][] = [
          [r.left + 3, r.top + 3],
          [r.right - 3, r.top + 3],
          [r.left + 3, r.bottom - 3],
          [r.right - 3, r.bottom - 3],
        ];
        for (const line of el.querySelector('strong')?.getClientRects() ?? [])
          points.push([line.left + line.width / 2, line.top + line.height / 2]);
        for (const [x, y] of points) {
          const hit = document.elementFromPoint(x, y);
          if (!hit || !(hit === el || el.contains(hit)))
            return `is covered at ${at(x, y)} by ${hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'}`;
        }
        return null;
      });
    if (problem === null || waited >= 2_000) return problem;
    await page.waitForTimeout(200);
  }
}

/**
 * The labs this walk is the one walk end to end of: their student files keep a first step, and
 * each step's answer and findings are checked here as the revealed answer shows.
 */
const FINDINGS: Record<string, StepFindings> = {
  acceleration: ACCELERATION_FINDINGS,
  'flash-crowd': FLASH_CROWD_FINDINGS,
  'middle-mile': MIDDLE_MILE_FINDINGS,
};

describe('each lab in a hall, with a presenter remote alone', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 60_000);
  afterAll(async () => site?.close());

  for (const lab of E2E_LABS.filter((l) => l.id !== 'fat-file'))
    it(`walks ${lab.title} from its first step to its last`, async () => {
      const context = await site.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(String(e)));
      await page.addInitScript(countPointerPresses);
      await page.addInitScript(() => localStorage.setItem('edge-lab:presenter', 'on'));
      await page.goto(`${site.url}#/lab/${lab.id}?theme=projector-dark`);
      await stepTitled(page, lab.steps[0].title);

      const hidden: string[] = [];
      const findings = FINDINGS[lab.id] ?? {};
      const findingsChecked: string[] = [];
      const started = Date.now();
      const walked = await remoteWalk(page, {
        stepTimeout: 240_000,
        onStage: async (stage, step) => {
          if (stage === 'voting' && !(await onScreen(page, '.question .prompt')))
            hidden.push(`${step.title}: the question is off screen during the vote`);
          if (stage === 'answered') {
            const problem = await verdictHidden(page);
            if (problem) hidden.push(`${step.title}: the revealed answer ${problem}`);
            const expected = findings[step.title];
            if (expected) {
              if (expected.answer) expect(step.answerShown, step.title).toMatch(expected.answer);
              await expected.check(page);
              findingsChecked.push(step.title);
            }
          }
        },
      });
      console.log(
        `remote walk of ${lab.id}: ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
          walked.map((s) => `${s.title}: ${s.said.length} said`).join('; '),
      );

      expect(walked.map((s) => s.title)).toEqual(lab.steps.map((s) => s.title));
      for (const step of walked.filter((s) => s.question)) {
        expect(step.voted, step.title).toBe(true);
        expect(step.answerShown, step.title).toMatch(/^The answer: /);
      }
      expect(hidden).toEqual([]);
      expect(findingsChecked).toEqual(Object.keys(findings));
      expect(await afterTheWalk(page)).toEqual({ overflow: 0, pointer: 0 });
      expect(problems).toEqual([]);
      await context.close();
    }, 1_200_000);
});
