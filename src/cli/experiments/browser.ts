/**
 * `browser`: the sandbox as a student's browser runs it. Serves the built site (`dist/`), opens
 * the sandbox in Debian's headless Chromium at the chosen scale and request load, plays it as
 * fast as possible with 1 and then 2 workers, and measures:
 * - simulated seconds per wall second (from the page's own clock), once the page's clock has
 *   passed the warm-up: at 100× load the first simulated seconds are a cold start (every
 *   resolver's cache empty, so several times the DNS traffic of later on, and the JIT still
 *   compiling) that runs at a fraction of the speed a student then sees for as long as they
 *   play; the warm-up's own speed is reported beside it,
 * - the main thread's frame times (requestAnimationFrame intervals, p50 / p95) while running,
 *   and the share of wall time it was busy (Chrome's TaskDuration metric),
 * - the JavaScript the first page load fetches, gzipped (what a student waits for).
 * Prints figures; asserts nothing about time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { parseScaleArg } from '@sim/topology/scales';
import { choiceFlag, numberFlag, scaleFlag, type Experiment } from '../experiment';
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium';
import { serveStatic } from '../staticServer';

const BASE = '/edge-lab/';

export const browserExperiment: Experiment = {
  name: 'browser',
  summary: 'the sandbox in headless Chromium: speed with 1 and 2 workers, frame times, first load',
  flags: {
    scale: scaleFlag('2009'),
    load: numberFlag('request load, × the usual rate (the sandbox slider: 0.1 to 100)', 100, {
      min: 0.1,
      max: 100,
    }),
    seconds: numberFlag('wall seconds measured per worker count, after a warm-up', 15, {
      min: 2,
      max: 600,
    }),
    warmup: numberFlag('simulated seconds the page runs before measuring (at least 3 wall s)', 10, {
      min: 0,
      max: 3_600,
    }),
    'max-workers': numberFlag('measure 1 up to this many workers', 2, {
      min: 1,
      max: 8,
      integer: true,
    }),
    dns: choiceFlag(
      'client groups resolve through DNS (the whole CDN), or go straight to the mapping',
      'on',
      (raw) => (raw === 'on' || raw === 'off' ? raw : undefined),
      'on or off',
    ),
  },
  async run(p, seed) {
    if (!existsSync('dist/index.html'))
      throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium`);
    const scale = parseScaleArg(String(p.scale));
    const server = await serveStatic('dist', BASE);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const runs = [];
      for (let workers = 1; workers <= Number(p['max-workers']); workers++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const url = `${server.url}#/sandbox?scale=${scale}&seed=${seed}&workers=${workers}&dns=${p.dns}`;
        const timing = { seconds: Number(p.seconds), warmupSimSeconds: Number(p.warmup) };
        runs.push({ workers, ...(await measure(page, url, Number(p.load), timing)) });
        await page.close();
      }
      const one = runs[0].simSecondsPerWallSecond;
      return {
        // Timed runs stop at whatever simulated time they reached, so there is no common
        // trace to digest; tests/e2e/determinism.test.ts compares digests in the browser.
        digest: 'none',
        scale: String(scale),
        load: Number(p.load),
        // The figure the sandbox is held to: one worker, after the warm-up (goal: at least 1).
        sandbox: `${runs[0].simSecondsPerWallSecond} simulated s per wall s with 1 worker after ${p.warmup} simulated s (the first ${runs[0].warmUpSimulatedSeconds} s: ${runs[0].warmUpSimSecondsPerWallSecond}); frame p95 ${runs[0].frameMsP95} ms`,
        firstLoadJsKbGzip: firstLoadJsKb('dist'),
        runs: runs.map((r) => ({ ...r, speedup: round(r.simSecondsPerWallSecond / one, 2) })),
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};

async function measure(
  page: Page,
  url: string,
  load: number,
  { seconds, warmupSimSeconds }: { seconds: number; warmupSimSeconds: number },
) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(url);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
  const loadSlider = page.getByLabel(/Request load/);
  await loadSlider.fill(String(Math.log10(load)));
  await loadSlider.dispatchEvent('change');
  const speed = page.getByLabel('Speed');
  await speed.fill(await speed.getAttribute('max').then((m) => m ?? '100'));
  await play.click();
  const warm0 = Date.now();
  // Warm-up: the JIT, the first windows, the charts' first draw, and the cold start of the
  // simulated world (see the top of this file).
  await page.waitForTimeout(3000);
  // Polled from here: the site's content security policy refuses waitForFunction's eval.
  while (((await page.evaluate(`(${READ_CLOCK})()`)) as number) < warmupSimSeconds) {
    if (Date.now() - warm0 > WARMUP_TIMEOUT_MS)
      throw new Error(`the page did not reach ${warmupSimSeconds} simulated s in time`);
    await page.waitForTimeout(200);
  }
  const warmUpWall = (Date.now() - warm0) / 1000;
  const warmUpSim = (await page.evaluate(`(${READ_CLOCK})()`)) as number;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await mainThreadSeconds(cdp);
  const result = (await page.evaluate(`(${PAGE_PROBE})(${seconds * 1000})`)) as {
    sim: number;
    wall: number;
    frames: number[];
  };
  const mainBusy = (await mainThreadSeconds(cdp)) - before;
  const frames = result.frames.slice(1).sort((a, b) => a - b);
  const pct = (q: number) =>
    round(frames[Math.min(frames.length - 1, Math.floor(q * frames.length))], 1);
  if (problems.length) throw new Error(`the page reported errors: ${problems.join('; ')}`);
  return {
    warmUpSimulatedSeconds: round(warmUpSim, 3),
    warmUpWallSeconds: round(warmUpWall, 2),
    warmUpSimSecondsPerWallSecond: round(warmUpSim / warmUpWall, 3),
    simulatedSeconds: round(result.sim, 3),
    wallSeconds: round(result.wall, 2),
    simSecondsPerWallSecond: round(result.sim / result.wall, 3),
    frames: frames.length,
    frameMsP50: pct(0.5),
    frameMsP95: pct(0.95),
    mainThreadBusyPercent: round((100 * mainBusy) / result.wall, 1),
  };
}

/** Longest warm-up, wall ms: a page slower than this is too slow to measure anyway. */
const WARMUP_TIMEOUT_MS = 240_000;

