/**
 * The faulty-rollouts lab as a student meets it, in headless Chromium against the built site:
 * open it from the home page, predict, watch each release spread over the fleet panel and end,
 * read what was measured, run the hundred releases per plan, reach the last step; no console
 * errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';

/** Waits until the step's experiments have run (Next opens), and keeps a screenshot. */
const ready = (page: Page, shot: string, timeout = 60_000) =>
  stepDone(page, 'phased-rollout', shot, timeout);

const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

describe('the faulty-rollouts lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /Faulty rollouts/ }).click();
    await title(page, 'Shipping software to a live network');
    // The fleet panel draws every edge server (the stage's views load after the step's text).
    await expect.poll(() => page.locator('.fleet .sv').count(), { timeout: 30_000 }).toBe(600);
    await next(page);

    await title(page, 'A good release, phase by phase');
    await answer(page, 90);
    // Mid-release: some servers run the new version, most do not yet.
    await page.locator('.timeline rect').nth(2).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/phased-rollout-spreading.png`, fullPage: true });
    expect(await page.locator('.fleet .sv.new').count()).toBeGreaterThan(0);
    await ready(page, 'good');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await page.locator('.fleet .sv.new').count()).toBe(600);
    expect(await measured(page, 'outcome')).toMatch(/^shipped/);
    await page.getByText('Data table').first().click();
    expect(await page.locator('.rollout table tbody tr').count()).toBe(4);
    await next(page);

    await title(page, 'A bug that shows at once');
    await answer(page, /Phase one/);
    await ready(page, 'instant');
    expect(await measured(page, 'outcome')).toMatch(/aborted in phase 1 .*long sleep/);
    expect(await measured(page, 'crashes / restarts / long sleeps')).toMatch(/^3 \/ \d+ \/ 1$/);
    // Rolled back: every server runs the old version again (the sleeper shows as asleep).
    expect(await page.locator('.fleet .sv.new').count()).toBe(0);
    // The event log has the rollout's own events (it sends no network messages): found by the
    // search, which reads each row's words.
    await page.getByRole('button', { name: 'Event log', exact: true }).click();
    const log = page.locator('[data-view="event-log"] .event-log');
    const rows = log.locator('tbody tr:not([aria-hidden])');
    const search = log.getByRole('searchbox', { name: 'Search' });
    for (const words of ['server crashed', 'put to a long sleep', 'FAILED', 'rolls back']) {
      await search.fill(words);
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      for (const r of await rows.allInnerTexts()) expect(r).toContain(words);
    }
    await page.screenshot({ path: `${SHOTS}/phased-rollout-event-log.png`, fullPage: true });
    await search.fill('');
    await page.getByRole('button', { name: 'This step', exact: true }).click();
    await next(page);

    await title(page, 'A bug that needs the whole network');
    await answer(page, /The last phase/);
    await ready(page, 'scale');
    expect(await measured(page, 'outcome')).toMatch(/aborted in phase world/);
    expect(number(await measured(page, 'servers that crashed'))).toBeGreaterThan(5);
    await next(page);

    await title(page, 'A request of death');
    await answer(page, /At most the customer/);
    await ready(page, 'rod', 90_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    const off = number(await measured(page, 'without quarantine: servers that crashed'));
    const on = number(await measured(page, 'with quarantine: servers that crashed'));
    expect(off).toBeGreaterThan(10 * on);
    expect(on).toBeLessThanOrEqual(4);
    await next(page);

    await title(page, 'A hundred releases');
    await answer(page, /More: bugs/);
    await ready(page, 'stats', 90_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // Three presets, the student's own plan (four phases, 1 h soak to start with), the paper.
    expect(await page.locator('.plans figure').count()).toBe(5);
    expect(await measured(page, 'four phases, 1 h soak: aborts by phase')).toMatch(/^1: \d+/);
    // A plan of one's own: two phases. The same releases run again under it.
    await page.getByLabel(/Your plan: phases/).fill('2');
    await page.getByText(/your plan \(1,world, 1 h soak\): aborts by phase/).waitFor();
    expect(await measured(page, 'your plan (1,world, 1 h soak): aborts by phase')).toMatch(
      /^1: \d+/,
    );
    await page.getByText('Data table').last().click();
    await page.screenshot({ path: `${SHOTS}/phased-rollout-stats-table.png`, fullPage: true });
    await next(page);

    await title(page, 'What you saw');
    expect(site.problems).toEqual([]);
  }, 150_000);

  it('lets the student abort a release by hand, and the model rolls it back', async () => {
    // At watching speed, in a context of its own: the button is there only while the release
    // spreads, which at the walks' speed can end before a click lands.
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    // The good release again, opened by its link.
    await page.goto(`${site.url}#/lab/phased-rollout/good`);
    await title(page, 'A good release, phase by phase');
    await answer(page, 90);
    const abort = page.getByRole('button', { name: 'Abort the rollout' });
    await abort.waitFor({ timeout: 60_000 });
    await abort.click();
    await page.getByText(/Aborted at .* aborted by hand/).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/phased-rollout-abort.png`, fullPage: true });
    // Rolled back: no server keeps the aborted release.
    await expect.poll(() => page.locator('.fleet .sv.new').count(), { timeout: 20_000 }).toBe(0);
    expect(problems).toEqual([]);
    expect(site.problems).toEqual([]);
    await context.close();
  }, 120_000);
});
