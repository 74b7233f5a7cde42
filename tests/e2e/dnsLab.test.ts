/**
 * The DNS resolution lab as a student meets it, in headless Chromium against the built site, by
 * the keyboard alone (no pointer event at all: Tab, Enter, Space, arrows and the shortcuts):
 * open it from the home page, answer every question, watch the experiments run to their end,
 * open a DNS message from the list, reload in the middle and land on the same step, reach the
 * last step; and a prediction measured before a reload is still set against its measurement in
 * the recap. (The other labs' student walks use the pointer; this one was walked a second time
 * by keyboard in presenter.test.ts, and the two are now this one walk.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { answer, stepTitled, waitForNext } from './labPage';
import { answerByKeys, focused, nextByKey, tabPresses, tabTo } from './keyboard';
import { countPointerPresses } from './remote';

const STUCK = 'dns-lab-stuck';
const ready = (page: Page, timeout = 120_000) => waitForNext(page, STUCK, timeout);
const title = stepTitled;
const pointerPresses = (page: Page) =>
  page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses);

describe('the DNS resolution lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
    await site.page.addInitScript(countPointerPresses);
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end with the keyboard alone', async () => {
    const { page } = site;
    const started = Date.now();
    await page.goto(site.url);
    // The home page suggests starting here.
    await expect(page.getByRole('link', { name: 'Start: DNS resolution' }).count()).resolves.toBe(
      1,
    );
    await tabTo(page, /^a .*DNS resolution/);
    await page.keyboard.press('Enter');
    await title(page, 'Following one name');

    await answerByKeys(page, /Four: root/);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await nextByKey(page, STUCK);

    // A cold lookup: four servers asked, in order, each message inspectable.
    await title(page, 'A cold cache');
    // The new step's title has focus, so Tab starts from the top of the step.
    expect(await focused(page)).toMatch(/^h2 A cold cache/);
    await answerByKeys(page, 80);
    // Inspect the messages while this step's run sits finished (Next would reset it). The
    // step's stage is the map and the sequence diagram: show the message list instead.
    await ready(page);
    await tabTo(page, /^button(\[button\])? DNS messages$/);
    await page.keyboard.press('Enter');
    const list = page.locator('.dns .list button');
    await list.first().waitFor();
    expect(await list.count()).toBeGreaterThanOrEqual(8);
    const names = (await list.allTextContents()).join('\n');
    for (const server of ['root', 'net', 'top', 'low']) expect(names).toContain(`dns:${server}`);
    await tabTo(page, /^button .*dns:root.*query/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Authority \(\d+\)$/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/dns-lab-message.png`, fullPage: true });
    await nextByKey(page, STUCK);

    // Anycast: the London root instance fails, the next nearest answers.
    await title(page, 'One address, many servers');
    await answerByKeys(page, /Another instance of the same root/);
    await ready(page);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await nextByKey(page, STUCK);

    // Reload in the middle: the same step, with the run rebuilt for it. (The reload starts the
    // page's count of pointer presses again: read it first.)
    await title(page, 'The same name again');
    expect(await pointerPresses(page)).toBe(0);
    await page.reload();
    await title(page, 'The same name again');
    await answerByKeys(page, /No server at all/);
    // Judged once the rebuilt run has measured it: the warm cache answered on its own.
    await ready(page);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await nextByKey(page, STUCK);

    const steps: [string, RegExp | number, number?][] = [
      ['Another name in the same zone', /One low-level name server/],
      ['When the answer runs out', /One low-level name server/],
      ['When the delegation runs out', /A top-level server, then a low-level server/],
      ['Why two tiers?', /A hundred times fewer/, 240_000],
      ['How the low-level server picks', /No: an overloaded server/],
    ];
    for (const [name, choice, timeout] of steps) {
      await title(page, name);
      await answerByKeys(page, choice);
      await nextByKey(page, STUCK, timeout);
    }

    // A distant public resolver: a far edge, then client subnet brings a near one.
    await title(page, 'A resolver far away');
    await answerByKeys(page, 60);
    await ready(page);
    await page.screenshot({ path: `${SHOTS}/dns-lab-client-subnet.png`, fullPage: true });
    await nextByKey(page, STUCK);

    await title(page, 'When something fails');
    await answerByKeys(page, 350);
    await nextByKey(page, STUCK, 180_000);

    // The resolver remembers the silent server, until it forgets it.
    await title(page, 'A resolver that remembers');
    await answerByKeys(page, /Try the silent server again/);
    await ready(page, 180_000);
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/dns-lab-memory.png`, fullPage: true });
    await nextByKey(page, STUCK);

    await title(page, 'What you saw');
    await page.screenshot({ path: `${SHOTS}/dns-lab-end.png`, fullPage: true });
    console.log(
      `keyboard-only DNS lab walk: ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
        `${tabPresses()} Tab presses for 12 answers and one DNS message`,
    );
    expect(await pointerPresses(page)).toBe(0);
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
