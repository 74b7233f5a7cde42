/**
 * What a student does with the time controls and the timeline, for end-to-end tests: read the
 * clock, play past a time and pause, click the timeline and wait for the run to arrive there.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

export const clock = (page: Page) => page.locator('.clock span').first().innerText();
export const slider = (page: Page) => page.getByRole('slider', { name: /Simulated time/ });
export const timeText = (text: string) => text.match(/^t = (.+?) of /)?.[1] ?? '';

/** Whether all of the element is inside the window, without scrolling. */
export async function onScreen(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  return (
    box !== null &&
    box.y >= 0 &&
    box.y + box.height <= view.height &&
    box.x + box.width <= view.width
  );
}

/**
 * Milliseconds in a clock reading such as "t = 1.234 s", "t = 12.500 ms" or (a rollout's
 * hours) "t = 1 h 12 min 3.000 s".
 */
export function clockMs(text: string): number {
  const m = text.match(/(?:(\d+) h )?(?:(\d+) min )?([\d.]+) (ms|s)$/);
  if (!m) throw new Error(`cannot read the clock: ${text}`);
  const [, h, min, x, unit] = m;
  return (
    Number(h ?? 0) * 3_600_000 + Number(min ?? 0) * 60_000 + Number(x) * (unit === 's' ? 1000 : 1)
  );
}

/**
 * Plays (unless the page already does) until the clock passes `ms`, then pauses. A lab's own
 * experiment may pause and play again between its phases: the pause is pressed until it holds.
 */
export async function playPast(page: Page, ms: number) {
  const play = page.getByRole('button', { name: 'Play', exact: true });
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await page
    .getByRole('button', { name: /^(Play|Pause)$/ })
    .and(page.locator(':enabled'))
    .waitFor({ timeout: 60_000 });
  if (await play.isVisible()) await play.click();
  await expect
    .poll(async () => clockMs(await clock(page)), { timeout: 60_000 })
    .toBeGreaterThan(ms);
  await expect
    .poll(
      async () => {
        if (await pause.isVisible()) await pause.click({ timeout: 1_000 }).catch(() => {});
        await page.waitForTimeout(200);
        return play.isVisible();
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/**
 * Waits until a trip on the timeline has ended (the slider is no longer busy: one asked for by a
 * key counts from the key) and the clock shows where the slider says.
 */
export async function arrived(page: Page): Promise<string> {
  await expect
    .poll(
      async () => {
        const where = timeText((await slider(page).getAttribute('aria-valuetext')) ?? '');
        return (
          (await slider(page).getAttribute('aria-busy')) !== 'true' &&
          (await clock(page)) === `t = ${where}` &&
          (await page.locator('.timeline .progress').count()) === 0
        );
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return clock(page);
}

/** Clicks the timeline at `fraction` of the run so far; returns the clock where it arrived. */
export async function clickTimeline(page: Page, fraction: number): Promise<string> {
  const box = (await slider(page).boundingBox())!;
  await page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  return arrived(page);
}
