/**
 * The timeline, as a student and a lecturer use it, in headless Chromium with real Web Workers:
 * in a lab and in the sandbox, play, click an earlier moment on the timeline, and find the
 * clock there and the run paused; step one event forward, and one back with Shift+S; go back
 * by the keyboard (J) too. Screenshots as a student (1440x900) and a presenter (projector-dark,
 * 1280x720), where the timeline must leave the lab step's heading and Next on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import {
  arrived,
  clickTimeline,
  clock,
  clockMs,
  onScreen,
  playPast,
  slider,
} from './timelineSteps';

async function goBackAndStep(page: Page, shot: string) {
  await playPast(page, 1500);
  const before = clockMs(await clock(page));
  const back = clockMs(await clickTimeline(page, 0.4));
  // About 40 % of the way, and paused there.
  expect(back).toBeGreaterThan(before * 0.3);
  expect(back).toBeLessThan(before * 0.5);
  expect(await page.getByRole('button', { name: 'Play', exact: true }).isVisible()).toBe(true);
  expect(await slider(page).getAttribute('aria-valuetext')).toMatch(/, paused/);
  await page.screenshot({ path: `${SHOTS}/${shot}-gone-back.png` });

  // One event forward, then one back: the run stands where it went back to.
  await page.getByRole('button', { name: 'Step event', exact: true }).click();
  await page.locator('.last-step').waitFor();
  const stepped = clockMs(await clock(page));
  expect(stepped).toBeGreaterThanOrEqual(back);
  await page.keyboard.press('Shift+S');
  await page.locator('.last-step').waitFor({ state: 'detached' });
  expect(clockMs(await arrived(page))).toBeLessThanOrEqual(stepped);

  // J goes back a step of the timeline's size, paused.
  await page.keyboard.press('j');
  await expect.poll(async () => clockMs(await arrived(page))).toBeLessThan(back);
}

describe('the timeline', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('takes the sandbox back to an earlier moment, paused, and steps from there', async () => {
    const { page } = site;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}#/sandbox`);
    await goBackAndStep(page, 'timeline-sandbox');
    expect(site.problems).toEqual([]);
  }, 180_000);

  it('takes a lab back, and leaves its step on screen for a student and a presenter', async () => {
    const { page } = site;
    await page.goto(`${site.url}#/lab/flash-crowd/intro`);
    await goBackAndStep(page, 'timeline-lab');
    expect(await onScreen(page, page.getByRole('button', { name: 'Next', exact: true }))).toBe(
      true,
    );

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${site.url}#/lab/flash-crowd/intro?theme=projector-dark`);
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.documentElement.dataset.presenter === 'on');
    await playPast(page, 1000);
    await clickTimeline(page, 0.5);
    await page.screenshot({ path: `${SHOTS}/timeline-lab-presenter.png` });
    expect(await onScreen(page, slider(page))).toBe(true);
    const heading = page.getByRole('heading', { name: 'A flash crowd', exact: true });
    expect(await onScreen(page, heading)).toBe(true);
    expect(await onScreen(page, page.getByRole('button', { name: 'Next', exact: true }))).toBe(
      true,
    );
    expect(site.problems).toEqual([]);
  }, 180_000);
});
