/**
 * Seeded random input on one page of the built site, driven from Playwright: clicks on every
 * kind of control, sliders pushed to their ends, hostile text in fields, clicks and wheel turns
 * on the map's canvas, keys (arrows, pages, digits, "?", Escape, Tab, presenter keys), history
 * moves and lab links. Every choice comes from one stream seeded by (seed, page name), so a
 * failure is replayed by the same seed and page; the page's timing (how far the simulation got
 * between two inputs) is not under the fuzzer's control, so a replay is faithful in its inputs,
 * not always in its outcome.
 *
 * Pages open in assert mode (fuzzUrl), so a broken invariant stops the simulation with a
 * message. It fails on anything a student would suffer: an uncaught error or unhandled rejection, a
 * console error, a failed request, a worker failure or stopped simulation reported on the page,
 * a lab's error boundary, or a blank page.
 */
import type { FileChooser, Page } from 'playwright-core';
import { RandomStream } from '@sim/random/RandomStream';

/** What the page shows when something went wrong that no exception reached the console for. */
const FAILURE_TEXTS = [
  'The simulation stopped',
  'A simulation worker failed',
  'The lab stopped',
  'could not be loaded',
  'cannot run:',
];

/** Everything a student can operate. */
const CONTROLS =
  'button, input, select, textarea, summary, [role=slider], [role=button], [tabindex="0"], a[href^="#"]';

/** Text typed into fields: ordinary numbers, boundaries, nonsense and markup. */
const TYPED = [
  '0',
  '1',
  '-1',
  '0.5',
  '3',
  '42',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '9007199254740993',
  '',
  ' ',
  'abc',
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '١٢٣',
  '1,000',
];

const KEYS = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
  'Space',
  'Enter',
  'Escape',
  'Tab',
  'Shift+Tab',
  '?',
  '0',
  '1',
  '2',
  '5',
  '9',
  'f',
  'p',
  'n',
  'b',
  'r',
  's',
  'k',
  'j',
  '.',
  ',',
  '+',
  '-',
];

/** Files offered to file fields (a demo script's "Load"): broken, hostile, too large, nearly right. */
const FILES = [
  '',
  'not json',
  '{}',
  '[]',
  'null',
  '{"format":"edge-lab-demo","version":1}',
  '{"format":"edge-lab-demo","version":1,"lab":"dns-resolution","title":"<img src=x onerror=alert(1)>","seed":1,"start":"intro","cues":[{"do":"runTo","seconds":1e308}]}',
  '{"format":"edge-lab-demo","version":1,"lab":"../../etc","title":"t","seed":-1,"start":"x","cues":[]}',
  `{"cues":[${'{"do":"step","step":"intro"},'.repeat(5000)}{}]}`,
];

const SLIDER_KEYS = ['Home', 'End', 'PageUp', 'PageDown', 'ArrowLeft', 'ArrowRight'];

/** Playwright's own refusals (an element that moved, went away or stayed disabled) are not bugs. */
const ACTION_TIMEOUT_MS = 1_500;

export interface FuzzOptions {
  /** the page's address (the site's URL plus a hash route) */
  url: string;
  /** the site's root: navigation outside it is undone */
  siteUrl: string;
  /** names the random stream together with the seed, e.g. `lab:dns-resolution` */
  name: string;
  seed: number;
  seconds: number;
  /** where to keep a screenshot of a failure (none if omitted) */
  screenshot?: string;
  /** how many of the last actions to report (25) */
  trailLength?: number;
}

export interface FuzzOutcome {
  name: string;
  seed: number;
  actions: number;
  /** actions Playwright could not carry out (element gone or disabled meanwhile) */
  refused: number;
  problems: string[];
  /** the last actions before the first problem (or the run's end) */
  trail: string[];
  /** the screenshot kept of a failure */
  screenshot?: string;
}

interface Candidate {
  index: number;
  kind: 'click' | 'slider' | 'text' | 'select' | 'number';
  label: string;
  options: number;
}

