/** axe-core as the end-to-end tests run it: WCAG 2.2 levels A and AA, and best practice. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * What axe finds wrong on the page as it is now: every rule, or (`contrast`) the one rule whose
 * verdict depends on the theme's colours alone, for a page whose markup another run has checked
 * (about half the time of all rules).
 *
 * axe runs in the page itself, as @axe-core/playwright's legacy mode runs it (its default
 * finishes every run in a blank page of its own), but is put into a document once, not on every
 * call: the builder evaluated axe's 550 KB source twice per run, which took longer than the
 * run (on a lab step, 1.1-2.4 s a call against 0.3-0.8 s for the run alone). A step opened by
 * its link is the same document, so a lab's steps share one copy. Only the violations come
 * back: the passes' nodes are what made a result slow to hand over. No cross-origin iframes are
 * audited, and the site has none.
 */
export async function axeViolations(
  page: Page,
  rules: 'all' | 'contrast' = 'all',
): Promise<Result[]> {
  const hasAxe = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!hasAxe) {
    await page.evaluate(AXE_SOURCE);
    await page.evaluate(() =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.configure({
        allowedOrigins: ['<same_origin>'],
      }),
    );
  }
  const options: RunOptions = {
    runOnly:
      rules === 'contrast'
        ? { type: 'rule', values: ['color-contrast'] }
        : { type: 'tag', values: TAGS },
    resultTypes: ['violations'],
  };
  return page.evaluate(
    async (opts) =>
      (
        (await (window as unknown as { axe: typeof import('axe-core') }).axe.run(
          document,
          opts,
        )) as AxeResults
      ).violations,
    options,
  );
}

/**
 * Opens every closed disclosure (one pass per nesting level, a nested one appears only once
 * its parent is open), so that what it hides is checked too. Each is marked so that
 * `closeDetails` can put the page back as the student had it.
 */
export async function openAllDetails(page: Page): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const now = await page.evaluate(async () => {
      let n = 0;
      for (const d of document.querySelectorAll('details:not([open])')) {
        (d as HTMLDetailsElement).open = true;
        d.setAttribute('data-opened-for-axe', '');
        n++;
      }
      // A component may draw what a disclosure holds only once it is opened (its toggle event).
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      return n;
    });
    if (now === 0) break;
  }
}

/** Closes the disclosures `openAllDetails` opened. */
export async function closeDetails(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details[data-opened-for-axe]')) {
      (d as HTMLDetailsElement).open = false;
      d.removeAttribute('data-opened-for-axe');
    }
  });
}