/** Runs in the page: the simulated time the time controls show, seconds. */
const READ_CLOCK = `() => {
  const text = document.querySelector('.clock span')?.textContent ?? '';
  const m = /t = (?:(\\d+) h )?(?:(\\d+) min )?([\\d.]+) (ms|s)/.exec(text);
  if (!m) throw new Error('cannot read the clock: "' + text + '"');
  const hours = Number(m[1] ?? 0);
  const minutes = Number(m[2] ?? 0);
  return hours * 3600 + minutes * 60 + Number(m[3]) * (m[4] === 's' ? 1 : 0.001);
}`;

/**
 * Runs in the page: records requestAnimationFrame intervals for `ms` and reads the simulated
 * clock the time controls show at both ends. Plain JavaScript in a string, because the
 * TypeScript loader would wrap named functions in a helper the page does not have.
 */
const PAGE_PROBE = `async (ms) => {
  const clock = ${READ_CLOCK};
  const frames = [];
  const wall0 = performance.now();
  const sim0 = clock();
  let last = wall0;
  await new Promise((done) => {
    const tick = (t) => {
      frames.push(t - last);
      last = t;
      if (t - wall0 < ms) requestAnimationFrame(tick);
      else done();
    };
    requestAnimationFrame(tick);
  });
  return { sim: clock() - sim0, wall: (performance.now() - wall0) / 1000, frames };
}`;

/** Seconds the page's main thread has spent on tasks (script, style, layout, paint) so far. */
async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** Scripts and module preloads that index.html names: what the first visit downloads. */
function firstLoadJsKb(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)) files.add(m[1]);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(dist, f))).length;
  return round(bytes / 1024, 1);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
