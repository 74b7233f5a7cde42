/** Shared set-up for end-to-end tests: Debian's Chromium, the built site on a sub-path. */
import { existsSync, mkdirSync } from 'node:fs';
import { TEST_SPEED_KEY } from '../../src/lab/testSpeed';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../src/cli/chromium';
import { serveStatic } from '../../src/cli/staticServer';

/** Screenshots kept for inspection (ignored by git). */
export const SHOTS = 'tests/e2e/output';

export interface Site {
  browser: Browser;
  page: Page;
  url: string;
  /** console errors, page errors, failed requests and HTTP errors seen so far */
  problems: string[];
  /**
   * A browser context of its own (no saved progress, its own window size), playing the labs at
   * the site's speed: a context made with `browser.newContext` would play them at watching speed.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * The built site under test: `dist/` unless EDGE_LAB_DIST names another build (so two people,
 * or two tools, can build and test side by side without overwriting each other's build).
 */
const DIST = process.env.EDGE_LAB_DIST ?? 'dist';

/**
 * How many times faster than watching speed the lab walks play (see openSite). At 30 each walk
 * passed with the same checks as at 10, about a third faster (flash crowd 34 s -> 24 s, the hall
 * walks 139 s -> 84 s); a control that is there only while a run plays (the rollout's abort) is
 * tested at watching speed.
 */
const FAST_WALK = 30;

/**
 * Opens the built site in headless Chromium. With `fast`, every lab plays its runs FAST_WALK
 * times faster than a student watches them (the test-only speed setting, src/lab/testSpeed.ts):
 * a walk checks what the student sees and is judged, not the watching speed. It holds for the
 * site's page and for every context made with the site's `newContext`.
 */
export async function openSite(
  basePath = '/courses/cdn/edge-lab/',
  { fast = false } = {},
): Promise<Site> {
  if (!existsSync(`${DIST}/index.html`))
    throw new Error(`${DIST}/ is missing: run \`npm run build\` first`);
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package`);
  mkdirSync(SHOTS, { recursive: true });
  const server = await serveStatic(DIST, basePath);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const newContext = async (options?: BrowserContextOptions) => {
    const context = await browser.newContext(options);
    if (fast)
      await context.addInitScript(
        ([key, factor]) => localStorage.setItem(key, factor),
        [TEST_SPEED_KEY, String(FAST_WALK)],
      );
    return context;
  };
  const page = await (await newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  // A request the page itself cancelled (a worker disposed of while its script was still
  // loading, when a lab resets its run twice in quick succession) is not a failure.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return {
    browser,
    page,
    url: server.url,
    problems,
    newContext,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
