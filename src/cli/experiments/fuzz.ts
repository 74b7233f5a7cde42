/**
 * `fuzz` (`npm run fuzz -- [--seconds S] [--seed N] [--page NAME]`): seeded random pointer and
 * keyboard input on the home page, the sandbox and every lab of the built site, each for a
 * bounded time, in headless Chromium (see fuzzPage.ts for what it does and what counts as a
 * failure). Fails with the seed and the page that reproduce a problem.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { choiceFlag, numberFlag, type Experiment } from '../experiment';
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium';
import { serveStatic } from '../staticServer';
import { fuzzPage, fuzzTargets, fuzzUrl, replayCommand, type FuzzOutcome } from './fuzzPage';

const BASE = '/edge-lab/';
/** The built site: `dist/`, or another build named by EDGE_LAB_DIST (as the e2e tests do). */
const dist = () => process.env.EDGE_LAB_DIST ?? 'dist';

export const fuzzExperiment: Experiment = {
  name: 'fuzz',
  summary: 'seeded random clicks, keys and text on every page of the built site (needs dist/)',
  flags: {
    seconds: numberFlag('wall seconds of random input per page', 25, { min: 1, max: 3600 }),
    page: choiceFlag(
      'only this page (home, sandbox, lab:<id>) or all',
      'all',
      (raw) => (/^(all|home|sandbox|lab:[a-z0-9-]+)$/.test(raw) ? raw : undefined),
      'all, home, sandbox or lab:<lab id>',
    ),
  },
  async run(p, seed) {
    const root = dist();
    if (!existsSync(`${root}/index.html`))
      throw new Error(`${root}/ is missing: run \`npm run build\` first (npm run fuzz does)`);
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium`);
    const seconds = Number(p.seconds);
    const shots = join(tmpdir(), 'edge-lab-fuzz');
    mkdirSync(shots, { recursive: true });
    const server = await serveStatic(root, BASE);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const scout = await browser.newPage();
      const targets = (await fuzzTargets(scout, server.url)).filter(
        (t) => p.page === 'all' || t.name === p.page,
      );
      await scout.close();
      if (targets.length === 0) throw new Error(`no page called ${String(p.page)}`);
      const outcomes: FuzzOutcome[] = [];
      for (const t of targets) {
        // A fresh page per target: one page's broken state must not be blamed on the next.
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        outcomes.push(
          await fuzzPage(page, {
            url: fuzzUrl(server.url, t.hash),
            siteUrl: server.url,
            name: t.name,
            seed,
            seconds,
            screenshot: join(shots, `${t.name.replace(/[^a-z0-9-]/g, '_')}-${seed}.png`),
          }),
        );
        await page.close();
      }
      const failed = outcomes.filter((o) => o.problems.length > 0);
      if (failed.length > 0)
        throw new Error(failed.map((o) => failureReport(o, seconds)).join('\n\n'));
      return {
        digest: 'none', // the inputs are seeded, the page's timing is not: no trace to compare
        pages: outcomes.map((o) => ({ page: o.name, actions: o.actions, refused: o.refused })),
      };
    } finally {
      await browser.close();
      await server.close();
    }
  },
};

/** A failure report: what went wrong, the inputs just before it, and how to replay them. */
export function failureReport(o: FuzzOutcome, seconds: number): string {
  return [
    `fuzz: ${o.name} failed after ${o.actions} actions (seed ${o.seed}):`,
    ...o.problems.slice(0, 5).map((p) => `  ${p.slice(0, 500)}`),
    '  last actions:',
    ...o.trail.map((a) => `    ${a}`),
    `  replay: ${replayCommand(o, seconds)}`,
    ...(o.screenshot ? [`  screenshot: ${o.screenshot}`] : []),
  ].join('\n');
}
