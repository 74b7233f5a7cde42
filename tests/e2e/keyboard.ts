/**
 * A student or lecturer with the keyboard alone (Tab, Enter, Space, arrows and the shortcuts):
 * the moves shared by the end-to-end tests that use a lab without a pointer.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForNext } from './labPage';

/** What has keyboard focus, as a short description for matching and for failure messages. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const type = el.getAttribute('type');
    const label = el.closest('label')?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}${type ? `[${type}]` : ''} ${label.trim().replace(/\s+/g, ' ').slice(0, 80)}`;
  });

let presses = 0;
/** How many times tabTo has pressed Tab so far (what a keyboard walk costs its user). */
export const tabPresses = () => presses;

/**
 * Presses Tab until the focused element matches; fails (naming the elements passed) if it takes
 * more than `limit` presses, which is how a keyboard trap or a missing control shows.
 */
export async function tabTo(page: Page, wanted: RegExp, limit = 80): Promise<void> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    presses++;
    const now = await focused(page);
    if (wanted.test(now)) return;
    passed.push(now);
  }
  throw new Error(`Tab never reached ${wanted} in ${limit} presses:\n${passed.join('\n')}`);
}

/** Answers a choice question by keyboard: Tab into the radio group, arrows to the choice, Enter on Answer. */
export async function chooseByKeys(page: Page, choice: RegExp): Promise<void> {
  await tabTo(page, /^input\[radio\]/);
  const count = await page.locator('.question input[type="radio"]').count();
  for (let i = 0; i <= count && !choice.test(await focused(page)); i++)
    await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatch(choice);
  // Arrows move and check; Space makes sure the focused one is checked even if it was first.
  await page.keyboard.press('Space');
  await tabTo(page, /^button(\[submit\])? (Answer|Change answer)$/, 5);
  await page.keyboard.press('Enter');
}

/** Answers a number question by keyboard: Tab to the field, type, Enter submits. */
export async function typeAnswer(page: Page, value: number): Promise<void> {
  await tabTo(page, /^input Your answer/);
  await page.keyboard.type(String(value));
  await page.keyboard.press('Enter');
}

/** Answers the step's question by keyboard: a choice, or a number typed. */
export const answerByKeys = (page: Page, choice: RegExp | number) =>
  typeof choice === 'number' ? typeAnswer(page, choice) : chooseByKeys(page, choice);

/**
 * Waits for the step's experiment, then the → key (the shortcut) goes on. In a text field →
 * moves the caret instead, as it should: Tab out of it first.
 */
export async function nextByKey(page: Page, stuckShot: string, timeout = 150_000): Promise<void> {
  await waitForNext(page, stuckShot, timeout);
  if (/^input/.test(await focused(page))) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
}
