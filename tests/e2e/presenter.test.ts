/**
 * Presenter mode, the projector themes and keyboard control in headless Chromium against the
 * built site: the flash-crowd lab driven by keys in presenter mode, both projector themes
 * restyling cytoscape, a hidden tab pausing the run, shortcuts turned off and remembered, and
 * the fat-file lab walked with a presenter remote's keys alone (the class votes on each
 * question, the lecturer reveals it), checked by axe in both projector themes while a vote and a
 * revealed answer show, and each step's findings read as the answer shows (fatFileFindings.ts:
 * the lab's one walk end to end; fatFileLab.test.ts keeps a student's first step). (A whole lab walked by keyboard alone is the DNS lab's student walk,
 * dnsLab.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lab as fatFile } from '../../labs/fat-file/index';
import { openSite, SHOTS, type Site } from './browser';
import { axeViolations } from './axe';
import { stepTitled } from './labPage';
import { focused } from './keyboard';
import { FAT_FILE_FINDINGS } from './fatFileFindings';
import { afterTheWalk, countPointerPresses, playByRemote, pressRemote, remoteWalk } from './remote';

const dataset = (page: Page) =>
  page.evaluate(() => ({ ...document.documentElement.dataset }) as Record<string, string>);

/** A topology node's border colour as cytoscape draws it (cytoscape keeps its instance on the container). */
const nodeBorder = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('.cy') as
      (HTMLElement & { _cyreg?: { cy?: unknown } }) | null;
    const cy = el?._cyreg?.cy as { nodes(): { first(): { style(p: string): string } } } | undefined;
    return cy?.nodes().first().style('border-color') ?? null;
  });