export async function fuzzPage(page: Page, options: FuzzOptions): Promise<FuzzOutcome> {
  const rng = new RandomStream(options.seed, `fuzz:${options.name}`);
  const pick = <T>(items: readonly T[]): T => items[rng.int(0, items.length - 1)];
  const chance = (p: number) => rng.bernoulli(p);
  const problems: string[] = [];
  const trail: string[] = [];
  let actions = 0;
  let refused = 0;

  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  };
  const onPageError = (e: Error) => problems.push(`uncaught: ${e.stack ?? e.message}`);
  const onRequestFailed = (r: { url(): string; failure(): { errorText: string } | null }) => {
    // A request the page itself cancelled (a worker disposed of while loading) is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}`);
  };
  const onResponse = (r: { status(): number; url(): string }) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  };
  const onDialog = (d: { dismiss(): Promise<void> }) => void d.dismiss().catch(() => {});
  const onPopup = (p: Page) => {
    problems.push(`a new window opened: ${p.url()}`);
    void p.close().catch(() => {});
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onRequestFailed);
  page.on('response', onResponse);
  page.on('dialog', onDialog);
  page.on('popup', onPopup);
  // A button that opens a file chooser ("Load a demo…") is given one of the hostile files.
  const onFileChooser = (chooser: FileChooser) => {
    const i = rng.int(0, FILES.length - 1);
    note(`  file chooser: file ${i} of the hostile set`);
    void chooser
      .setFiles({ name: 'demo.json', mimeType: 'application/json', buffer: Buffer.from(FILES[i]) })
      .catch(() => {});
  };
  page.on('filechooser', onFileChooser);

  const note = (what: string) => {
    trail.push(`${actions}: ${what}`);
    if (trail.length > (options.trailLength ?? 25)) trail.shift();
  };

  async function candidates(): Promise<Candidate[]> {
    return page.locator(CONTROLS).evaluateAll((elements) =>
      elements.flatMap((el, index) => {
        // checkVisibility also skips what a closed <details> holds (laid out, but not shown).
        const box = el.getBoundingClientRect();
        if (
          box.width === 0 ||
          box.height === 0 ||
          !el.checkVisibility({ visibilityProperty: true })
        )
          return [];
        if ((el as HTMLButtonElement).disabled) return [];
        const label = (
          el.getAttribute('aria-label') ??
          (el as HTMLInputElement).labels?.[0]?.innerText ??
          (el as HTMLElement).innerText ??
          el.getAttribute('name') ??
          ''
        )
          .trim()
          .slice(0, 40);
        const tag = el.tagName.toLowerCase();
        const type = (el as HTMLInputElement).type;
        let kind: Candidate['kind'] = 'click';
        if (tag === 'select') kind = 'select';
        else if (tag === 'textarea') kind = 'text';
        else if (tag === 'input' && type === 'range') kind = 'slider';
        else if (el.getAttribute('role') === 'slider') kind = 'slider';
        else if (tag === 'input' && type === 'number') kind = 'number';
        else if (tag === 'input' && !['checkbox', 'radio', 'button', 'submit'].includes(type))
          kind = 'text';
        const options = tag === 'select' ? (el as HTMLSelectElement).options.length : 0;
        return [{ index, kind, label: `${tag}${type ? `[${type}]` : ''} “${label}”`, options }];
      }),
    );
  }

  async function operateControl(): Promise<void> {
    const all = await candidates();
    if (all.length === 0) return note('no control to operate');
    const c = pick(all);
    const target = page.locator(CONTROLS).nth(c.index);
    if (c.kind === 'click') {
      note(`click ${c.label}`);
      await target.click({ timeout: ACTION_TIMEOUT_MS });
    } else if (c.kind === 'slider') {
      const keys = Array.from({ length: rng.int(1, 3) }, () => pick(SLIDER_KEYS));
      note(`slider ${c.label}: ${keys.join(' ')}`);
      await target.focus({ timeout: ACTION_TIMEOUT_MS });
      for (const k of keys) await page.keyboard.press(k);
    } else if (c.kind === 'select') {
      const option = rng.int(0, Math.max(1, c.options) - 1);
      note(`select ${c.label}: option ${option}`);
      await target.selectOption({ index: option }, { timeout: ACTION_TIMEOUT_MS });
    } else {
      const text = pick(TYPED);
      const then = pick(['Enter', 'Tab', 'none'] as const);
      note(`type into ${c.label}: ${JSON.stringify(text)} then ${then}`);
      // A number field refuses text Chromium cannot parse: type it key by key instead.
      if (c.kind === 'number' && !/^-?[\d.e]*$/.test(text)) {
        await target.click({ timeout: ACTION_TIMEOUT_MS });
        await page.keyboard.type(text);
      } else await target.fill(text, { timeout: ACTION_TIMEOUT_MS });
      if (then !== 'none') await page.keyboard.press(then);
    }
  }

  async function poke(): Promise<void> {
    // Only the part of each canvas inside the viewport: a click outside it reaches nothing.
    const canvases = await page.locator('canvas').evaluateAll((els) =>
      els.flatMap((el, index) => {
        const b = el.getBoundingClientRect();
        if (!el.checkVisibility({ visibilityProperty: true })) return [];
        const x = Math.max(0, b.left);
        const y = Math.max(0, b.top);
        const w = Math.min(innerWidth, b.right) - x;
        const h = Math.min(innerHeight, b.bottom) - y;
        return w > 20 && h > 20 ? [{ index, x, y, w, h }] : [];
      }),
    );
    if (canvases.length === 0) return note('no canvas to click');
    const c = pick(canvases);
    const x = c.x + rng.int(0, Math.floor(c.w) - 1);
    const y = c.y + rng.int(0, Math.floor(c.h) - 1);
    const how = pick(['click', 'click', 'dblclick', 'wheel', 'drag'] as const);
    note(`${how} canvas ${c.index} at ${Math.round(x)},${Math.round(y)}`);
    if (how === 'click') await page.mouse.click(x, y);
    else if (how === 'dblclick') await page.mouse.dblclick(x, y);
    else if (how === 'wheel') {
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, chance(0.5) ? -400 : 400);
    } else {
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 80, y + 40, { steps: 4 });
      await page.mouse.up();
    }
  }

  async function press(): Promise<void> {
    const keys = Array.from({ length: rng.int(1, 3) }, () => pick(KEYS));
    note(`keys ${keys.join(' ')}`);
    for (const k of keys) await page.keyboard.press(k);
  }

  async function move(): Promise<void> {
    const where = pick(['back', 'forward', 'start', 'wait'] as const);
    if (where === 'wait') {
      const ms = rng.int(100, 999);
      note(`wait ${ms} ms`);
      await page.waitForTimeout(ms);
    } else if (where === 'start') {
      note(`go to ${options.url.slice(options.siteUrl.length)}`);
      await page.goto(options.url);
    } else {
      note(`history ${where}`);
      await (where === 'back' ? page.goBack() : page.goForward());
    }
  }

  /** What the page says went wrong, if anything (a check between actions). */
  async function pageFailures(): Promise<string[]> {
    const text = await page
      .locator('body')
      .innerText({ timeout: 5_000 })
      .catch(() => '');
    if (!page.url().startsWith(options.siteUrl)) {
      const away = page.url();
      await page.goto(options.url);
      return away.startsWith('about:') ? [] : [`the page left the site for ${away}`];
    }
    if (text.trim() === '') return ['the page is blank'];
    return FAILURE_TEXTS.filter((t) => text.includes(t)).map(
      (t) => `the page says: ${lineWith(text, t)}`,
    );
  }

  await page.goto(options.url).catch((e: Error) => problems.push(`cannot open: ${e.message}`));
  const deadline = Date.now() + options.seconds * 1000;
  try {
    while (Date.now() < deadline && problems.length === 0) {
      actions++;
      const act = pick([operateControl, operateControl, operateControl, poke, press, press, move]);
      try {
        await act();
      } catch (e) {
        // Playwright could not do it (the element moved or went away): not the product's fault.
        refused++;
        note(`  refused: ${(e as Error).message.split('\n')[0]}`);
      }
      if (actions % 5 === 0 || problems.length > 0) problems.push(...(await pageFailures()));
    }
    if (problems.length === 0) problems.push(...(await pageFailures()));
    if (problems.length > 0 && options.screenshot)
      await page.screenshot({ path: options.screenshot, fullPage: true }).catch(() => {});
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onRequestFailed);
    page.off('response', onResponse);
    page.off('dialog', onDialog);
    page.off('popup', onPopup);
    page.off('filechooser', onFileChooser);
  }
  const screenshot = problems.length > 0 ? options.screenshot : undefined;
  return { name: options.name, seed: options.seed, actions, refused, problems, trail, screenshot };
}

