/**
 * The fat-file lab as a student meets it, in headless Chromium against the built site: open it
 * from the home page, predict, watch the transfers run with the charts filling, read the Figure 2
 * table, the heat map and the three senders' maps since 2009, reach the last step; no console
 * errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';

/** Waits until the step's experiments have run (Next opens), and keeps a screenshot. */
const ready = (page: Page, shot: string, timeout = 60_000) =>
  stepDone(page, 'fat-file', shot, timeout);

const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

describe('the fat-file lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
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
    await ready(page, 'transfer', 120_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(number(await measured(page, 'fast retransmits'))).toBeGreaterThan(5);
    // The charts were drawn from the run's samples: the data table has rows.
    await page.getByText('Data table').first().click();
    expect(await page.locator('.charts table tbody tr').count()).toBeGreaterThan(5);
    await next(page);

    await title(page, 'Move the server');
    await answer(page, /10 to 200 times lower/);
    await ready(page, 'distance');
    const tokyo = number((await measured(page, 'Tokyo (10,800 km): measured')).split('(')[0]);
    expect(tokyo).toBeGreaterThan(0.2);
    expect(tokyo).toBeLessThan(0.6);
    await next(page);

    await title(page, 'Figure 2, simulated');
    await answer(page, 1.1);
    await ready(page, 'table', 90_000);
    await expect(
      page.locator('table.results caption', { hasText: 'Figure 2' }).count(),
    ).resolves.toBe(1);
    expect(await page.locator('table.results tbody tr').count()).toBe(4);
    const cross = number((await measured(page, 'cross-continent: simulated')).split('±')[0]);
    expect(cross).toBeGreaterThan(0.75);
    expect(cross).toBeLessThan(1.25);
    await next(page);

    await title(page, 'Loss versus latency');
    await answer(page, /Doubling the round trip/);
    await ready(page, 'heatmap', 90_000);
    expect(await page.locator('.heatmap rect').count()).toBe(36);
    expect(await page.locator('.heatmap circle').count()).toBe(4);
    await next(page);

    await title(page, 'Since 2009: SACK, CUBIC and BBR');
    await answer(page, /Close to the 50 Mbit\/s link/);
    await ready(page, 'today', 120_000);
    expect(await measured(page, 'multi-continent: with SACK')).toMatch(/bbr \d+(\.\d)? Mbit\/s/);
    // Each sender's sweep side by side (three maps of 16 cells), and the rows per sender.
    await expect(page.locator('.sweeps .map figcaption').allInnerTexts()).resolves.toEqual([
      'NewReno + SACK',
      'CUBIC + SACK',
      'BBR + SACK',
    ]);
    expect(await page.locator('.sweeps .map rect').count()).toBe(48);
    expect(await page.locator('table.rows tbody tr').count()).toBe(4);
    await page.screenshot({ path: `${SHOTS}/fat-file-today.png`, fullPage: true });
    await next(page);

    await title(page, 'The way out: a server near the user');
    await answer(page, /10 to 200 times lower/);
    await ready(page, 'edge');
    expect(await measured(page, 'Tokyo edge, file cached')).toMatch(/Mbit\/s/);
    await next(page);

    await title(page, 'What you saw');
    expect(site.problems).toEqual([]);
  }, 360_000);
});
