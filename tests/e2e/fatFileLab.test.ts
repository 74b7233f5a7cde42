/**
 * The fat-file lab as a student meets it, in headless Chromium against the built site: open it
 * from the home page, predict the first transfer, watch it in slow motion with the charts
 * filling, be judged and read what was measured; no console errors on the way. The rest of the
 * lab is walked once, in presenter mode, by presenter.test.ts's remote walk, which checks each
 * step's findings, the Figure 2 table, the heat map and the three senders' maps since 2009 there
 * (fatFileFindings.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, SHOTS, type Site } from './browser';
import { answer, pressNext as next, stepDone, stepTitled as title } from './labPage';
import { FAT_FILE_FINDINGS } from './fatFileFindings';

describe('the fat-file lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be opened from the home page, and its first transfer predicted, watched and judged', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /The fat-file paradox/ }).click();
    await title(page, 'A fat file on a thin pipe?');
    await next(page);

    await title(page, 'One transfer, packet by packet');
    await answer(page, /halves the window/);
    // Slow motion: segments and ACKs are drawn in the sequence diagram as they cross.
    await page
      .locator('[data-testid="sequence-diagram"] .msg')
      .first()
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/fat-file-slow-motion.png`, fullPage: true });
    await stepDone(page, 'fat-file', 'transfer', 120_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await FAT_FILE_FINDINGS['One transfer, packet by packet'](page);
    // The charts were drawn from the run's samples: the data table has rows.
    await page.getByText('Data table').first().click();
    expect(await page.locator('.charts table tbody tr').count()).toBeGreaterThan(5);
    await next(page);
    await title(page, 'Move the server');
    expect(site.problems).toEqual([]);
  }, 360_000);
});
