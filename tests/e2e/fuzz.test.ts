/**
 * The fuzzer as part of CI: seeded random clicks, keys and text on the home page, the sandbox
 * and every lab of the built site, a bounded time each (FUZZ_SECONDS, 20 by default; FUZZ_SEED
 * picks the seed, 1 by default). Any uncaught error, unhandled rejection, console error, failed
 * request, worker failure or blank page fails it with the seed and page that replay it.
 * Longer runs: `npm run fuzz -- --seconds 300 --seed 7`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureReport } from '../../src/cli/experiments/fuzz';
import { fuzzPage, fuzzTargets, fuzzUrl } from '../../src/cli/experiments/fuzzPage';
import { openSite, SHOTS, type Site } from './browser';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
/**
 * Pages fuzzed side by side, each in its own window: most of a page's time is spent waiting for
 * the page to settle between inputs, and the input each receives depends on its own stream only.
 */
const PAGES_AT_ONCE = 2;

describe('random input on every page', () => {
  let site: Site;
  let targets: { name: string; hash: string }[] = [];

  beforeAll(async () => {
    site = await openSite();
    targets = await fuzzTargets(site.page, site.url);
  }, 60_000);

  afterAll(async () => site?.close());

  it('finds the home page, the sandbox and every lab to fuzz', () => {
    expect(targets.map((t) => t.name)).toEqual(
      expect.arrayContaining(['home', 'sandbox', 'lab:dns-resolution', 'lab:flash-crowd']),
    );
    expect(targets.length).toBeGreaterThanOrEqual(6);
  });

  it('reports a page that fails, with the seed that replays it', async () => {
    // The detector must be able to fail: a page whose only button leaves a promise rejected.
    const page = await site.browser.newPage();
    await page.route('http://broken.test/**', (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: '<button onclick="Promise.reject(new Error(`boom`))">Go</button>',
      }),
    );
    const outcome = await fuzzPage(page, {
      url: 'http://broken.test/#/',
      siteUrl: 'http://broken.test/',
      name: 'broken',
      seed: SEED,
      seconds: 10,
    });
    await page.close();
    expect(outcome.problems.join('\n')).toMatch(/uncaught: Error: boom/);
    expect(failureReport(outcome, 10)).toContain(
      `npm run fuzz -- --seed ${SEED} --page broken --seconds 10`,
    );
  }, 30_000);

  it(
    'survives seeded random input on each page',
    async () => {
      const failures: string[] = [];
      const waiting = [...targets];
      const fuzzNext = async () => {
        for (let t = waiting.shift(); t; t = waiting.shift()) {
          const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
          const outcome = await fuzzPage(page, {
            url: fuzzUrl(site.url, t.hash),
            siteUrl: site.url,
            name: t.name,
            seed: SEED,
            seconds: SECONDS,
            screenshot: `${SHOTS}/fuzz-${t.name.replace(/[^a-z0-9-]/g, '_')}.png`,
          });
          await page.close();
          console.log(`fuzz ${t.name}: ${outcome.actions} actions, ${outcome.refused} refused`);
          if (outcome.problems.length > 0) failures.push(failureReport(outcome, SECONDS));
        }
      };
      await Promise.all(Array.from({ length: PAGES_AT_ONCE }, fuzzNext));
      expect(failures, failures.join('\n\n')).toEqual([]);
    },
    60_000 + Math.ceil(12 / PAGES_AT_ONCE) * (SECONDS + 20) * 1000,
  );
});
