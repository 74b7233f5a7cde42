/** axe-core as the end-to-end tests run it: WCAG 2.2 levels A and AA, and best practice. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * What axe finds wrong on the page as it is now. Legacy mode runs axe in the page alone: the
 * default finishes every run in a blank page of its own, which took two thirds of the stage
 * check's time (about 1.5 s a run instead of 3.5 to 5.5 s on a busy two-core machine), for the
 * same rules and results. It leaves out cross-origin iframes, and the site has none.
 */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .setLegacyMode(true)
    .analyze();
  return results.violations;
}
