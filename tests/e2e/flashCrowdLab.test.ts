/**
 * The flash-crowd lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict the origin's rate by typing a number, watch the crowd run to
 * its end with the charts filling, be judged and read what was measured; no console errors on
 * the way. The whole lab is walked once, in presenter mode, by hallWalk.test.ts, which checks
 * at every step the answer revealed and what each run measured (flashCrowdFindings.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser';
import { answer, pressNext as next, stepDone, stepTitled as title } from './labPage';
import { FLASH_CROWD_FINDINGS } from './flashCrowdFindings';

describe('the flash-crowd lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be opened from the home page, and its first question predicted, run and judged', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /Flash crowds/ }).click();
    await title(page, 'A flash crowd');
    await next(page);

    await title(page, 'The origin alone');
    await answer(page, 400);
    await stepDone(page, 'flash-crowd', 'origin');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // The data table opens for a student (the hall walk counts its rows without a pointer).
    await page.getByText('Data table').first().click();
    await FLASH_CROWD_FINDINGS['The origin alone'].check(page);
    await next(page);
    await title(page, 'The same crowd through the CDN');
    expect(site.problems).toEqual([]);
  }, 600_000);
});
