/**
 * In the browser, with real Web Workers: the same scenario and seed give the same trace digest
 * with 1 and 2 workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser';

describe('a sandbox run in Web Workers', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
  }, 120_000);

  afterAll(async () => site?.close());

  async function digestAfterWindows(workers: number, windows: number): Promise<string> {
    const { page } = site;
    await page.goto(`${site.url}#/sandbox?scale=classroom&seed=11&workers=${workers}`);
    await page
      .getByRole('button', { name: 'Step window' })
      .and(page.locator(':enabled'))
      .waitFor({ timeout: 60_000 });
    for (let i = 0; i < windows; i++) {
      await page.getByRole('button', { name: 'Step window' }).and(page.locator(':enabled')).click();
    }
    await page.getByText(`${windows} windows`).waitFor();
    return (await page.locator('.digest').textContent()) ?? '';
  }

  it('gives the same trace digest with 1 and 2 workers', async () => {
    const one = await digestAfterWindows(1, 60);
    const two = await digestAfterWindows(2, 60);
    expect(one).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(Number(one.split('-')[1])).toBeGreaterThan(20);
    expect(two).toBe(one);
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 120_000);
});
