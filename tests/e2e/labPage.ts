/** A student's moves on a lab page, shared by the labs' end-to-end tests. */
import type { Page } from 'playwright-core';
import { SHOTS } from './browser';

/**
 * Picks a choice (or types a number) and submits it. A step that has just opened may still
 * replace its question card once (the saved answer arriving): then the pick is made again.
 */
export async function answer(page: Page, choice: RegExp | number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (typeof choice === 'number') await page.getByLabel(/Your answer/).fill(String(choice));
      else await page.getByRole('radio', { name: choice }).check();
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.waitForTimeout(500);
    }
  }
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
}

/**
 * Waits until the step's experiment has done its work (Next opens). If it never does, keeps a
 * screenshot as `<stuckShot>.png` and fails with the panel's text and the clock.
 */
export async function waitForNext(page: Page, stuckShot: string, timeout = 120_000): Promise<void> {
  const button = page.getByRole('button', { name: 'Next', exact: true });
  try {
    await button.and(page.locator(':enabled')).waitFor({ timeout });
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}/${stuckShot}.png`, fullPage: true });
    const panel = await page
      .locator('aside')
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => '');
    const clock = await page
      .locator('.clock')
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => '');
    const body = panel || (await page.locator('body').innerText());
    throw new Error(`Next never opened (${clock}):\n${body.slice(0, 800)}`, { cause: e });
  }
}

export const pressNext = (page: Page) =>
  page.getByRole('button', { name: 'Next', exact: true }).click();

/** Waits for the step with this title. */
export const stepTitled = (page: Page, text: string) =>
  page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 30_000 });

/** Waits until the step's experiments have run (Next opens), then keeps `<lab>-<shot>.png`. */
export async function stepDone(page: Page, lab: string, shot: string, timeout = 150_000) {
  await waitForNext(page, `${lab}-stuck`, timeout);
  await page.screenshot({ path: `${SHOTS}/${lab}-${shot}.png`, fullPage: true });
}

/** The value the lab panel lists under a label of the step's measurements. */
export async function measured(page: Page, label: string): Promise<string> {
  const dt = page.locator('.findings dt', { hasText: label }).first();
  return (await dt.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

/**
 * A lab's checks by step title: the choice the revealed answer names (the one a student who
 * predicted well picks), and what the page shows once the step's experiment has run. Read-only,
 * so that a remote walk can check them without a pointer press.
 */
export type StepFindings = Record<
  string,
  /** `answer` left out where the revealed answer is a measured number, checked in-process */
  { answer?: RegExp; check: (page: Page) => Promise<void> }
>;
