/**
 * Every step of every lab, as a student on a laptop and as a lecturer projecting: the step's
 * stage and its question are on screen together without scrolling, the page never scrolls
 * sideways, nothing is written to the console as an error, and axe finds nothing, with every
 * disclosure open (the data tables, the topology list). Three set-ups, side by side, each in its
 * own browser context: a student at 1440×900 (standard theme), a lecturer at 1920×1080
 * (presenter mode, projector-light) and at 1280×720 (presenter mode, projector-dark). Steps are
 * opened by their links in one page per lab, as the browser's address bar would (the run is
 * rebuilt for each). This is the labs' accessibility audit: a11y.test.ts audits the rest.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { stagePanes } from '@lab/stage';
import { E2E_LABS } from './labs';
import { openSite, SHOTS, type Site } from './browser';
import { axeViolations, closeDetails, openAllDetails } from './axe';

interface Setup {
  name: string;
  width: number;
  height: number;
  theme: 'standard' | 'projector-light' | 'projector-dark';
  presenter: boolean;
  /**
   * The axe rules run at every step: all of them, or the contrast rule alone where another
   * set-up with the same markup (presenter mode at another size) has run them all.
   */
  axe: 'all' | 'contrast';
}

const SETUPS: Setup[] = [
  { name: 'student', width: 1440, height: 900, theme: 'standard', presenter: false, axe: 'all' },
  {
    name: 'hall-1080',
    width: 1920,
    height: 1080,
    theme: 'projector-light',
    presenter: true,
    axe: 'contrast',
  },
  {
    name: 'hall-720',
    width: 1280,
    height: 720,
    theme: 'projector-dark',
    presenter: true,
    axe: 'all',
  },
];

const titleOf = (s: Setup) => `as ${s.name} (${s.width}×${s.height}, ${s.theme})`;

/** Smallest box a stage pane may have and still show its view, px. */
const MIN_PANE = { width: 280, height: 200 };

/**
 * Whether the element is really on screen: inside the viewport and not hidden by a scrolled
 * container or anything drawn over it (the element or one of its own descendants is what the
 * page shows at its centre).
 */
async function onScreen(locator: Locator): Promise<string | null> {
  // The panel fits itself to the window again when the run's findings appear (a step whose
  // opening run ends within the settling time): allow it a moment before calling it off screen.
  for (let waited = 0; ; waited += 250) {
    const problem = await placement(locator);
    if (problem === null || waited >= 2_000) return problem;
    await locator.page().waitForTimeout(250);
  }
}

