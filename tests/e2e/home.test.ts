/**
 * Opens the built site in headless Chromium, served from a sub-path, as a student would.
 * Needs `npm run build` first (npm test builds before it runs the tests) and Chromium at
 * /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './staticServer';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe('the built site', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync('dist/index.html'))
      throw new Error('dist/ is missing: run `npm run build` first');
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
    server = await serveStatic('dist', '/courses/cdn/edge-lab/');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads from a sub-path with every asset found and no console errors', async () => {
    await expect(page.title()).resolves.toBe('Edge Lab');
    await page.getByRole('heading', { name: 'Edge Lab' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the classroom network counted by the simulation core', async () => {
    const servers = await page
      .getByRole('row', { name: /Edge servers/ })
      .locator('td')
      .textContent();
    expect(Number(servers)).toBeGreaterThan(0);
    const nodes = await page
      .getByRole('row', { name: /Nodes in all/ })
      .locator('td')
      .textContent();
    expect(Number(nodes)).toBeGreaterThanOrEqual(30);
  });

  it('explains a bad seed instead of failing, and keeps the last good network', async () => {
    await page.getByLabel('Seed').fill('-4');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/whole number/);
    await expect(page.locator('caption').textContent()).resolves.toMatch(/seed 1$/);
    await page.getByLabel('Seed').fill('7');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect(page.locator('caption').textContent()).resolves.toMatch(/seed 7$/);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
