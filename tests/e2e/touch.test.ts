/**
 * Small screens and touch: a tablet held upright (768 × 1024, touch, mobile viewport) taps
 * through the first steps of the faulty-rollouts lab, and a touch Chromebook (1280 × 800)
 * opens the home page, the sandbox and every lab. On each page: nothing overflows sideways, no
 * control lies outside the screen's width, and every control is a target of at least 24 × 24 px.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ALL_LABS } from '../labFolders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, SHOTS, type Site } from './browser';

const TABLET: BrowserContextOptions = {
  viewport: { width: 768, height: 1024 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
};
const CHROMEBOOK: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  hasTouch: true,
};
const LAB_IDS = ALL_LABS.map((l) => l.id);
const MIN_TARGET_PX = 24;

/**
 * What is wrong with the page's layout for touch: the page wider than the screen, controls
 * (partly) off the side of it, and controls smaller than 24 × 24 px. Links inside running text
 * are exempt from the size rule (WCAG 2.5.8's inline exception), as are controls not shown.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    const pageWidth = document.documentElement.scrollWidth;
    if (pageWidth > width + 1)
      problems.push(`page is ${pageWidth} px wide on a ${width} px screen`);
    const describe = (el: Element) => {
      const label =
        el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
      const text = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
      const name = (text || label?.textContent || el.getAttribute('type') || '')
        .trim()
        .slice(0, 40);
      const cls = typeof el.className === 'string' && el.className ? `.${el.className}` : '';
      return `${el.tagName.toLowerCase()}${cls.split(' ')[0]} “${name}”`;
    };
    const controls = document.querySelectorAll(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex="0"]',
    );
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (a closed disclosure)
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // Scrolled boxes (the event log, wide tables) may hold controls beyond their edge.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') clipped = true;
      }
      if (!clipped && (box.left < -1 || box.right > width + 1))
        problems.push(
          `${describe(el)} reaches ${Math.round(box.left)}…${Math.round(box.right)} px`,
        );
      const inlineLink =
        el.tagName === 'A' && getComputedStyle(el).display === 'inline' && el.closest('p, li, dd');
      if (!inlineLink && (box.width < min - 0.5 || box.height < min - 0.5))
        problems.push(`${describe(el)} is ${box.width.toFixed(0)} × ${box.height.toFixed(0)} px`);
    }
    return problems;
  }, MIN_TARGET_PX);
}

async function touchPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

const title = (page: Page, text: string) =>
  page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 30_000 });

async function tapNextWhenOpen(page: Page, timeout = 90_000): Promise<void> {
  const next = page.getByRole('button', { name: 'Next', exact: true });
  await next.and(page.locator(':enabled')).waitFor({ timeout });
  await next.tap();
}

describe('touch and small screens', () => {
  let site: Site;
  const seen: Record<string, string[]> = {};

  beforeAll(async () => {
    site = await openSite();
  }, 60_000);

  afterAll(async () => {
    for (const [where, problems] of Object.entries(seen))
      console.log(`${where}: ${problems.length === 0 ? 'fine' : problems.join('; ')}`);
    await site?.close();
  });

  async function check(page: Page, where: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/touch-${where}.png`, fullPage: true });
    seen[where] = await layoutProblems(page);
  }

  it('taps through the first steps of a lab on a 768 px tablet', async () => {
    const page = await touchPage(site.browser, TABLET);
    await page.goto(site.url);
    await check(page, 'tablet-home');
    await page.getByRole('link', { name: /Faulty rollouts/ }).tap();
    await title(page, 'Shipping software to a live network');
    await page.waitForTimeout(1_000);
    await check(page, 'tablet-rollout-intro');
    // The topology as a list opens with a tap, down to one data centre's servers.
    await page.getByText('Regions, data centres and servers as a list').tap();
    await page.locator('.topology-list summary').first().tap();
    await page.locator('.topology-list button[aria-expanded]').first().tap();
    await expect(
      page.locator('.topology-list button[aria-pressed]').count(),
    ).resolves.toBeGreaterThan(0);
    await check(page, 'tablet-rollout-list');
    await tapNextWhenOpen(page);

    await title(page, 'A good release, phase by phase');
    const guess = page.getByLabel(/Your answer/);
    await guess.tap();
    await guess.fill('90');
    await page.getByRole('button', { name: 'Answer', exact: true }).tap();
    await page
      .getByRole('button', { name: 'Data table' })
      .or(page.getByText('Data table').first())
      .first()
      .tap();
    await check(page, 'tablet-rollout-good');
    await tapNextWhenOpen(page);

    await title(page, 'A bug that shows at once');
    await page.getByRole('radio', { name: /Phase one/ }).tap();
    await page.getByRole('button', { name: 'Answer', exact: true }).tap();
    await tapNextWhenOpen(page);
    await title(page, 'A bug that needs the whole network');
    await check(page, 'tablet-rollout-whole');

    // The last step, by its link.
    await page.goto(`${site.url}#/lab/phased-rollout/done`);
    await title(page, 'What you saw');
    await check(page, 'tablet-rollout-done');
    for (const where of Object.keys(seen).filter((w) => w.startsWith('tablet')))
      expect(seen[where], where).toEqual([]);
    expect(site.problems).toEqual([]);
  }, 300_000);

  it('fits every page on a 768 px tablet and a touch Chromebook', async () => {
    for (const [device, options] of [
      ['tablet', TABLET],
      ['chromebook', CHROMEBOOK],
    ] as const) {
      const page = await touchPage(site.browser, options);
      await page.goto(site.url);
      await page.getByRole('heading', { name: 'Guided labs' }).waitFor();
      await check(page, `${device}-home`);
      await page.goto(`${site.url}#/sandbox`);
      await page.getByRole('heading', { name: 'Sandbox' }).waitFor();
      await page.waitForTimeout(1_000);
      await check(page, `${device}-sandbox`);
      for (const id of LAB_IDS) {
        await page.goto(`${site.url}#/lab/${id}`);
        await page.locator('#step-title').waitFor({ timeout: 30_000 });
        await page.waitForTimeout(1_000);
        await check(page, `${device}-${id}`);
      }
      await page.context().close();
    }
    const problems = Object.entries(seen).filter(([, p]) => p.length > 0);
    expect(problems).toEqual([]);
  }, 300_000);
});
