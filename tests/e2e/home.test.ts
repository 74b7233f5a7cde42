/**
 * Opens the built site in headless Chromium, served from a sub-path, as a student would.
 * Needs `npm run build` first (npm test builds before it runs the tests) and Chromium at
 * /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site } from './browser';

describe('the home page', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
    await site.page.goto(site.url);
  }, 60_000);

  afterAll(async () => site?.close());

  it('loads from a sub-path with every asset found and no console errors', async () => {
    await expect(site.page.title()).resolves.toBe('Edge Lab');
    await site.page.getByRole('heading', { name: 'Edge Lab' }).waitFor();
    expect(site.problems).toEqual([]);
  });

  it('lists the labs (none yet) and links to the sandbox', async () => {
    await site.page.getByRole('heading', { name: 'Guided labs' }).waitFor();
    await site.page.getByRole('link', { name: 'Open the classroom sandbox' }).waitFor();
  });

  it('explains a broken link instead of showing a blank page', async () => {
    await site.page.goto(`${site.url}#/sandbox?scale=huge&seed=-1`);
    const alert = site.page.getByRole('alert').first();
    await expect(alert.textContent()).resolves.toMatch(/scale “huge”[\s\S]*seed “-1”/);
    await site.page.getByRole('heading', { name: 'Sandbox' }).waitFor();
  });
});
