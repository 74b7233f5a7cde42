/**
 * What the fat-file lab's pages show once each step's experiment has run (Next open), by step
 * title: checked by the lab's one walk end to end (presenter.test.ts's remote walk), at the
 * moment the revealed answer is on screen. Reads the page only, so that the remote walk stays
 * free of pointer presses.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { SHOTS } from './browser';
import { measured } from './labPage';

/** A finding's number (`0.41 Mbit/s (…)` → 0.41). */
const number = (s: string) => Number(s.replace(/[^\d.]/g, ''));

export const FAT_FILE_FINDINGS: Record<string, (page: Page) => Promise<void>> = {
  'One transfer, packet by packet': async (page) => {
    expect(number(await measured(page, 'fast retransmits'))).toBeGreaterThan(5);
  },
  'Move the server': async (page) => {
    const tokyo = number((await measured(page, 'Tokyo (10,800 km): measured')).split('(')[0]);
    expect(tokyo).toBeGreaterThan(0.2);
    expect(tokyo).toBeLessThan(0.6);
  },
  'Figure 2, simulated': async (page) => {
    await expect(
      page.locator('table.results caption', { hasText: 'Figure 2' }).count(),
    ).resolves.toBe(1);
    expect(await page.locator('table.results tbody tr').count()).toBe(4);
    const cross = number((await measured(page, 'cross-continent: simulated')).split('±')[0]);
    expect(cross).toBeGreaterThan(0.75);
    expect(cross).toBeLessThan(1.25);
  },
  'Loss versus latency': async (page) => {
    expect(await page.locator('.heatmap rect').count()).toBe(36);
    expect(await page.locator('.heatmap circle').count()).toBe(4);
  },
  'Since 2009: SACK, CUBIC and BBR': async (page) => {
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
  },
  'The way out: a server near the user': async (page) => {
    expect(await measured(page, 'Tokyo edge, file cached')).toMatch(/Mbit\/s/);
  },
};
