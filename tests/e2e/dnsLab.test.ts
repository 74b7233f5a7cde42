/**
 * The DNS resolution lab as a student meets it, in headless Chromium against the built site:
 * open it from the home page, answer every question, watch the experiments run to their end,
 * reload in the middle and land on the same step, open a DNS message, reach the last step; and
 * a prediction measured before a reload is still set against its measurement in the recap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { answer, pressNext, stepTitled, waitForNext } from './labPage';

/** Waits until the step's experiment has done its work, then goes on. */
async function next(page: Page, timeout = 120_000) {
  await ready(page, timeout);
  await pressNext(page);
}

const ready = (page: Page, timeout = 120_000) => waitForNext(page, 'dns-lab-stuck', timeout);
const title = stepTitled;

describe('the DNS resolution lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
    const { page } = site;
    await page.goto(site.url);
    // The home page suggests starting here.
    await page.getByRole('link', { name: 'Start: DNS resolution' }).click();
    await title(page, 'Following one name');

    await answer(page, /Four: root/);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await next(page);

    // A cold lookup: four servers asked, in order, each message inspectable.
    await title(page, 'A cold cache');
    await answer(page, 80);
    // Inspect the messages while this step's run sits finished (Next would reset it).
    await ready(page);
    // The step's stage is the map and the sequence diagram: show the message list instead.
    await page
      .getByRole('group', { name: 'Show on the stage' })
      .getByRole('button', { name: 'DNS messages', exact: true })
      .click();
    const list = page.locator('.dns .list button');
    expect(await list.count()).toBeGreaterThanOrEqual(8);
    const names = (await list.allTextContents()).join('\n');
    for (const server of ['root', 'net', 'top', 'low']) expect(names).toContain(`dns:${server}`);
    await list.filter({ hasText: 'dns:root' }).first().click();
    await page.getByRole('heading', { name: /^Authority \(\d+\)$/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/dns-lab-message.png`, fullPage: true });
    await next(page);

    // Anycast: the London root instance fails, the next nearest answers.
    await title(page, 'One address, many servers');
    await answer(page, /Another instance of the same root/);
    await ready(page);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await pressNext(page);

    // Reload in the middle: the same step, with the run rebuilt for it.
    await title(page, 'The same name again');
    await page.reload();
    await title(page, 'The same name again');
    await answer(page, /No server at all/);
    // Judged once the rebuilt run has measured it: the warm cache answered on its own.
    await ready(page);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await pressNext(page);

    await title(page, 'Another name in the same zone');
    await answer(page, /One low-level name server/);
    await next(page);

    await title(page, 'When the answer runs out');
    await answer(page, /One low-level name server/);
    await next(page);

    await title(page, 'When the delegation runs out');
    await answer(page, /A top-level server, then a low-level server/);
    await next(page);

    await title(page, 'Why two tiers?');
    await answer(page, /A hundred times fewer/);
    await next(page, 240_000);

    await title(page, 'How the low-level server picks');
    await answer(page, /No: an overloaded server/);
    await next(page);

    // A distant public resolver: a far edge, then client subnet brings a near one.
    await title(page, 'A resolver far away');
    await answer(page, 60);
    await ready(page);
    await page.screenshot({ path: `${SHOTS}/dns-lab-client-subnet.png`, fullPage: true });
    await pressNext(page);

    await title(page, 'When something fails');
    await answer(page, 350);
    await next(page, 180_000);

    // The resolver remembers the silent server, until it forgets it.
    await title(page, 'A resolver that remembers');
    await answer(page, /Try the silent server again/);
    await ready(page, 180_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/dns-lab-memory.png`, fullPage: true });
    await pressNext(page);

    await title(page, 'What you saw');
    await page.screenshot({ path: `${SHOTS}/dns-lab-end.png`, fullPage: true });
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 900_000);

  it('keeps what judged a prediction for the recap after a reload', async () => {
    // A browser context of its own: no progress saved by the walk above.
    const context = await site.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => site.problems.push(String(e)));
    await page.goto(`${site.url}#/lab/dns-resolution/cold`);
    await title(page, 'A cold cache');
    // The lookup runs in slow motion: at full speed it is measured in a moment. The speed is
    // set before the answer starts the run (not while it runs: a quick run may be over before
    // the page is seen running); if the step's own set-up sets it back, the run is slower, not
    // stuck.
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const speed = page.locator('.speed input');
    await speed.fill((await speed.getAttribute('max')) ?? '100');
    await answer(page, 80);
    await ready(page);
    const verdict = page.getByText(/^(Right|Not quite)\.$/);
    await expect(verdict.count()).resolves.toBe(1);
    // The last step, then a reload there: this run has measured nothing.
    await page.goto(`${site.url}#/lab/dns-resolution/done`);
    await title(page, 'What you saw');
    await page.reload();
    await title(page, 'What you saw');
    const row = page.locator('.recap li', { hasText: 'A cold cache' });
    const text = await row.innerText();
    expect(text).toMatch(/Your answer\s+80 ms/);
    expect(text).toMatch(/Measured\s+[\d.]+ ms, measured in an earlier run/);
    expect(text).toMatch(/Verdict\s+(Right|Not quite)/);
    await page.screenshot({ path: `${SHOTS}/dns-lab-recap-reloaded.png`, fullPage: true });
    await context.close();
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 120_000);
});
