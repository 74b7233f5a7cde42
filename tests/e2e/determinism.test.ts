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

  /**
   * Single events, not windows: a window is as long as the lookahead, which depends on how the
   * world is split, while the n earliest events are the same events however it is split.
   */
  async function digestAfterEvents(workers: number, events: number): Promise<string> {
    const { page } = site;
    await page.goto(`${site.url}#/sandbox?scale=classroom&seed=11&workers=${workers}`);
    const step = page.getByRole('button', { name: 'Step event' }).and(page.locator(':enabled'));
    await step.waitFor({ timeout: 60_000 });
    for (let i = 0; i < events; i++) await step.click();
    await page.getByText(`${events} events run`).waitFor();
    return (await page.locator('.digest').textContent()) ?? '';
  }

  it('gives the same trace digest with 1 and 2 workers', async () => {
    const one = await digestAfterEvents(1, 150);
    const two = await digestAfterEvents(2, 150);
    expect(one).toMatch(/^[0-9a-f]{16}-150$/);
    expect(two).toBe(one);
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 120_000);
});
