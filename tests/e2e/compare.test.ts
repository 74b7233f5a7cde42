/**
 * Forking and comparing two runs in the sandbox, in headless Chromium with real Web Workers:
 * play, go back on the timeline, change the load there and find the fork told; compare by the
 * keyboard, play on, and find both runs on the charts (the other run's series in the data table,
 * with values at the same simulated times) and their differences in words; then discard the
 * other run. Screenshots as a student (1440x900) and a presenter (projector-dark, 1280x720).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { clickTimeline, clockMs, clock, onScreen, playPast } from './timelineSteps';

/** The data table of a chart (in the page, open or not): its header and rows as text. */
async function chartTable(page: Page, title: string) {
  const table = page.locator('figure.chart').filter({ hasText: title }).locator('details table');
  const header = await table.locator('thead th').allTextContents();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? '')));
  return { header, rows };
}

async function forkAndCompare(page: Page, shot: string) {
  await playPast(page, 3000);
  const back = clockMs(await clickTimeline(page, 0.4));
  // Three, then ten times the load, from the moment gone back to: the run forks, and differs
  // from its earlier future by the last change.
  const load = page.getByRole('slider', { name: /Request load/ });
  await load.fill('0.5');
  await load.fill('1');
  const panel = page.getByRole('region', { name: 'You changed the run at an earlier moment' });
  await panel.waitFor({ timeout: 30_000 });
  expect(await panel.getByRole('status').innerText()).toMatch(/forked at .* kept as another run/);

  // By the keyboard: the compare button takes focus and Enter presses it.
  await panel.getByRole('button', { name: 'Compare the two runs' }).focus();
  await page.keyboard.press('Enter');
  const comparing = page.getByRole('region', { name: 'Comparing two runs' });
  await comparing.waitFor();
  // The charts come into view (on a projector the map above them fills the column).
  const chart = page.locator('figure.chart').filter({ hasText: 'Requests per second' });
  await expect.poll(() => onScreen(page, chart)).toBe(true);
  await expect
    .poll(() => page.locator('.runs').innerText())
    .toMatch(/with your change at [\d.]+ s: load ×10[\s\S]*as before/);

  await playPast(page, back + 1500);
  const differences = comparing.locator('.differences');
  await differences.waitFor({ timeout: 60_000 });
  await expect
    .poll(() => differences.innerText(), { timeout: 60_000 })
    .toMatch(/since the change: requests [\d,]+\/s against [\d,]+\/s.* as before\./);

  // Two series on one chart, both with values at the same simulated times (one row each): the
  // table shows the latest points, which the other run reaches once the paused run waits for it.
  const bothValued = async () => {
    const table = await chartTable(page, 'Requests per second');
    expect(table.header).toEqual(['t (s)', 'requests/s', 'requests/s, as before']);
    return table.rows.filter((r) => r[1] !== '—' && r[2] !== '—');
  };
  await expect
    .poll(async () => (await bothValued()).length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  const both = await bothValued();
  await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  const last = both[both.length - 1].map((v) => Number(v.replace(/,/g, '')));
  expect(last[1]).toBeGreaterThan(last[2] * 3);
  return clockMs(await clock(page));
}

describe('forking and comparing two runs', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('in the sandbox: fork at an earlier moment, compare, read the differences, discard', async () => {
    const { page } = site;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}#/sandbox`);
    await forkAndCompare(page, 'compare-sandbox');

    await page.getByRole('button', { name: 'Discard the other run' }).click();
    await page.locator('.fork').waitFor({ state: 'detached' });
    expect(await page.locator('.runs').count()).toBe(0);
    expect((await chartTable(page, 'Requests per second')).header).toEqual(['t (s)', 'requests/s']);
    expect(site.problems).toEqual([]);
  }, 240_000);

  it('reads on a projector, in presenter mode', async () => {
    const { page } = site;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${site.url}#/sandbox?theme=projector-dark`);
    await page.evaluate(() => localStorage.setItem('edge-lab:presenter', 'on'));
    await page.reload();
    await forkAndCompare(page, 'compare-sandbox-presenter');
    expect(site.problems).toEqual([]);
  }, 240_000);
});