describe('keyboard and presenter mode', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  it('drives a lab by keys in presenter mode, in both projector themes', async () => {
    const { page } = site;
    await page.goto(`${site.url}#/lab/flash-crowd?theme=projector-dark`);
    await stepTitled(page, 'A flash crowd');
    await page
      .getByRole('button', { name: 'Play', exact: true })
      .and(page.locator(':enabled'))
      .waitFor();
    expect(await dataset(page)).toMatchObject({ theme: 'projector-dark', presenter: 'off' });

    await page.keyboard.press('p');
    expect(await dataset(page)).toMatchObject({ theme: 'projector-dark', presenter: 'on' });
    await expect.poll(() => nodeBorder(page)).toBe('rgb(255,255,255)');
    // Controls a demo does not need are gone; play, step and speed stay.
    await expect(page.locator('.event-log').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Step event' }).isVisible()).resolves.toBe(true);

    // Play, pause, step, speed, all by key.
    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/presenter-projector-dark.png` });
    await page.keyboard.press('.');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const speed = page.locator('.speed span');
    const before = await speed.innerText();
    await page.keyboard.press('+');
    await expect.poll(() => speed.innerText()).not.toBe(before);
    await expect(page.locator('.key-said').innerText()).resolves.toMatch(/^Speed: /);
    const clock = page.locator('.clock span').first();
    const t0 = await clock.innerText();
    await page.keyboard.press('s');
    await expect.poll(() => clock.innerText()).not.toBe(t0);

    // The remote's PageDown and PageUp move between steps in presenter mode.
    await page.keyboard.press('PageDown');
    await stepTitled(page, 'The origin alone');
    // On a question, PageDown first shows the choices for the class's vote; PageUp puts it away.
    await page.keyboard.press('PageDown');
    await expect(page.locator('.key-said').innerText()).resolves.toMatch(/class votes/);
    await page.keyboard.press('PageUp');
    await expect(page.locator('.key-said').innerText()).resolves.toMatch(/vote is put away/);
    await page.keyboard.press('PageUp');
    await stepTitled(page, 'A flash crowd');

    // T: the next theme (standard), then dark on light; cytoscape restyles each time.
    await page.keyboard.press('t');
    await page.keyboard.press('t');
    expect((await dataset(page)).theme).toBe('projector-light');
    await expect.poll(() => nodeBorder(page)).toBe('rgb(0,0,0)');
    await page.screenshot({ path: `${SHOTS}/presenter-projector-light.png` });

    // F asks for full screen: entered, or refused with a message, never an error.
    await page.keyboard.press('f');
    await expect
      .poll(
        async () =>
          (await page.evaluate(() => document.fullscreenElement !== null)) ||
          (await page.locator('.presenter-message').count()) > 0,
      )
      .toBe(true);
    if (await page.evaluate(() => document.fullscreenElement !== null))
      await page.keyboard.press('f');

    await page.keyboard.press('Escape');
    expect((await dataset(page)).presenter).toBe('off');
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 300_000);

  it('pauses while the tab is hidden and resumes where it was', async () => {
    const { page } = site;
    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    const setVisibility = (state: string) =>
      page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await setVisibility('hidden');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await setVisibility('visible');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
  }, 60_000);

  it('follows forced colours (high contrast) on the canvas too', async () => {
    const { page } = site;
    const before = await nodeBorder(page);
    await page.emulateMedia({ forcedColors: 'active' });
    // The system's CanvasText, resolved for cytoscape, replaces the theme's border colour.
    await expect.poll(() => nodeBorder(page)).not.toBe(before);
    const text = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--colour-text').trim(),
    );
    expect(text).toBe('CanvasText');
    await page.screenshot({ path: `${SHOTS}/presenter-forced-colours.png` });
    await page.emulateMedia({ forcedColors: 'none' });
    await expect.poll(() => nodeBorder(page)).toBe(before);
  }, 60_000);

  it('drives the sandbox by keys, and stops gliding packets for reduced motion', async () => {
    const { page } = site;
    await page.goto(`${site.url}#/sandbox`);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await play.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    // Messages in flight are drawn below 0.1× real time (two presses of −), and glide between
    // frames unless the system asks for reduced motion.
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    const overlay = page.getByTestId('packet-overlay');
    await expect.poll(() => overlay.getAttribute('data-moving')).toBe('yes');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => overlay.getAttribute('data-moving')).toBe('no');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.keyboard.press('k');
    await play.waitFor();
    // No steps here: → is left to the page.
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.key-said').innerText()).resolves.not.toMatch(/step|Next/);
    await page.keyboard.press('r');
    await expect(page.locator('.key-said').innerText()).resolves.toMatch(/Reset/);
    await play.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 120_000);

  it('lists the keys with ?, and turns single-key shortcuts off for good', async () => {
    const { page } = site;
    await page.goto(`${site.url}#/lab/flash-crowd`);
    await stepTitled(page, 'A flash crowd');
    await page.keyboard.press('Shift+?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    await page.screenshot({ path: `${SHOTS}/presenter-keys-help.png` });
    // The dialog takes focus: its first control is the switch.
    expect(await focused(page)).toMatch(/^input\[checkbox\] Single-key shortcuts on/);
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);

    await page.reload();
    await stepTitled(page, 'A flash crowd');
    await page
      .getByRole('button', { name: 'Play', exact: true })
      .and(page.locator(':enabled'))
      .waitFor();
    for (const key of ['k', 'p', 'Shift+?']) await page.keyboard.press(key);
    await page.waitForTimeout(500);
    await expect(page.getByRole('button', { name: 'Play', exact: true }).count()).resolves.toBe(1);
    expect((await dataset(page)).presenter).toBe('off');
    await expect(dialog.isVisible()).resolves.toBe(false);

    // The Keys button still opens the list, where they are turned on again.
    await page.getByRole('button', { name: 'Keys' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await page.keyboard.press('p');
    expect((await dataset(page)).presenter).toBe('on');
    await page.keyboard.press('p');
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 120_000);

  it('walks the fat-file lab with a presenter remote alone: PageDown, PageUp and B', async () => {
    // A lecturer's laptop at a projector's 1280 × 720, presenter mode turned on beforehand.
    const context = await site.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    await page.addInitScript(countPointerPresses);
    await page.addInitScript(() => localStorage.setItem('edge-lab:presenter', 'on'));
    await page.goto(`${site.url}#/lab/fat-file?theme=projector-dark`);
    const [first, second] = fatFile.steps;
    await stepTitled(page, first.title);
    expect(await dataset(page)).toMatchObject({ theme: 'projector-dark', presenter: 'on' });

    // PageUp on the first step says so; on a question PageUp puts the class's vote away first.
    expect(await pressRemote(page, 'PageUp')).toMatch(/first step/);
    expect(await pressRemote(page, 'PageDown')).toBe('');
    await stepTitled(page, second.title);
    expect(await pressRemote(page, 'PageDown')).toMatch(/class votes/);
    await expect(page.locator('.question.hall-voting').count()).resolves.toBe(1);
    expect(await pressRemote(page, 'PageUp')).toMatch(/vote is put away/);
    await expect(page.locator('.question.hall-voting').count()).resolves.toBe(0);
    expect(await pressRemote(page, 'PageUp')).toBe('');
    await stepTitled(page, first.title);
    // While a revealed question's experiment runs, PageDown says why it does not go on yet.
    await pressRemote(page, 'PageDown');
    await pressRemote(page, 'PageDown');
    expect(await pressRemote(page, 'PageDown')).toMatch(/^Revealed/);
    expect(await pressRemote(page, 'PageDown')).toMatch(/^Next opens when this step’s experiment/);
    await expect(page.locator('.question .verdict').innerText()).resolves.toMatch(/^Revealed/);
    // B (or .) pauses the run and plays it again.
    await page.keyboard.press('b');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await playByRemote(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    expect(await pressRemote(page, 'PageUp')).toBe('');
    await stepTitled(page, first.title);

    const violations: string[] = [];
    const auditBothThemes = async (stage: string) => {
      for (const theme of ['projector-dark', 'projector-light']) {
        await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
        await page.waitForTimeout(100);
        for (const v of await axeViolations(page))
          violations.push(`${stage}, ${theme}: ${v.id} (${v.impact}) ${v.nodes[0]?.target}`);
        await page
          .locator('.question')
          .screenshot({ path: `${SHOTS}/presenter-remote-${stage}-${theme}.png` });
      }
      await page.evaluate(() => (document.documentElement.dataset.theme = 'projector-dark'));
    };
    const audited = new Set<string>();
    const findingsChecked: string[] = [];
    const started = Date.now();
    const walked = await remoteWalk(page, {
      stepTimeout: 150_000,
      onStage: async (stage, step) => {
        // The lab's one walk end to end: each step's findings, as a student would read them.
        const findings = stage === 'answered' ? FAT_FILE_FINDINGS[step.title] : undefined;
        if (findings) {
          await findings(page);
          findingsChecked.push(step.title);
        }
        if (stage === 'revealed' || audited.has(stage)) return;
        audited.add(stage);
        await auditBothThemes(stage);
      },
    });
    console.log(
      `remote walk of the fat-file lab: ${((Date.now() - started) / 1000).toFixed(0)} s, ` +
        walked.map((s) => `${s.title}: ${s.said.length} said`).join('; '),
    );

    expect(walked.map((s) => s.title)).toEqual(fatFile.steps.map((s) => s.title));
    for (const step of walked.filter((s) => s.question)) {
      // The question revealed before going back is not voted on again: its experiment runs.
      expect(step.voted, step.title).toBe(step.title !== second.title);
      // The right answer, as the simulation measured it, is on screen before the lab goes on.
      expect(step.answerShown, step.title).toMatch(/^The answer: /);
    }
    expect([...audited].sort()).toEqual(['answered', 'voting']);
    expect(findingsChecked).toEqual(Object.keys(FAT_FILE_FINDINGS));
    expect(violations).toEqual([]);
    expect(await afterTheWalk(page)).toEqual({ overflow: 0, pointer: 0 });
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  }, 600_000);
});
