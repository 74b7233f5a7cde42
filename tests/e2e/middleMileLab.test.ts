/**
 * The middle-mile lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict how many server pairs a relay beats, predict the cut, watch it
 * and rerun it with another MRAI, predict the de-peering and the hijack, then the overlay around
 * a silent cable and a server's own access link, read what each run measured, reach the last
 * step; no console errors on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';

const ready = (page: Page, shot: string, timeout = 120_000) =>
  stepDone(page, 'middle-mile', shot, timeout);

/** The first number in a finding (`29.3 s after the cut` → 29.3). */
const number = (s: string) => Number(/[\d.]+/.exec(s)?.[0] ?? NaN);

describe('the middle-mile lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /The middle mile/ }).click();
    await title(page, 'Thirteen networks and BGP');
    await next(page);

    await title(page, 'BGP is blind to delay');
    await answer(page, /A few: under 10 %/);
    await ready(page, 'blind');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, 'through the server in New York instead')).toMatch(/faster/);
    expect(await measured(page, 'at least 5 ms faster')).toMatch(/^2 of 30/);
    await next(page);

    await title(page, 'A cable cut');
    await answer(page, /Tens of seconds/);
    await ready(page, 'cut');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // RFC 4271's jitter: the exploration waits 75 to 100 % of the 30 s MRAI.
    const quiet = number(await measured(page, "last UPDATE about London's prefix"));
    expect(quiet).toBeGreaterThan(22);
    expect(quiet).toBeLessThan(31);
    expect(await measured(page, 'networks reaching it, before / after')).toBe('13 / 1 of 13');
    // Boston's network has a second provider: its cut costs a fraction of a second.
    expect(number(await measured(page, 'the longest any of them was without a path'))).toBeLessThan(
      1,
    );
    // The MRAI control reruns the cut beside the judged run.
    await page.getByRole('slider', { name: /MRAI/ }).fill('0');
    await page
      .locator('.findings dt', { hasText: "rerun: last UPDATE about London's prefix" })
      .waitFor({ timeout: 60_000 });
    expect(number(await measured(page, "rerun: last UPDATE about London's prefix"))).toBeLessThan(
      1,
    );
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    await next(page);

    await title(page, 'Two big networks stop peering');
    await answer(page, /its single-homed customers/);
    await ready(page, 'depeer');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, 'cannot reach London after')).toMatch(/origin-hosting/);
    await next(page);

    await title(page, 'The YouTube hijack, replayed');
    await answer(page, /Some to YouTube, some to Pakistan/);
    await ready(page, 'hijack');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, "18:47–20:07, Pakistan Telecom's /24")).toMatch(
      /to YouTube 0 · to Pakistan Telecom 13/,
    );
    expect(await measured(page, 'after 21:01')).toMatch(/to YouTube 13 · to Pakistan Telecom 0/);
    await next(page);

    await title(page, 'The overlay around a silent cable');
    await answer(page, /Over the overlay within 45 s; directly later/);
    await ready(page, 'overlay');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // BGP's hold timer: 60 to 90 s after the silence; the overlay well before
    const direct = await measured(page, 'sent directly: failed · first through again');
    expect(number(direct.split('·')[1])).toBeGreaterThanOrEqual(60);
    const relayed = await measured(page, 'over the overlay: failed · first through again');
    expect(number(relayed.split('·')[1])).toBeLessThan(45);
    await next(page);

    await title(page, 'What an overlay cannot route around');
    await answer(page, /Neither/);
    await ready(page, 'limits');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, 'over the overlay: failed · first through again')).toMatch(
      /not by the end of the run/,
    );
    await next(page);

    await title(page, 'What you saw');
    expect(site.problems).toEqual([]);
  }, 360_000);
});
