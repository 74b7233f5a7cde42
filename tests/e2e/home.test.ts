/**
 * Opens the built site in headless Chromium, served from a sub-path, as a student would.
 * Needs `npm run build` first (npm test builds before it runs the tests) and Chromium at
 * /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser';
import { LABS } from '../../src/ui/labsList';

describe('the home page', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
    await site.page.goto(site.url);
  }, 60_000);

  afterAll(async () => site?.close());

  it('loads from a sub-path with every asset found and no console errors', async () => {
    await expect(site.page.title()).resolves.toBe('Edge Lab');
    await site.page.getByRole('heading', { name: 'Edge Lab' }).waitFor();
    expect(site.problems).toEqual([]);
  });

  it('suggests where to start, lists the labs with their goals, and links to the sandbox', async () => {
    const { page } = site;
    await page.getByRole('heading', { name: 'Where to start' }).waitFor();
    await page.getByRole('link', { name: `Start: ${LABS[0].title}` }).waitFor();
    await page.getByRole('heading', { name: 'Guided labs' }).waitFor();
    for (const lab of LABS) await page.getByText(lab.goals[0]).waitFor();
    await expect(page.getByText('Not started').count()).resolves.toBe(LABS.length);
    await page.getByRole('link', { name: 'Open the classroom sandbox' }).waitFor();
  });

  it('shows the progress a lab saved, and suggests the next lab once one is finished', async () => {
    const { page } = site;
    const [first, second] = LABS;
    await page.evaluate(
      ([a, b]) => {
        const save = (id: string, stepId: string, answers: object) =>
          localStorage.setItem(
            `edge-lab:progress:${id}`,
            JSON.stringify({ format: 1, stepId, answers }),
          );
        save(a.id, a.stepIds.at(-1)!, { [a.question]: a.answer });
        save(b.id, b.stepIds[2], {});
      },
      [
        { id: first.id, stepIds: first.stepIds, question: 'cold-count', answer: '4' },
        { id: second.id, stepIds: second.stepIds, question: '', answer: '' },
      ] as const,
    );
    await page.reload();
    await page.getByText(`Finished · 1 of ${first.questions} questions answered`).waitFor();
    await page
      .getByText(`Step 3 of ${second.stepIds.length} · 0 of ${second.questions} questions answered`)
      .waitFor();
    await page.getByRole('link', { name: `Continue: ${second.title}` }).waitFor();
    await page.evaluate(() => localStorage.clear());
  });

  it('explains a broken link instead of showing a blank page', async () => {
    await site.page.goto(`${site.url}#/sandbox?scale=huge&seed=-1`);
    const alert = site.page.getByRole('alert').first();
    await expect(alert.textContent()).resolves.toMatch(/scale “huge”[\s\S]*seed “-1”/);
    await site.page.getByRole('heading', { name: 'Sandbox' }).waitFor();
  });
});
