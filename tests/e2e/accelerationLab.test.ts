/**
 * The acceleration lab as a student meets it, in headless Chromium against the built site: open
 * it from the home page, predict the four ways of using connections, the warm edge, the edge's
 * prefetch, edge assembly, compression, edge computing and everything at once, read what each
 * run measured in the findings and the waterfall, reach the last step; no console errors on the
 * way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, type Site } from './browser';
import { answer, measured, pressNext as next, stepDone, stepTitled as title } from './labPage';

const ready = (page: Page, shot: string) => stepDone(page, 'acceleration', shot, 120_000);

/** A finding's time (`2,805 ms` → 2805). */
const ms = async (page: Page, label: string) =>
  Number((await measured(page, label)).replace(/[^\d.]/g, ''));

describe('the acceleration lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('can be followed from the home page to the end', async () => {
    const { page } = site;
    await page.goto(site.url);
    await page.getByRole('link', { name: /Making the uncacheable fast/ }).click();
    await title(page, 'The page that cannot be cached');
    await next(page);

    await title(page, 'One connection or many');
    await answer(page, /3 to 10× faster/);
    await ready(page, 'connections');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    const http10 = await ms(page, 'HTTP/1.0 ×4');
    expect(http10 / (await ms(page, 'pipelined'))).toBeGreaterThan(3);
    expect(await measured(page, 'the same from Boston')).toMatch(/^\d+ \/ \d+ \/ \d+ \/ \d+ ms$/);
    // the bytes part: every load's packets on the access leg, those that opened and closed
    // connections in brackets; HTTP/1.0 needs at least twice pipelining's (Nielsen et al. 1997)
    const packets = async (label: string) => {
      const row = page.locator('.bytes tbody tr', {
        has: page.getByRole('rowheader', { name: label, exact: true }),
      });
      await row.getByText(/^[\d,]+ \([\d,]+\)$/).waitFor();
      return Number((await row.getByText(/^[\d,]+ \([\d,]+\)$/).innerText()).split(' ')[0].replace(/,/g, ''));
    };
    await expect(page.locator('.bytes tbody tr').count()).resolves.toBe(4);
    expect(await packets('HTTP/1.0 ×4')).toBeGreaterThan(2 * (await packets('pipelined')));
    await next(page);

    await title(page, 'An edge with warm connections');
    await answer(page, /1.5 to 3× faster/);
    await ready(page, 'split');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await ms(page, 'edge, warm')).toBeLessThan(await ms(page, 'direct, IW 10'));
    await next(page);

    await title(page, 'Prefetching at the edge');
    await answer(page, /3 to 10× faster/);
    await ready(page, 'prefetch');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await ms(page, 'warm edge + prefetch')).toBeLessThan(await ms(page, 'warm edge'));
    await next(page);

    await title(page, 'Assembling pages at the edge');
    await answer(page, /80 to 95 %/);
    await ready(page, 'esi');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    // five minutes each, every minute's kB; ESI's below the whole HTML's in every one
    const perMinute = async (label: string) =>
      (await measured(page, label)).split(' · ').map(Number);
    const whole = await perMinute('whole HTML');
    const esi = await perMinute('with ESI');
    expect(whole).toHaveLength(5);
    esi.forEach((kB, i) => expect(kB).toBeLessThan(whole[i]));
    await next(page);

    await title(page, 'Compression and deltas');
    await answer(page, /3 to 5×/);
    await ready(page, 'compress');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    const kB = async (label: string) => parseFloat(await measured(page, label));
    expect(await kB('HTML delta')).toBeLessThan(await kB('HTML gzip'));
    await next(page);

    await title(page, 'The application at the edge');
    await answer(page, /50 to 200 ms/);
    await ready(page, 'edge-compute');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, 'answered at the edge')).toMatch(/ · 0 origin requests$/);
    await next(page);

    await title(page, 'Around a slow link');
    await answer(page, /10 to 50 % sooner/);
    await ready(page, 'route');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await ms(page, 'over the overlay')).toBeLessThan(await ms(page, 'straight on'));
    expect(await measured(page, 'the overlay’s relay')).toMatch(/^an edge server in /);
    await next(page);

    await title(page, 'All at once');
    await answer(page, /Far: in Tokyo/);
    await ready(page, 'all');
    await expect(page.getByText('Right.').count()).resolves.toBe(1);
    expect(await measured(page, 'Far: in Tokyo')).toMatch(/without the warm edge/);
    await next(page);

    await title(page, 'What you saw');
    expect(site.problems).toEqual([]);
  }, 480_000);
});
