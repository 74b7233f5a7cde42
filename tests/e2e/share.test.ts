/**
 * Sharing and exports in headless Chromium: a shared moment's link opened in a fresh browser
 * gives the same step, setting and simulated time; malformed and over-long links give a message
 * and the lab's defaults; a recorded three-cue demo is saved, loaded in a fresh browser and
 * replayed cue by cue; the report, the measurements, a chart's PNG and CSV download with the
 * expected contents.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { openSite, SHOTS, type Site } from './browser';
import { clickTimeline } from './timelineSteps';

const LAB = '#/lab/phased-rollout/stats';
const PHASES = /Your plan: phases/;
const SOAK = /Your plan: soak time/;

describe('sharing, demo scripts and downloads', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
  }, 120_000);

  afterAll(async () => site?.close());

  /** A page in a browser context of its own: no saved progress, no shared storage. */
  async function freshPage(hash: string): Promise<Page> {
    const context = await site.browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => site.problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') site.problems.push(m.text());
    });
    await page.goto(site.url + hash);
    await ready(page);
    return page;
  }

  /** Waits until the lab's run is built (Play is enabled) and no restore is under way. */
  async function ready(page: Page) {
    await page
      .getByRole('button', { name: /^(Play|Pause)$/ })
      .and(page.locator(':enabled'))
      .first()
      .waitFor({ timeout: 60_000 });
    await page.getByText('Restoring the shared moment…').waitFor({ state: 'hidden' });
  }

  const clock = (page: Page) => page.locator('.clock span').first().innerText();
  const slider = (page: Page, name: RegExp) => page.getByRole('slider', { name });

  /** Runs the simulation for a moment and pauses: time is somewhere no one would guess. */
  async function runAWhile(page: Page, ms = 700) {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(ms);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.waitForTimeout(300);
  }

  async function saved(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFileSync(path);
  }

  it('restores a shared moment: step, setting and simulated time', async () => {
    const page = await freshPage(LAB);
    await slider(page, PHASES).fill('3');
    await runAWhile(page);
    const time = await clock(page);
    expect(time).not.toMatch(/t = (0\.000 ms|—)/);
    await page.getByRole('button', { name: 'Share this moment' }).click();
    const link = await page.locator('.share-link').inputValue();
    expect(link).toMatch(/#\/lab\/phased-rollout\/stats\?seed=1&t=[\d.]+&set=phases:3$/);
    console.log(
      `share link: ${link.length} characters (${link.length - link.indexOf('#')} from #)`,
    );
    await page.screenshot({ path: `${SHOTS}/share-link.png` });

    const other = await freshPage(link.slice(site.url.length));
    await other.getByRole('heading', { name: 'A hundred releases' }).waitFor();
    await expect(slider(other, PHASES).inputValue()).resolves.toBe('3');
    await expect.poll(() => clock(other), { timeout: 30_000 }).toBe(time);
    // The restored page's own link is the plain step link again (the moment has been used).
    await expect.poll(() => other.evaluate(() => location.hash)).toBe(LAB);
    await other.screenshot({ path: `${SHOTS}/share-restored.png` });
    // Another moment's link pasted into the open lab is opened too.
    await other.evaluate((h) => (location.hash = h), `${LAB}?set=phases:6`);
    await expect.poll(() => slider(other, PHASES).inputValue(), { timeout: 30_000 }).toBe('6');
    await other.context().close();
    await page.context().close();
    expect(site.problems).toEqual([]);
  }, 180_000);

  it('gives a linked command again at its time, and shares it on', async () => {
    const fields = Buffer.from(JSON.stringify({ node: 3, up: false })).toString('base64url');
    const command = `do=0.5~node.setUp~${fields}`;
    const page = await freshPage(`${LAB}?t=2&${command}`);
    await expect.poll(() => clock(page), { timeout: 30_000 }).toBe('t = 2.000 s');
    await page.getByRole('button', { name: 'Share this moment' }).click();
    await expect(page.locator('.share-link').inputValue()).resolves.toMatch(
      new RegExp(`\\?seed=1&t=2&${command}$`),
    );
    await page.context().close();
    expect(site.problems).toEqual([]);
  }, 120_000);

  it('restores a moment gone back to and a fork compared, and shares the same link on', async () => {
    const node = (n: number, up: boolean) =>
      `node.setUp~${Buffer.from(JSON.stringify({ node: n, up })).toString('base64url')}`;
    // The run had got to 3 s with node 5 down at 2 s; back at 1 s node 4 went down (a fork),
    // the changed run went on to 4 s, and the student went back to 2 s, comparing the two.
    const moment =
      `t=2&to=4&do=0.5~${node(3, false)}&do=1~${node(4, false)}` +
      `&fork=1,3,1&was=2~${node(5, false)}&cmp=1`;
    const page = await freshPage(`${LAB}?${moment}`);
    await expect.poll(() => clock(page), { timeout: 30_000 }).toBe('t = 2.000 s');
    const timeline = page.getByRole('slider', { name: /Simulated time/ });
    await expect(timeline.getAttribute('aria-valuemax')).resolves.toBe('4');
    await page.getByRole('heading', { name: 'Comparing two runs' }).waitFor();
    await page.getByRole('button', { name: 'Share this moment' }).click();
    await expect(page.locator('.share-link').inputValue()).resolves.toMatch(
      new RegExp(`\\?seed=1&${moment.replace(/[.?+]/g, '\\$&')}$`),
    );
    await expect(page.locator('.share .holds').innerText()).resolves.toBe(
      'It opens the run at 2.000 s of the 4.000 s it had got to, and the run it forked from at 1.000 s, the two compared.',
    );
    await page.screenshot({ path: `${SHOTS}/share-fork-restored.png` });
    await page.context().close();
    expect(site.problems).toEqual([]);
  }, 120_000);

  it.each([
    ['a malformed', `${LAB}?seed=abc&set=phases:3`, /the seed must be a whole number/],
    ['a bad setting', `${LAB}?set=phases:60`, /must be from 2 to 6 \(got 60\)/],
    ['an over-long', `${LAB}?set=phases:3&x=${'y'.repeat(2100)}`, /characters long, more than/],
  ])(
    'opens %s link with a message and the lab’s defaults',
    async (_, hash, why) => {
      const page = await freshPage(hash);
      const alert = page.getByRole('alert').filter({ hasText: 'lab’s defaults' });
      await expect(alert.innerText()).resolves.toMatch(why);
      await expect(slider(page, PHASES).inputValue()).resolves.toBe('4');
      await expect(clock(page)).resolves.toBe('t = 0.000 ms');
      await page.screenshot({ path: `${SHOTS}/share-bad-link.png` });
      await page.context().close();
    },
    120_000,
  );

  it('records a four-cue demo (a trip on the timeline among them), saves it, and replays it elsewhere one cue at a time', async () => {
    const page = await freshPage(LAB);
    await page.getByRole('button', { name: 'Record a demo' }).click();
    await slider(page, PHASES).fill('5');
    await slider(page, SOAK).fill('2');
    await runAWhile(page);
    // Back on the timeline: a trip is a cue (a command after it would fork the replay).
    const time = await clickTimeline(page, 0.5);
    await page.getByRole('button', { name: 'Add a time cue' }).click();
    await expect(page.getByText('Recording a demo: 4 cues').count()).resolves.toBe(1);
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Stop and save the demo' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('phased-rollout-demo.json');
    const bytes = await saved(file);
    const script = JSON.parse(bytes.toString('utf8'));
    expect(script).toMatchObject({ version: 1, lab: 'phased-rollout', start: 'stats' });
    expect(script.cues.map((c: { do: string }) => c.do)).toEqual(['set', 'set', 'goTo', 'runTo']);
    await page.context().close();

    const other = await freshPage('#/lab/phased-rollout/intro');
    // A file from a newer Edge Lab is refused, with the reason.
    await other.getByLabel('Demo script file').setInputFiles({
      name: 'newer.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...script, version: 2 })),
    });
    await expect(other.getByRole('alert').innerText()).resolves.toMatch(/version 2/);

    await other.getByLabel('Demo script file').setInputFiles({
      name: file.suggestedFilename(),
      mimeType: 'application/json',
      buffer: bytes,
    });
    await other.getByRole('heading', { name: 'A hundred releases' }).waitFor();
    const cue = other.locator('.cue');
    const next = other.getByRole('button', { name: 'Next cue' });
    // Paused before each cue: nothing has been set until "Next cue".
    await expect(cue.innerText()).resolves.toMatch(/^Cue 1 of 4: Set “Your plan: phases.*” to 5$/);
    await expect(slider(other, PHASES).inputValue()).resolves.toBe('4');
    await next.click();
    await expect(cue.innerText()).resolves.toMatch(/^Cue 2 of 4: Set “Your plan: soak.*” to 2 h/);
    await expect(slider(other, PHASES).inputValue()).resolves.toBe('5');
    await expect(slider(other, SOAK).inputValue()).resolves.not.toBe('2');
    await next.click();
    await expect(cue.innerText()).resolves.toMatch(/^Cue 3 of 4: Go to t = .* on the timeline$/);
    await expect(slider(other, SOAK).inputValue()).resolves.toBe('2');
    await other.screenshot({ path: `${SHOTS}/share-demo-replay.png` });
    await next.click();
    await expect.poll(() => cue.innerText(), { timeout: 30_000 }).toMatch(/^Cue 4 of 4: Run to /);
    await expect.poll(() => clock(other), { timeout: 30_000 }).toBe(time);
    await next.click();
    await other.getByText(/The demo .* is over/).waitFor();
    await expect.poll(() => clock(other), { timeout: 30_000 }).toBe(time);
    await other.context().close();
    expect(site.problems).toEqual([]);
  }, 240_000);

  it('downloads the report and the measurements of a lab', async () => {
    const page = await freshPage(LAB);
    await page.getByRole('radio', { name: /More: bugs/ }).check();
    await page.getByRole('button', { name: 'Answer', exact: true }).click();
    // The answer starts the step's experiment: its measurements appear when it has run.
    // ("the run now" is said at once, before anything is measured.)
    await page
      .locator('.findings dt', { hasNotText: 'the run now' })
      .first()
      .waitFor({ timeout: 120_000 });
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report' }).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/^phased-rollout-report-\d{4}-\d\d-\d\d\.md$/);
    const text = (await saved(report)).toString('utf8');
    expect(text).toMatch(/^# Faulty rollouts.*: lab report\n/);
    expect(text).toMatch(/- Seed: 1\n/);
    expect(text).toMatch(/- Step reached: A hundred releases/);
    expect(text).toMatch(/### \d+\. A hundred releases\n\nThe model draws/);
    expect(text).toMatch(/- Prediction: More: bugs that a middle phase would catch reach everyone/);
    expect(text).toMatch(/- Verdict: /);

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download measurements (CSV)' }).click(),
    ]);
    const rows = (await saved(csv)).toString('utf8').split('\r\n');
    expect(rows[0]).toBe('kind,name,value');
    expect(rows[1]).toMatch(/^time,simulated seconds,[\d.]+$/);
    expect(rows[2]).toMatch(/^finding,/);
    await page.context().close();
  }, 180_000);

  it('downloads a chart as PNG and its data as CSV', async () => {
    const page = await freshPage('#/sandbox?scale=classroom&seed=1&workers=1');
    await runAWhile(page, 2500);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /as PNG$/ })
        .first()
        .click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await saved(png);
    writeFileSync(`${SHOTS}/share-chart.png`, bytes);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
    // Width and height from the IHDR chunk: the chart's canvas plus a margin and the title.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(200);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(140);
    console.log(
      `chart PNG: ${bytes.length} bytes, ${bytes.readUInt32BE(16)} × ${bytes.readUInt32BE(20)}`,
    );

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /as CSV$/ })
        .first()
        .click(),
    ]);
    const rows = (await saved(csv)).toString('utf8').trim().split('\r\n');
    expect(rows[0]).toMatch(/^simulated time \(s\),/);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[1]).toMatch(/^[\d.]+,/);
    await page.context().close();
    expect(site.problems).toEqual([]);
  }, 120_000);
});
