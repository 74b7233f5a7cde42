/**
 * The flash-crowd lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict, watch each crowd run to its end with the charts filling, read
 * what was measured, reach the last step; no console errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';

/** Waits until the step's experiments have run (Next opens), and keeps a screenshot. */
const ready = (page: Page, shot: string, timeout = 150_000) =>
  stepDone(page, 'flash-crowd', shot, timeout);

describe('the flash-crowd lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /Flash crowds/ }).click();
    await title(page, 'A flash crowd');
    await next(page);

    await title(page, 'The origin alone');
    await answer(page, 400);
    await ready(page, 'origin');
    // c·μ = 8 workers / 20 ms = 400 requests/s, measured as what the full origin took in.
    const taken = Number((await measured(page, 'taken in while fully busy')).replace(/[^\d]/g, ''));
    expect(taken).toBeGreaterThan(340);
    expect(taken).toBeLessThan(460);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // The charts were drawn from the run's seconds: the data table has rows.
    await page.getByText('Data table').first().click();
    expect(await page.locator('.charts table tbody tr').count()).toBeGreaterThan(5);
    await next(page);

    await title(page, 'The same crowd through the CDN');
    await answer(page, /A small share \(2 to 15 %\)/);
    await ready(page, 'cdn');
    expect(await measured(page, 'hit ratio')).toMatch(/%$/);
    await next(page);

    await title(page, 'Parent caches');
    await answer(page, /stays about the same/);
    await ready(page, 'parents');
    expect(await measured(page, '5 with 3 parents: reaching the origin')).toMatch(/\/s$/);
    await next(page);

    await title(page, 'One hot object');
    await answer(page, /queues them/);
    await ready(page, 'hot', 200_000);
    expect(Number(await measured(page, 'most servers per object'))).toBeGreaterThanOrEqual(2);
    await next(page);

    await title(page, 'Pages the edge cannot keep');
    await answer(page, /stays about the same/);
    await ready(page, 'uncacheable');
    await next(page);

    await title(page, 'How many servers?');
    await answer(page, 5);
    // Arithmetic, judged as such: "the answer is", not "the simulation measured".
    await page.getByText(/The answer is 5 servers\./).waitFor();
    await ready(page, 'capacity');
    expect(await measured(page, 'delivered at the peak')).toMatch(/Gbit\/s$/);
    // Beside it, what the run measured: the servers that really carry the crowd.
    expect(await measured(page, 'measured: edge servers carrying')).toMatch(/^\d+ of \d+$/);
    await next(page);

    await title(page, 'What you saw');
    expect(site.problems).toEqual([]);
  }, 600_000);
});
