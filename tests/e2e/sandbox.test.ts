/**
 * The sandbox as a student uses it, in headless Chromium with real Web Workers: open it, play,
 * watch the clock and the statistics move, pause, step, change a slider, fail a data centre and
 * see requests go elsewhere, watch messages travel in slow motion, change, fail and restore a
 * server's link, de-peer two networks, follow the things to try (fail the busiest data centre,
 * purge every cache), read the event log by names, reset, route by BGP; at the 2009 scale the caches start
 * warm, and a data centre fails with its 13,000 networks' peering listed a few at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PEERING_ROWS } from '../../src/ui/sandbox/linkView';
import { openSite, SHOTS, type Site } from './browser';

/** Waits until the run is built and Play can be pressed (after opening, a reset, a switch). */
const playable = (page: Page, timeout = 60_000) =>
  page
    .getByRole('button', { name: 'Play', exact: true })
    .and(page.locator(':enabled'))
    .waitFor({ timeout });

describe('the sandbox', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
    await site.page.goto(site.url);
    await site.page.getByRole('link', { name: 'Open the classroom sandbox' }).click();
    await playable(site.page);
    // Every counter, not only the summary (a disclosure in the side panel).
    await site.page.getByText('Every counter').click();
  }, 120_000);

  afterAll(async () => site?.close());

  const clock = () => site.page.locator('.clock span').first().textContent();
  const counter = async (label: string) =>
    Number(
      (
        (await site.page
          .locator('table.counters')
          .getByRole('row', { name: label, exact: false })
          .first()
          .locator('td')
          .textContent()) ?? ''
      ).replace(/,/g, ''),
    );

  it('plays: simulated time and the request count move, the map shows the network', async () => {
    await site.page.getByRole('button', { name: 'Play', exact: true }).click();
    await site.page.waitForTimeout(2500);
    await site.page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await clock()).not.toBe('t = 0.000 ms');
    expect(await counter('Requests')).toBeGreaterThan(0);
    // The event log lists messages.
    expect(await site.page.locator('.event-log tbody tr').count()).toBeGreaterThan(0);
    // The charts have drawn points: their data tables have rows.
    await site.page.getByText('Data table').first().click();
    expect(await site.page.locator('.chart table tbody tr').count()).toBeGreaterThan(0);
    await site.page.screenshot({ path: `${SHOTS}/sandbox-playing.png`, fullPage: true });
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('logs messages by node name, with times in the unit that fits, in a box the keyboard reaches', async () => {
    const row = site.page.locator('.event-log tbody tr:not([aria-hidden])').first();
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toMatch(/^\d+\.\d{3} (ms|s)$/);
    // Names such as client:tokyo-n0 or edge:frankfurt-n1-2, not bare node ids.
    expect(cells[1]).toMatch(/^[a-z]+:[a-z0-9-]+$/);
    expect(cells[2]).toMatch(/^[a-z]+:[a-z0-9-]+$/);
    const box = site.page.getByRole('region', { name: 'Event log entries' });
    await expect(box.getAttribute('tabindex')).resolves.toBe('0');
    // Filtering by part of a name keeps only that node's messages.
    const name = cells[1];
    await site.page.getByRole('textbox', { name: 'Node' }).fill(name);
    const rows = site.page.locator('.event-log tbody tr:not([aria-hidden])');
    // The filtered list is drawn on the next frame.
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const shown = await rows.allInnerTexts();
    for (const r of shown) expect(r).toContain(name);
    await site.page.getByRole('textbox', { name: 'Node' }).fill('');
    // A row's time chooses it: the log says it in full below the list, the map's inspector shows
    // it at that time, and the run goes back to that moment (paused there). The list moves while
    // the run plays, so the time is read from what was chosen, not from the row before the click.
    await rows.first().getByRole('button').click();
    const time = (await site.page.locator('.event-log .detail strong').textContent()) ?? '';
    expect(time).toMatch(/^\d+\.\d{3} (ms|s)$/);
    const inspector = site.page.getByRole('region', { name: 'Event log entry' });
    await expect(inspector.textContent()).resolves.toContain(time);
    await expect
      .poll(async () => (await site.page.locator('.clock').textContent())?.includes(time), {
        timeout: 20_000,
      })
      .toBe(true);
    await inspector.getByRole('button', { name: 'Close' }).click();
    await expect(inspector.count()).resolves.toBe(0);
  });

  it('steps one event and says what it was', async () => {
    await site.page.getByRole('button', { name: 'Step event' }).click();
    await site.page.locator('.last-step').waitFor();
    await expect(site.page.locator('.last-step').textContent()).resolves.toMatch(
      /Last event: [\s\S]+node \d+, t = /,
    );
  });

  it('fails a data centre: requests keep being answered by others, and it can be restored', async () => {
    await site.page.getByText('Regions, data centres and servers as a list').click();
    // Open the first region, then pick its first data centre.
    await site.page.locator('.list .topology-list details summary').first().click();
    await site.page.locator('.list .topology-list details button').first().click();
    await site.page.getByRole('button', { name: 'Fail this data centre' }).click();
    const responsesBefore = await counter('Responses');
    await site.page.getByRole('button', { name: 'Play', exact: true }).click();
    await site.page.waitForTimeout(2000);
    await site.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(
      site.page
        .getByText(/Servers up/)
        .locator('xpath=following-sibling::dd[1]')
        .textContent(),
    ).resolves.toMatch(/^0 of/);
    expect(await counter('Responses')).toBeGreaterThan(responsesBefore);
    await site.page.screenshot({ path: `${SHOTS}/sandbox-dc-failed.png` });
    await site.page.getByRole('button', { name: 'Restore this data centre' }).click();
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('takes a network slider change while running', async () => {
    const slider = site.page.getByLabel(/Path inflation/);
    await slider.fill('2');
    await slider.dispatchEvent('change');
    await expect(site.page.getByText('Path inflation: 2.00×').count()).resolves.toBe(1);
    const load = site.page.getByLabel(/Request load/);
    await load.fill('1');
    await load.dispatchEvent('change');
    await expect(site.page.getByText('Request load: 10× the usual rate').count()).resolves.toBe(1);
    expect(site.problems).toEqual([]);
  });

  it('draws messages in flight over the map in slow motion at classroom scale', async () => {
    const overlay = site.page.getByTestId('packet-overlay');
    const speed = site.page.locator('.speed input');
    // 45 of 100 on the logarithmic slider: about 0.03x real time.
    await speed.fill('45');
    await speed.dispatchEvent('change');
    await site.page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(async () => Number(await overlay.getAttribute('data-dots')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await site.page.locator('div.map').screenshot({ path: `${SHOTS}/sandbox-packets.png` });
    await site.page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(site.problems).toEqual([]);
  }, 60_000);

  it("opens an edge server: changes its link's loss, fails and restores the link, shows its cache", async () => {
    const servers = site.page.locator('.list ul ul button', { hasText: /^edge:/ });
    if ((await servers.count()) === 0)
      await site.page.locator('.list .topology-list details button').first().click();
    await servers.first().click();
    const link = site.page.getByTestId('access-link');
    await link.waitFor();
    await expect(site.page.getByTestId('software-version').textContent()).resolves.toBe('1');
    await link.getByLabel('Loss (%)').fill('5');
    await link.getByRole('button', { name: 'Apply to this link' }).click();
    await expect.poll(() => link.getByTestId('link-loss').textContent()).toBe('5.00 %');
    await link.getByRole('button', { name: 'Fail this link' }).click();
    await expect.poll(() => link.getByTestId('link-state').textContent()).toBe('failed');
    await link.getByRole('button', { name: 'Restore this link' }).click();
    await expect.poll(() => link.getByTestId('link-state').textContent()).toBe('up');
    const cache = site.page.getByTestId('cache-contents');
    await expect(cache.getByText('Objects cached').count()).resolves.toBe(1);
    await site.page.locator('aside').screenshot({ path: `${SHOTS}/sandbox-node-link.png` });
    expect(site.problems).toEqual([]);
  }, 60_000);

  it("de-peers a data centre's network from another and restores the peering", async () => {
    await site.page.locator('.list .topology-list details button').first().click();
    const peering = site.page.getByTestId('peering-list');
    await peering.waitFor();
    const first = peering.locator('li').first();
    await first.getByRole('button', { name: 'De-peer' }).click();
    await expect.poll(() => first.locator('.state').textContent()).toBe('de-peered');
    await first.getByRole('button', { name: 'Restore peering' }).click();
    await expect.poll(() => first.locator('.state').textContent()).toBe('peered');
    expect(site.problems).toEqual([]);
  }, 60_000);

  it('follows the things to try: fails the busiest data centre and restores it, purges the caches', async () => {
    const page = site.page;
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Fail the busiest data centre' }).click();
    const restore = page.getByRole('button', { name: /^Restore [a-z-]+n\d+/ });
    await restore.waitFor({ timeout: 10_000 });
    const failed = ((await restore.textContent()) ?? '').replace('Restore ', '');
    // Requests already on their way to it, or sent before the clients' views changed, reach a
    // failed node.
    await expect
      .poll(async () => counter('Messages sent to a failed node'), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await restore.click();
    await page.getByRole('button', { name: 'Fail the busiest data centre' }).waitFor();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // An edge server's cache, emptied by the purge (paused: nothing refills it meanwhile).
    const servers = page.locator('.list ul ul button', { hasText: /^edge:/ });
    if (!(await page.locator('.list > details').evaluate((d) => (d as HTMLDetailsElement).open))) {
      await page.getByText('Regions, data centres and servers as a list').click();
      await page.locator('.list .topology-list details summary').first().click();
    }
    if ((await servers.count()) === 0)
      await page.locator('.list .topology-list details button').first().click();
    await servers.first().click();
    const objects = page
      .getByTestId('cache-contents')
      .getByText('Objects cached')
      .locator('xpath=following-sibling::dd[1]');
    const cached = async () => Number(((await objects.textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(cached, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Purge every cache' }).click();
    await expect.poll(cached, { timeout: 10_000 }).toBe(0);
    expect(failed).toMatch(/-n\d+/);
    await page.screenshot({ path: `${SHOTS}/sandbox-things-to-try.png` });
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('resets to the start with a new seed from the link', async () => {
    await site.page.getByLabel('Seed').fill('7');
    await site.page.getByRole('button', { name: 'Reset' }).click();
    await site.page.waitForURL(/seed=7/);
    await playable(site.page);
    expect(await clock()).toBe('t = 0.000 ms');
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('routes by BGP when its switch is on, and the link keeps it', async () => {
    const { page } = site;
    const routing = page.getByLabel('Networks route by BGP (restarts the run)');
    expect(await routing.isChecked()).toBe(false);
    await routing.check();
    await page.waitForURL(/bgp=on/);
    await playable(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(2000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await clock()).not.toBe('t = 0.000 ms');
    await expect(page.getByText(/every message follows the path BGP/).count()).resolves.toBe(1);
    // A data centre's network shows its BGP neighbours; cutting a link shows when BGP has it.
    // The list and its first region may be open from an earlier test: open, not toggle.
    for (const details of [
      page.locator('details:has(> summary:text("Regions, data centres and servers as a list"))'),
      page.locator('.list .topology-list details').first(),
    ])
      await details.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    await page.locator('.list .topology-list details button').first().click();
    const bgp = page.getByTestId('network-routing');
    await bgp.getByRole('button', { name: 'Cut link' }).first().click();
    await bgp.getByText('link cut').waitFor({ timeout: 10_000 });
    // Things to try: the origin network's busiest link goes silent, and can be restored.
    await page.getByRole('button', { name: 'Silence the origin network’s busiest link' }).click();
    await page.getByRole('button', { name: /^Restore the link between / }).click();
    await page
      .getByRole('button', { name: 'Silence the origin network’s busiest link' })
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/sandbox-bgp.png` });
    // Back to hot potato for the tests that follow.
    await routing.uncheck();
    await page.waitForURL(/bgp=off/);
    await playable(page);
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('starts the caches warm at the 2009 scale, and says so', async () => {
    const page = site.page;
    await page.goto(`${site.url}#/sandbox?scale=2009&workers=1`);
    // The 2009 scale takes longer to build.
    await playable(page, 120_000);
    await expect(page.getByTestId('cache-start').textContent()).resolves.toMatch(
      /start warm[\s\S]*36,000 servers/,
    );
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(6_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const ratio = await page.getByText('Cache hit ratio').locator('xpath=following-sibling::dd[1]');
    // Cold, the first seconds at this scale hit about 5 %; warm, about a third.
    const percent = Number(((await ratio.textContent()) ?? '').replace(/[^\d.]/g, ''));
    expect(percent).toBeGreaterThan(20);
    expect(site.problems).toEqual([]);
  }, 240_000);

  it('fails a data centre at the 2009 scale, and the run goes on', async () => {
    // Picking a data centre listed all 13,000 networks for its peering, one row each, rebuilt
    // with every frame: the page stopped answering. (Follows the test above: 2009, paused.)
    const page = site.page;
    await page.getByText('Regions, data centres and servers as a list').click();
    await page.locator('.list .topology-list details summary').first().click();
    await page.locator('.list .topology-list details button').first().click();
    const peering = page.getByTestId('peering-list');
    // The list shows once the models have answered for the data centre's network (not BGP here).
    await expect.poll(() => peering.locator('li').count(), { timeout: 10_000 }).toBe(PEERING_ROWS);
    await page.getByRole('button', { name: 'Fail this data centre' }).click();
    const serversUp = page.getByText('Servers up').locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => serversUp.textContent(), { timeout: 30_000 }).toMatch(/^0 of \d+$/);
    const before = await clock();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(clock, { timeout: 60_000 }).not.toBe(before);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(serversUp.textContent()).resolves.toMatch(/^0 of \d+$/);
    // Any other network is found by name.
    await peering.getByRole('searchbox', { name: 'Find a network by name' }).fill('n12');
    await expect.poll(() => peering.locator('li').first().textContent()).toMatch(/^n12/);
    await page.screenshot({ path: `${SHOTS}/sandbox-2009-dc-failed.png` });
    expect(site.problems).toEqual([]);
  }, 120_000);
});