function lineWith(text: string, needle: string): string {
  return (text.split('\n').find((l) => l.includes(needle)) ?? needle).trim().slice(0, 300);
}

/** The pages a fuzz run visits: the home page, the sandbox, and every lab the home page lists. */
export async function fuzzTargets(page: Page, siteUrl: string) {
  await page.goto(siteUrl);
  const labs = await page
    .locator('a[href^="#/lab/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  // The home page links the suggested lab twice (its button and its place in the list): the
  // same name and seed would replay the same input on the same page.
  return [
    { name: 'home', hash: '#/' },
    { name: 'sandbox', hash: '#/sandbox?scale=classroom&workers=2' },
    ...[...new Set(labs)].map((hash) => ({ name: `lab:${hash.replace('#/lab/', '')}`, hash })),
  ];
}

/**
 * The address the fuzzer opens: the page in assert mode (`?assert`, src/ui/fuzz/assertMode.ts),
 * so the simulation's invariant checks run in the page and in every shard worker.
 */
export function fuzzUrl(siteUrl: string, hash: string): string {
  return `${siteUrl}?assert${hash}`;
}

/** How a failure is replayed from the command line. */
export function replayCommand(outcome: FuzzOutcome, seconds: number): string {
  return `npm run fuzz -- --seed ${outcome.seed} --page ${outcome.name} --seconds ${seconds}`;
}
