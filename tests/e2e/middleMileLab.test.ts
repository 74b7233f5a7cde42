/**
 * The middle-mile lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict how many server pairs a relay beats, predict the cut, watch it
 * and rerun it with another MRAI (a control only a student moves), be judged and read what each
 * run measured; no console errors on the way. The whole lab is walked once, in presenter mode,
 * by hallWalk.test.ts, which checks at every step the answer revealed and what each run measured
 * (middleMileFindings.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';
import { MIDDLE_MILE_FINDINGS, number } from './middleMileFindings';

/** Predicts the step's answer, waits for its run, checks the judgement and the findings. */
async function predictAndRead(page: Page, step: string, shot: string): Promise<void> {
  await title(page, step);
  const findings = MIDDLE_MILE_FINDINGS[step];
  await answer(page, findings.answer!);
  await stepDone(page, 'middle-mile', shot, 120_000);
  await expect(page.getByText('Right.').count()).resolves.toBe(1);
  await findings.check(page);
}

describe('the middle-mile lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be opened from the home page, its first questions predicted and judged, the cut rerun', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /The middle mile/ }).click();
    await title(page, 'Thirteen networks and BGP');
    await next(page);

    await predictAndRead(page, 'BGP is blind to delay', 'blind');
    await next(page);

    await predictAndRead(page, 'A cable cut', 'cut');
    // The MRAI control reruns the cut beside the judged run.
    await page.getByRole('slider', { name: /MRAI/ }).fill('0');
    await page
      .locator('.findings dt', { hasText: "rerun: last UPDATE about London's prefix" })
      .waitFor({ timeout: 60_000 });
    expect(number(await measured(page, "rerun: last UPDATE about London's prefix"))).toBeLessThan(
      1,
    );
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await next(page);
    await title(page, 'Two big networks stop peering');
    expect(site.problems).toEqual([]);
  }, 360_000);
});
