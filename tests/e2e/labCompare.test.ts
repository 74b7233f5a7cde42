/**
 * Forks and comparisons on every lab page, in headless Chromium with real Web Workers: on one
 * step of each lab, play a little, go back on the timeline, step one event forward (S) and back
 * (Shift+S), change the run there, and compare: the fork panel under the timeline names the
 * differences, and the step's registered view shows both runs (a second copy beside it, named
 * and read-only, or the other run overlaid where the view draws it so). Once in presenter mode
 * (projector-dark, 1280×720), where the panel must leave the step's heading, Next and the stage
 * on screen. Screenshots as a student (1440×900) and a presenter.
 *
 * The change: where the step offers the student one mid-run (the rollout's Abort button), that;
 * elsewhere a lecturer's demo script gives the command, as it would in a lecture (Load a demo…,
 * then Next cue at the moment gone back to). A step's what-if, which forks at its own moment
 * in one click, has a case of its own (the fat-file lab's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_FORMAT, DEMO_VERSION } from '@lab/demoScript';
import type { SimCommand } from '@sim/models/commands';
import { CLIENT, NAME } from '../../labs/dns-resolution/places';
import { FRANKFURT_TIER1, LONDON } from '../../labs/middle-mile/places';
import { E2E_LABS } from './labs';
import { openSite, SHOTS, type Site } from './browser';
import { answer, waitForNext } from './labPage';
import { arrived, clickTimeline, clock, clockMs, onScreen, playPast } from './timelineSteps';

interface LabCase {
  lab: string;
  step: string;
  /**
   * simulated ms to play before going back; 0: none, the step's own experiment has run (played
   * on past its end, the run would overshoot by however long the pause took to land, which
   * under load put the middle of the run after the rollout's last event, where S has nothing
   * to step)
   */
  playMs: number;
  /** before playing: what the step needs first (its prediction) */
  prepare?: (page: Page) => Promise<void>;
  /** the change at the moment gone back to: a demo script's command, or the student's own */
  change: { command: SimCommand } | { press: (page: Page) => Promise<void> };
  /** the step's registered view on stage, or null (the map and the sequence diagram only) */
  view: string | null;
  /** how the view shows the other run: a second copy beside it, or drawn over its own */
  shows: 'copy' | 'overlay' | null;
  /** what the differences sentence says, once the runs have gone on a little */
  differences: RegExp;
  /** simulated ms to play on after the fork, at least (from the moment gone back to) */
  onMs: number;
}

const CASES: LabCase[] = [
  {
    lab: 'dns-resolution',
    step: 'cold',
    playMs: 150,
    // A second lookup of the name from the same browser: answered from the resolver's cache.
    change: { command: { type: 'dns.lookup', client: CLIENT, name: NAME } },
    view: null,
    shows: null,
    differences: /since the change: lookups answered \d+ against \d+/,
    onMs: 300,
  },
  {
    lab: 'flash-crowd',
    step: 'origin',
    playMs: 3000,
    change: { command: { type: 'delivery.setLoad', loadFactor: 3 } },
    view: 'crowd-charts',
    shows: 'overlay',
    differences: /since the change: requests [\d,]+\/s against [\d,]+\/s/,
    onMs: 2500,
  },
  {
    lab: 'phased-rollout',
    step: 'good',
    playMs: 0,
    prepare: async (page) => {
      // The prediction (once: a page that has it saved runs the release at once).
      const unanswered = page.getByRole('button', { name: 'Answer', exact: true });
      await unanswered
        .or(page.getByRole('button', { name: 'Change answer', exact: true }))
        .waitFor({ timeout: 30_000 });
      if (await unanswered.isVisible()) await answer(page, 90);
      // The release has shipped and the step is judged: going back then finds the release
      // under way (Abort shows for that moment), and nothing of the step's experiment is left
      // to play on from there. Gone back while the experiment still ran, the run went on to its
      // end after a single step, under load, before the step could be seen.
      await waitForNext(page, 'lab-compare-rollout-stuck');
    },
    change: {
      press: (page) =>
        page
          .locator('[data-view="rollout-charts"] .run:not(.other)')
          .getByRole('button', { name: 'Abort the rollout' })
          .click(),
    },
    view: 'rollout-charts',
    shows: 'copy',
    differences: /servers on the new release now \d+ against \d+/,
    onMs: 20 * 60_000,
  },
  {
    lab: 'fat-file',
    step: 'transfer',
    playMs: 2500,
    // The transfer's path turns lossier (the TCP model's own command).
    change: { command: { type: 'tcp.setLoss', connection: 'washington', lossRate: 0.05 } },
    view: 'tcp-charts',
    shows: 'copy',
    differences: /since the change: (segments sent|retransmissions) [\d,/s]+ against/,
    onMs: 1000,
  },
  {
    lab: 'middle-mile',
    step: 'cut',
    playMs: 6000,
    change: { command: { type: 'bgp.cutLink', networkA: LONDON, networkB: FRANKFURT_TIER1 } },
    view: 'bgp-routing',
    shows: 'copy',
    differences: /since the change: BGP updates \d+ against \d+/,
    onMs: 3000,
  },
  {
    lab: 'acceleration',
    step: 'connections',
    playMs: 1500,
    // The HTTP/1.0 page loaded once more, from the moment gone back to.
    change: { command: { type: 'pageload.start', load: 'http10' } },
    view: 'pageload-waterfall',
    shows: 'copy',
    differences: /since the change: page loads finished \d+ against \d+/,
    onMs: 3000,
  },
];

