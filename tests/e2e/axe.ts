/** axe-core as the end-to-end tests run it: WCAG 2.2 levels A and AA, and best practice. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What axe finds wrong on the page as it is now: every rule, or (`contrast`) the one rule whose
 * verdict depends on the theme's colours alone, for a page whose markup another run has checked
 * (about half the time of all rules). Legacy mode runs axe in the page alone: the
 * default finishes every run in a blank page of its own, which took two thirds of the stage
 * check's time (about 1.5 s a run instead of 3.5 to 5.5 s on a busy two-core machine), for the
 * same rules and results. It leaves out cross-origin iframes, and the site has none.
 */
export async function axeViolations(page: Page, rules: 'all' | 'contrast' = 'all') {
  const builder = new AxeBuilder({ page });
  if (rules === 'contrast') builder.withRules(['color-contrast']);
  else builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']);
  const results = await builder.setLegacyMode(true).analyze();
  return results.violations;
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
