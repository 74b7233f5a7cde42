/**
 * The acceleration lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict the four ways of using connections, be judged and read what the
 * run measured in the findings and the waterfall; no console errors on the way. The whole lab is
 * walked once, in presenter mode, by hallWalk.test.ts, which checks at every step the answer
 * revealed and what each run measured (accelerationFindings.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser';
import { answer, pressNext as next, stepDone, stepTitled as title } from './labPage';
import { ACCELERATION_FINDINGS } from './accelerationFindings';

describe('the acceleration lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be opened from the home page, and its first question predicted, run and judged', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /Making the uncacheable fast/ }).click();
    await title(page, 'The page that cannot be cached');
    await next(page);

    await title(page, 'One connection or many');
    const first = ACCELERATION_FINDINGS['One connection or many'];
    await answer(page, first.answer!);
    await stepDone(page, 'acceleration', 'connections', 120_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await first.check(page);
    await next(page);
    await title(page, 'An edge with warm connections');
    expect(site.problems).toEqual([]);
  }, 480_000);
});