const labOf = (id: string) => E2E_LABS.find((l) => l.id === id)!;

/** A demo script of one cue: the change, given when the lecturer presses Next cue. */
async function loadDemo(page: Page, c: LabCase, command: SimCommand) {
  const lab = labOf(c.lab);
  const script = {
    format: DEMO_FORMAT,
    version: DEMO_VERSION,
    lab: c.lab,
    title: 'A change to compare',
    seed: Number(lab.scenario.seed ?? 1),
    start: c.step,
    cues: [{ do: 'command', command, note: 'the change' }],
  };
  await page.getByLabel('Demo script file').setInputFiles({
    name: 'change.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(script)),
  });
  await page.getByRole('button', { name: 'Next cue' }).waitFor({ timeout: 30_000 });
}

/** Plays, goes back, steps one event forward and back, changes the run, and compares. */
async function forkAndCompare(page: Page, c: LabCase, shot: string) {
  const lab = labOf(c.lab);
  const step = lab.steps.find((s) => s.id === c.step)!;
  await page.getByRole('heading', { name: step.title, exact: true }).waitFor({ timeout: 30_000 });
  if ('command' in c.change) await loadDemo(page, c, c.change.command);
  await c.prepare?.(page);
  if (c.playMs > 0) await playPast(page, c.playMs);
  else await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 30_000 });
  const head = clockMs(await clock(page));

  // Back on the timeline, paused there.
  const back = clockMs(await clickTimeline(page, 0.5));
  expect(back).toBeLessThan(head);
  expect(back).toBeGreaterThan(0);
  // One event forward (S), and one back (Shift+S), the keys going to the page (not to the
  // answer's field, say).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('s');
  // Attached, not visible: presenter mode hides the line that names the stepped event.
  await page.locator('.last-step').waitFor({ state: 'attached', timeout: 30_000 });
  const stepped = clockMs(await clock(page));
  expect(stepped).toBeGreaterThanOrEqual(back);
  await page.keyboard.press('Shift+S');
  await page.locator('.last-step').waitFor({ state: 'detached', timeout: 30_000 });
  // Before that event (at its time, when events before it share it).
  expect(clockMs(await arrived(page))).toBeLessThanOrEqual(stepped);
  // Back a little more by the keyboard (J): a quiet run's next event may lie past where the run
  // had got, and the step there made that the end of the run so far.
  const before = clockMs(await clock(page));
  await page.keyboard.press('j');
  await expect.poll(async () => clockMs(await arrived(page))).toBeLessThan(before);
  const there = clockMs(await clock(page));

  // The change, at this earlier moment: the run forks.
  if ('command' in c.change) await page.getByRole('button', { name: 'Next cue' }).click();
  else await c.change.press(page);
  const forked = page.getByRole('region', { name: 'You changed the run at an earlier moment' });
  await forked.waitFor({ timeout: 30_000 });
  expect(await forked.getByRole('status').innerText()).toMatch(/forked at .* kept as another run/);

  await forked.getByRole('button', { name: 'Compare the two runs' }).click();
  const comparing = page.getByRole('region', { name: 'Comparing two runs' });
  await comparing.waitFor();
  const pane = c.view ? page.locator(`.lab-stage .pane[data-view="${c.view}"]`) : null;
  if (pane && c.shows === 'copy') {
    // A second copy of the view, named, beside the page's own.
    const other = pane.getByRole('group', { name: 'The other run, as before' });
    await other.waitFor();
    expect(await pane.locator('.run-name').first().innerText()).toMatch(
      /This run, with your change at [\d.]+ (ms|s|min|h): /,
    );
    expect(await other.isVisible()).toBe(true);
  }
  if (pane && c.shows === 'overlay')
    await expect
      .poll(() => pane.locator('.runs').first().innerText(), { timeout: 30_000 })
      .toMatch(
        /Solid lines: this run, with your change .* Dotted, thinner: the other run, as before/,
      );

  await playPast(page, there + c.onMs);
  const differences = comparing.locator('.differences');
  await expect
    .poll(async () => ((await differences.count()) ? differences.innerText() : ''), {
      timeout: 60_000,
    })
    .toMatch(c.differences);
  // The table (folded) has every figure, for both runs.
  expect(await comparing.locator('tbody tr').count()).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  return { pane, comparing };
}