async function placement(locator: Locator): Promise<string | null> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return 'has no size';
    if (r.left < 0 || r.top < 0 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
      return `is outside the viewport (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(el === hit || el.contains(hit)))
      return `is covered by ${hit ? hit.tagName.toLowerCase() + '.' + hit.className : 'nothing'}`;
    return null;
  });
}

const PANES = '.lab-stage .pane:is(.first, .second):not([hidden])';

/** The shown panes' views, the first (larger) pane first. */
const inStageOrder = (els: Element[]) =>
  els
    .sort((a, b) => Number(b.classList.contains('first')) - Number(a.classList.contains('first')))
    .map((e) => (e as HTMLElement).dataset.view);

/**
 * Waits until the step's stage is drawn: the panes show the step's views, each with its view
 * loaded and given a size, the fonts are in, and two frames have been painted since (the
 * layout settled). A stage that never gets there is left to the checks that follow to report,
 * after at most five seconds.
 */
async function settled(page: Page, wanted: (string | undefined)[]): Promise<void> {
  const panes = page.locator(PANES);
  const drawn = (els: Element[]) =>
    els.every((e) => {
      const view = e.firstElementChild?.getBoundingClientRect();
      return view !== undefined && view.width > 0 && view.height > 0;
    });
  for (const end = Date.now() + 5_000; Date.now() < end; await page.waitForTimeout(50))
    if (
      (await panes.evaluateAll(inStageOrder)).join() === wanted.join() &&
      (await panes.evaluateAll(drawn))
    )
      break;
  await page.evaluate(async () => {
    await document.fonts.ready;
    for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
  });
}

/** Presenter mode and the theme, as a lecturer left them set before the lecture. */
async function settingsOf(context: BrowserContext, setup: Setup): Promise<void> {
  await context.addInitScript(
    ({ theme, presenter }) => {
      localStorage.setItem('edge-lab:theme', theme);
      if (theme !== 'standard') localStorage.setItem('edge-lab:projector-theme', theme);
      localStorage.setItem('edge-lab:presenter', presenter ? 'on' : 'off');
    },
    { theme: setup.theme, presenter: setup.presenter },
  );
}

describe('every step shows its stage and its question on one screen', { timeout: 900_000 }, () => {
  let site: Site;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    site = await openSite();
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await site?.close();
  });

  // The three set-ups at once, each in its own context: one waits for its rebuilt run while
  // another runs axe (145 s instead of 187 s on a busy two-core machine).
  for (const setup of SETUPS)
    it.concurrent(titleOf(setup), async ({ expect }) => {
      const context = await site.browser.newContext({
        viewport: { width: setup.width, height: setup.height },
      });
      contexts.push(context);
      await settingsOf(context, setup);
      const failures: string[] = [];
      const pageErrors: string[] = [];
      for (const lab of E2E_LABS) {
        const page = await context.newPage();
        page.on('pageerror', (e) => pageErrors.push(`${lab.id}: ${String(e)}`));
        page.on('console', (m) => {
          if (m.type() === 'error') pageErrors.push(`${lab.id}: console: ${m.text()}`);
        });
        await page.goto(`${site.url}#/lab/${lab.id}/${lab.steps[0].id}`);
        const shown = await page.evaluate(() => ({ ...document.documentElement.dataset }));
        expect(shown).toMatchObject({
          theme: setup.theme,
          presenter: setup.presenter ? 'on' : 'off',
        });
        for (const step of lab.steps) {
          const where = `${setup.name} ${lab.id}/${step.id}`;
          await page.evaluate((h) => (location.hash = h), `#/lab/${lab.id}/${step.id}`);
          await page
            .getByRole('heading', { name: step.title, exact: true })
            .waitFor({ timeout: 30_000 });
          const wanted = stagePanes(step).map((p) => p.view);
          await settled(page, wanted);

          // In the stage's order: the first (larger) pane, then the second.
          const panes = page.locator(PANES);
          const views = await panes.evaluateAll(inStageOrder);
          if (views.join() !== wanted.join())
            failures.push(`${where}: the stage shows ${views.join()} instead of ${wanted.join()}`);
          for (const view of views) {
            const pane = page.locator(`.lab-stage .pane[data-view="${view}"]`);
            const box = await pane.boundingBox();
            if (!box || box.width < MIN_PANE.width || box.height < MIN_PANE.height)
              failures.push(`${where}: pane ${view} is only ${box?.width}×${box?.height}`);
            const problem = await onScreen(pane);
            if (problem) failures.push(`${where}: pane ${view} ${problem}`);
          }

          if (step.question) {
            const card = page.locator('form.question');
            // A student answers with the Answer button; in a hall the class votes on the
            // choices and the remote reveals the answer, so the last choice must be in view.
            const last =
              step.question.kind === 'choice'
                ? card.locator('fieldset label').last()
                : card.locator('label.number');
            const checks: [string, Locator][] = [
              ['the question', card.locator('.prompt')],
              setup.presenter
                ? ['the last choice', last]
                : ['the answer button', card.getByRole('button', { name: /Answer|Change answer/ })],
            ];
            for (const [what, target] of checks) {
              const problem = await onScreen(target);
              if (problem) failures.push(`${where}: ${what} ${problem}`);
            }
          }
          const nav = page.getByRole('navigation', { name: 'Steps' });
          const navProblem = await onScreen(nav.getByRole('button', { name: 'Back' }));
          if (navProblem) failures.push(`${where}: Back ${navProblem}`);

          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - innerWidth,
          );
          if (overflow > 0) failures.push(`${where}: the page scrolls ${overflow} px sideways`);

          await page.screenshot({ path: `${SHOTS}/stage-${setup.name}-${lab.id}-${step.id}.png` });

          // axe with every disclosure open, so that the data tables and the topology list are
          // checked too; closed again so that the next step's layout is the student's.
          await openAllDetails(page);
          for (const v of await axeViolations(page, setup.axe))
            failures.push(
              `${where}: axe ${v.id} (${v.impact}) at ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join('; ')}`,
            );
          await closeDetails(page);
        }
        await page.close();
      }
      console.log(
        `${setup.name}: ${E2E_LABS.reduce((n, l) => n + l.steps.length, 0)} steps checked, ${failures.length} problems`,
      );
      expect(pageErrors).toEqual([]);
      expect(failures).toEqual([]);
    });
});
