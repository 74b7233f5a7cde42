/**
 * axe-core on the built site: the home page and the sandbox in each theme, with every <details>
 * opened so that the data tables and the topology list are checked too. No serious or critical
 * violation may remain; the full tally by impact is printed for the report. Every step of every
 * lab is audited by the stage check (stages.test.ts), in each theme as a student or a lecturer
 * sets it, with its disclosures open, and there no violation at all may remain.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, SHOTS, type Site } from './browser';
import { axeViolations, openAllDetails } from './axe';

const THEMES = ['standard', 'projector-dark', 'projector-light'] as const;

interface Finding {
  page: string;
  theme: string;
  id: string;
  impact: string;
  nodes: string[];
}

/** axe's failure summary ends with the measured reason (e.g. the contrast found). */
const lastLine = (summary: string | undefined) => (summary ?? '').trim().split('\n').pop() ?? '';

async function audit(page: Page, name: string, found: Finding[]): Promise<void> {
  await openAllDetails(page);
  for (const theme of THEMES) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.waitForTimeout(100);
    for (const v of await axeViolations(page))
      found.push({
        page: name,
        theme,
        id: v.id,
        impact: v.impact ?? 'unknown',
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${lastLine(n.failureSummary)}`),
      });
    if (theme !== 'standard')
      await page.screenshot({ path: `${SHOTS}/a11y-${name.replace(/\W+/g, '-')}-${theme}.png` });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = 'standard'));
}

describe('accessibility (axe-core)', () => {
  let site: Site;
  const found: Finding[] = [];
  const problems: string[] = [];

  /**
   * A page in a context of its own, its console errors collected.
   */
  async function auditedPage(): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    return page;
  }

  beforeAll(async () => {
    site = await openSite();
  }, 60_000);

  afterAll(async () => {
    const tally: Record<string, number> = {};
    for (const f of found) tally[f.impact] = (tally[f.impact] ?? 0) + 1;
    console.log('axe violations by impact (rule × page × theme):', JSON.stringify(tally));
    for (const f of found)
      console.log(`  [${f.impact}] ${f.id} on ${f.page} (${f.theme}): ${f.nodes.length} elements`);
    // Each failing element once (the same component fails alike on many pages).
    const elements = new Set(
      found.flatMap((f) => f.nodes.map((n) => `[${f.impact}] ${f.id} (${f.theme}) ${n}`)),
    );
    console.log([...elements].sort().join('\n'));
    await site?.close();
  });

  const serious = (page: string) =>
    found
      .filter((f) => f.page === page && (f.impact === 'serious' || f.impact === 'critical'))
      .map((f) => `${f.id} (${f.theme}): ${f.nodes[0]}`);

  it.concurrent(
    'finds no serious or critical violation on the home page',
    async () => {
      const page = await auditedPage();
      await page.goto(site.url);
      await page.getByRole('heading', { name: 'Guided labs' }).waitFor();
      await audit(page, 'home', found);
      expect(serious('home')).toEqual([]);
    },
    240_000,
  );

  it.concurrent(
    'finds no serious or critical violation on the sandbox',
    async () => {
      const page = await auditedPage();
      await page.goto(`${site.url}#/sandbox`);
      await page.getByRole('heading', { name: 'Sandbox' }).waitFor();
      await page.waitForTimeout(2_000);
      await audit(page, 'sandbox', found);
      expect(serious('sandbox')).toEqual([]);
    },
    240_000,
  );

  it('loads every page without console errors', () => {
    expect(problems).toEqual([]);
  });
});

/** Presses Tab until the focused element's name matches, and returns that name. */
async function tabTo(page: Page, name: RegExp, most = 200): Promise<string> {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
      return (el.getAttribute('aria-label') ?? (label || el.textContent) ?? '').trim();
    });
    if (name.test(focused)) return focused;
  }
  throw new Error(`Tab never reached a control named ${name}`);
}

describe('the keyboard and the live narrator', () => {
  let site: Site;

  // At watching speed: at the walks' speed (30 times) the narrator's "Paused at" after the good
  // release did not come within 10 s in one run of two. Not looked into yet.
  beforeAll(async () => {
    site = await openSite();
  }, 60_000);

  afterAll(async () => site?.close());

  it('follows the first steps of the faulty-rollouts lab with the keyboard alone', async () => {
    const page = await (await site.browser.newContext()).newPage();
    const heading = (text: string) =>
      page.getByRole('heading', { name: text, exact: true }).waitFor({ timeout: 30_000 });
    const nextOpens = () =>
      page
        .getByRole('button', { name: 'Next', exact: true })
        .and(page.locator(':enabled'))
        .waitFor({ timeout: 90_000 });
    await page.goto(`${site.url}#/lab/phased-rollout/intro`);
    await heading('Shipping software to a live network');
    await tabTo(page, /^Next$/);
    await page.keyboard.press('Enter');

    await heading('A good release, phase by phase');
    await tabTo(page, /Your answer/);
    await page.keyboard.type('90');
    await page.keyboard.press('Enter'); // submits the question's form
    await nextOpens();
    // The lab pauses its run when the step has measured it: the narrator has said so.
    const live = page.getByTestId('narration');
    await expect.poll(async () => live.textContent(), { timeout: 10_000 }).toMatch(/Paused at/);
    console.log('narration at the end of the good release:', await live.textContent());
    await tabTo(page, /^Next$/);
    await page.keyboard.press('Enter');

    await heading('A bug that shows at once');
    await tabTo(page, /Phase one/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Answer$/);
    await page.keyboard.press('Enter');
    await nextOpens();
    await tabTo(page, /^Next$/);
    await page.keyboard.press('Enter');
    await heading('A bug that needs the whole network');
    await page.context().close();
  }, 240_000);

  it('narrates the sandbox every few seconds while it runs, and falls silent when paused', async () => {
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.url}#/sandbox`);
    await page.getByRole('heading', { name: 'Sandbox' }).waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    const live = page.getByTestId('narration');
    // Every change of the live region while running for 16 s, with the wall time it came.
    const changes: { at: number; text: string }[] = [];
    const start = Date.now();
    let last = '';
    while (Date.now() - start < 16_000) {
      const text = (await live.textContent())?.trim() ?? '';
      if (text !== last) changes.push({ at: Date.now() - start, text });
      last = text;
      await page.waitForTimeout(250);
    }
    console.log('narration while running:', JSON.stringify(changes));
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes[0].text).toMatch(/^(At|[\d.]+ m?s to) [\d.]+ m?s: .*messages/);
    for (let i = 1; i < changes.length; i++)
      expect(changes[i].at - changes[i - 1].at).toBeGreaterThan(4_000);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(async () => live.textContent(), { timeout: 5_000 }).toMatch(/Paused at/);
    const paused = await live.textContent();
    await page.waitForTimeout(7_000);
    expect(await live.textContent()).toBe(paused);

    await page.getByLabel(/Spoken summaries/).uncheck();
    expect((await live.textContent())?.trim()).toBe('');
    await page.context().close();
  }, 120_000);
});