/** Runs `what`; if it fails, keeps a screenshot of the page as it was. */
async function shotIfFails<T>(page: Page, shot: string, what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}/${shot}.png` }).catch(() => {});
    throw e;
  }
}

describe('forks and comparisons in every lab', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  for (const c of CASES)
    it(`${c.lab}: back, one event forward and back, fork, compare`, async () => {
      const { page } = site;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${site.url}#/lab/${c.lab}/${c.step}`);
      const { pane } = await shotIfFails(page, `lab-compare-${c.lab}-failed`, () =>
        forkAndCompare(page, c, `lab-compare-${c.lab}`),
      );
      if (c.view === null) {
        // The map and the sequence diagram show the page's run alone; a view of the lab shown
        // in their place shows both.
        const messages = page.locator('.lab-stage .pane[data-view="dns-messages"]');
        await page.getByRole('button', { name: 'DNS messages', exact: true }).click();
        await messages.getByRole('group', { name: 'The other run, as before' }).waitFor();
        await page.screenshot({ path: `${SHOTS}/lab-compare-${c.lab}-messages.png` });
        await page.getByRole('button', { name: 'This step', exact: true }).click();
      }
      if (pane) expect(await onScreen(page, pane)).toBe(true);

      // Another step: the other run belonged to this one, and is discarded.
      await page
        .getByRole('navigation', { name: 'Steps' })
        .getByRole('button', { name: 'Back' })
        .click();
      await page.locator('.fork').waitFor({ state: 'detached', timeout: 30_000 });
      expect(site.problems).toEqual([]);
    }, 240_000);

  it('fat-file: a step’s what-if forks the run at its moment and compares, in one click', async () => {
    const { page } = site;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}#/lab/fat-file/transfer`);
    const whatIf = labOf('fat-file').steps.find((s) => s.id === 'transfer')!.whatIfs![0];
    const button = page
      .getByRole('group', { name: 'What if:' })
      .getByRole('button', { name: whatIf.label });
    await button.waitFor({ timeout: 30_000 });
    // Held until the step's experiment has run: a change before would alter what it measures.
    expect(await button.isDisabled()).toBe(true);
    await answer(page, /halves the window/);
    await waitForNext(page, 'lab-compare-what-if-stuck');
    // At its own moment (the run stands at its end), said on the button.
    await expect.poll(() => button.innerText()).toMatch(/ at 4\.0 s$/);
    await button.click();
    const comparing = page.getByRole('region', { name: 'Comparing two runs' });
    await comparing.waitFor({ timeout: 30_000 });
    const differences = comparing.locator('.differences');
    await expect
      .poll(async () => ((await differences.count()) ? differences.innerText() : ''), {
        timeout: 60_000,
      })
      .toMatch(/since the change: segments sent [\d,]+\/s against [\d,]+\/s/);
    const pane = page.locator('.lab-stage .pane[data-view="tcp-charts"]');
    expect(await pane.locator('.run-name').first().innerText()).toMatch(
      /with your change at 4\.0 s: washington loss 2\.8 %/,
    );
    await page.screenshot({ path: `${SHOTS}/lab-compare-what-if.png` });
    expect(site.problems).toEqual([]);
  }, 240_000);

  it('reads on a projector, in presenter mode, and leaves the step on screen', async () => {
    const { page } = site;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${site.url}#/lab/phased-rollout/good?theme=projector-dark`);
    await page.evaluate(() => localStorage.setItem('edge-lab:presenter', 'on'));
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.presenter === 'on');
    const c = CASES.find((x) => x.lab === 'phased-rollout')!;
    const { pane } = await forkAndCompare(page, c, 'lab-compare-presenter');
    const step = labOf('phased-rollout').steps.find((s) => s.id === 'good')!;
    for (const target of [
      page.getByRole('heading', { name: step.title, exact: true }),
      page.getByRole('button', { name: 'Next', exact: true }),
      page.getByRole('slider', { name: /Simulated time/ }),
      page.getByRole('region', { name: 'Comparing two runs' }).getByRole('button'),
      pane!,
    ])
      expect(await onScreen(page, target)).toBe(true);
    expect(site.problems).toEqual([]);
  }, 240_000);
});
