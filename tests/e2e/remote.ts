/**
 * A lecturer with a presenter remote: a lab driven by PageDown, PageUp and B alone, in presenter
 * mode (no other key, no pointer). On a question PageDown first shows the choices large for the
 * class's vote, then reveals the question (the experiment runs), then goes on once Next opens;
 * when Next is held back the page says why (B plays a paused run). Shared by the end-to-end
 * tests that walk the labs in a hall.
 */
import type { Page } from 'playwright-core';
import { SHOTS } from './browser';

/**
 * Counts trusted pointer, mouse and touch presses on the page (a remote walk has none); add it
 * with `page.addInitScript`, read it with `pointerPresses`.
 */
export function countPointerPresses(): void {
  const w = window as unknown as { pointerPresses: number };
  w.pointerPresses = 0;
  for (const type of ['pointerdown', 'mousedown', 'touchstart'])
    addEventListener(type, (e) => void (e.isTrusted && w.pointerPresses++), true);
}

/** What a walk leaves to check: sideways scroll (px) and presses of a pointer. */
export async function afterTheWalk(page: Page): Promise<{ overflow: number; pointer: number }> {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    pointer: (window as unknown as { pointerPresses: number }).pointerPresses,
  }));
}

/** What the remote met on one step. */
export interface RemoteStep {
  title: string;
  /** the step asked a question */
  question: boolean;
  /** the class's vote was shown (the choices large) */
  voted: boolean;
  /** the verdict area's text when Next opened after the reveal (the right answer, once measured) */
  answerShown: string | null;
  /** everything the page said while on this step, in order */
  said: string[];
}

export interface RemoteWalkOptions {
  /** how long one step may take, ms */
  stepTimeout?: number;
  /** called at each stage of a question (the vote shown, the reveal made, the answer shown) */
  onStage?: (stage: 'voting' | 'revealed' | 'answered', step: RemoteStep) => Promise<void>;
}

const title = (page: Page) => page.locator('#step-title').innerText();
const sayings = async (page: Page) =>
  Number(await page.locator('.key-said').getAttribute('data-sayings', { timeout: 5_000 }));

/**
 * Presses one of the remote's keys; resolves once the step changed or the page said something,
 * with what it said ('' when the step changed without a word).
 */
export async function pressRemote(page: Page, key: 'PageDown' | 'PageUp'): Promise<string> {
  const before = { title: await title(page), sayings: await sayings(page) };
  await page.keyboard.press(key);
  for (let waited = 0; waited < 10_000; waited += 100) {
    if ((await sayings(page)) > before.sayings)
      return (await page.locator('.key-said').innerText()).trim();
    if ((await title(page)) !== before.title) return '';
    await page.waitForTimeout(100);
  }
  throw new Error(`${key} on “${before.title}” neither moved on nor said anything in 10 s`);
}

/** The remote's B (its blank-screen button): plays a paused run. */
export async function playByRemote(page: Page): Promise<void> {
  await page.keyboard.press('b');
  // A run that ends at once may never show Pause, only Next opening: wait for either (at most
  // 5 s; the step's own deadline catches a real stall).
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  for (const end = Date.now() + 5_000; Date.now() < end; await page.waitForTimeout(100))
    if ((await pause.count()) > 0 || (await nextOpen(page))) return;
}

const nextOpen = async (page: Page) =>
  (await page
    .getByRole('button', { name: 'Next', exact: true })
    .and(page.locator(':enabled'))
    .count()) > 0;
const pausedNow = async (page: Page) =>
  (await page
    .getByRole('button', { name: 'Play', exact: true })
    .and(page.locator(':enabled'))
    .count()) > 0;

const clock = (page: Page) => page.locator('.clock').first().innerText();

/**
 * How long a paused run's clock must stay unmoved before the walk takes it as standing still.
 * The walks play the labs thirty times faster than a student watches (openSite's `fast`), so
 * two seconds here are a lecturer's minute.
 */
const STILL_MS = 2_000;

/**
 * The run stands still with Next closed: paused, the clock unmoved for STILL_MS. (A lab pauses
 * its run for a moment between the runs of one step, and may fast-forward while the run shows
 * as paused: no reason for a lecturer to press anything.) Answers no as soon as the run plays,
 * the clock moves or Next opens, rather than at the end of STILL_MS.
 */
async function standsStill(page: Page): Promise<boolean> {
  if (!(await pausedNow(page))) return false;
  const before = await clock(page);
  for (const end = Date.now() + STILL_MS; Date.now() < end;) {
    await page.waitForTimeout(100);
    if (!(await pausedNow(page)) || (await nextOpen(page)) || (await clock(page)) !== before)
      return false;
  }
  return true;
}

/**
 * Walks the lab from the step it is on to its last with the remote's keys alone; returns what it
 * met on each step. Like a lecturer it presses PageDown on a question (vote, then reveal), and
 * then when Next has opened; while the experiment runs it waits, and a run that stands still it
 * plays with B after PageDown has said why Next is held back. (It never presses PageDown while a run
 * could open Next meanwhile, so that the answer on screen is always read before it goes on.)
 * Fails, keeping `remote-stuck.png`, if a step never lets it go on.
 */
export async function remoteWalk(
  page: Page,
  options: RemoteWalkOptions = {},
): Promise<RemoteStep[]> {
  const { stepTimeout = 150_000, onStage } = options;
  const steps: RemoteStep[] = [];
  for (;;) {
    const step: RemoteStep = {
      title: await title(page),
      question: (await page.locator('.question').count()) > 0,
      voted: false,
      answerShown: null,
      said: [],
    };
    steps.push(step);
    const deadline = Date.now() + stepTimeout;
    for (;;) {
      if (Date.now() > deadline) {
        await page.screenshot({ path: `${SHOTS}/remote-stuck.png` });
        throw new Error(`The remote could not leave “${step.title}”: ${step.said.join(' / ')}`);
      }
      const unrevealed =
        step.question && (await page.locator('.question.hall-revealed').count()) === 0;
      const open = await nextOpen(page);
      if (!unrevealed && !open && !(await standsStill(page))) {
        await page.waitForTimeout(250); // the experiment runs
        continue;
      }
      if (step.question && open && step.answerShown === null) {
        step.answerShown = (await page.locator('.question .verdict').innerText()).trim();
        await onStage?.('answered', step);
      }
      const said = await pressRemote(page, 'PageDown');
      if (said === '') break; // the next step
      step.said.push(said);
      if (/last step/.test(said)) return steps;
      if (/class votes/.test(said)) {
        step.voted = (await page.locator('.question.hall-voting').count()) > 0;
        await onStage?.('voting', step);
      } else if (/^Revealed/.test(said)) await onStage?.('revealed', step);
      else if (/B plays it/.test(said)) await playByRemote(page);
    }
  }
}
