/**
 * The built site as a static host serves it, from a sub-path: it runs under its own strict
 * Content-Security-Policy with no violation, asks nothing of any other origin, works offline
 * after the first visit (service worker precache, workers included), offers a new version
 * instead of swapping it in, and shows one lab without the site's chrome inside an iframe.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../src/cli/chromium';
import { serveStatic } from '../../src/cli/staticServer';
import { LABS } from '../../src/ui/labsList';
import { SHOTS } from './browser';

const DIST = process.env.EDGE_LAB_DIST ?? 'dist';
const BASE = '/courses/cdn/edge-lab/';

/** Waits until a run's worker has built its network and sent a frame (the clock shows a time). */
async function runReady(page: Page): Promise<void> {
  await page
    .locator('.clock')
    .filter({ hasText: /t = \d/ })
    .waitFor({ timeout: 60_000 });
}

/**
 * Opens a lab by its link and waits for its title, its first step and its running simulation
 * (the title first: a hash change keeps the previous lab on screen for a moment).
 */
async function openLab(page: Page, url: string, lab: { id: string; title: string }) {
  await page.goto(`${url}#/lab/${lab.id}`);
  await page.getByRole('heading', { level: 1, name: lab.title }).waitFor({ timeout: 60_000 });
  await page.locator('#step-title').waitFor({ timeout: 60_000 });
  await runReady(page);
}

describe('the built site on a static host', () => {
  // A copy of the build, so the offline part can take the files away and the update part can
  // change the service worker without touching the build other tests use.
  const root = mkdtempSync(join(tmpdir(), 'edge-lab-hosting-'));
  const site = join(root, 'site');
  const away = join(root, 'away');
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** every URL requested by the page, its workers and its service worker */
  const requested: string[] = [];
  /** console errors (CSP violations among them), page errors, failed requests, HTTP errors */
  const problems: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`))
      throw new Error(`${DIST}/ is missing: run \`npm run build\` first`);
    cpSync(DIST, site, { recursive: true });
    server = await serveStatic(site, BASE);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    // Our own context (not openSite's page): offline mode and service workers are per context.
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Init scripts run outside the page's CSP, so this listener sees every violation.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
        ),
      );
    });
    context.on('request', (r) => requested.push(r.url()));
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      problems.push(m.text());
      if (/CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`request failed: ${r.url()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('carries its policy as a meta tag: strict, workers from itself only', async () => {
    await page.goto(server.url);
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content', { timeout: 5_000 });
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/style-src 'self'(;|$)/);
    expect(policy).toMatch(/worker-src 'self'(;|$)/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('opens home, the sandbox and every lab under the policy with no violation', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Edge Lab', level: 1 }).waitFor();
    await page.goto(`${server.url}#/sandbox`);
    await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
    await runReady(page);
    // The topology (cytoscape, which would inject a <style> if not told otherwise) is drawn.
    await page.locator('.__________cytoscape_container canvas').first().waitFor();
    for (const lab of LABS) await openLab(page, server.url, lab);
    await page.screenshot({ path: `${SHOTS}/hosting-last-lab.png` });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('asks nothing of any other origin', () => {
    const origin = new URL(server.url).origin;
    expect(requested.length).toBeGreaterThan(10);
    const elsewhere = requested.filter(
      (u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u),
    );
    expect(elsewhere).toEqual([]);
  });

  it('has stored itself, workers included, once its service worker is active', async () => {
    await page.goto(server.url);
    const cached = await page.evaluate(async () => {
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no service worker became active in 30 s')), 30_000),
      );
      await Promise.race([navigator.serviceWorker.ready, timeout]);
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    // Every file of the build but the service worker's own, the workers' scripts among them.
    const stored = new Set(cached.map((u) => new URL(u).pathname.slice(BASE.length)));
    const files = readdirSync(site, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => relative(site, join(f.parentPath, f.name)).split(sep).join('/'))
      .filter((f) => !/^(sw\.js|workbox-[\w-]+\.js|\.nojekyll)$/.test(f));
    expect(files.some((f) => /^assets\/shard\.worker-[\w-]+\.js$/.test(f))).toBe(true);
    expect(files.filter((f) => !stored.has(f))).toEqual([]);
  }, 60_000);

  it('works offline: the home page, a lab and the sandbox with the network gone', async () => {
    problems.length = 0;
    // Both: the browser offline, and nothing left on the host should a request still get out.
    renameSync(site, away);
    await context.setOffline(true);
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Guided labs' }).waitFor();
      await openLab(page, server.url, LABS[0]);
      await page.screenshot({ path: `${SHOTS}/hosting-offline-lab.png` });
      // An embedded lab's address, with a course platform's own parameter in its query too.
      await page.goto(`${server.url}?course=net101&embed#/lab/${LABS[1].id}`);
      await page.getByRole('link', { name: /Open in a new tab/ }).waitFor({ timeout: 60_000 });
      await runReady(page);
      await page.goto(`${server.url}#/sandbox`);
      await runReady(page);
      expect(problems).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await context.setOffline(false);
      renameSync(away, site);
    }
  }, 180_000);

  it('offers a new version and waits for the student to take it', async () => {
    problems.length = 0;
    await page.goto(`${server.url}#/lab/${LABS[0].id}`);
    await page.locator('#step-title').waitFor({ timeout: 60_000 });
    // A new release: the service worker's bytes change.
    appendFileSync(join(site, 'sw.js'), '\n// a new release\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Edge Lab' });
    await prompt.waitFor({ timeout: 30_000 });
    // Nothing swapped under the student: the lab is still on screen, the old worker in charge.
    await expect(page.locator('#step-title').isVisible()).resolves.toBe(true);
    await expect(
      page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
    ).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/hosting-update-prompt.png` });
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Reload now' }).click();
    await reloaded;
    await page.locator('#step-title').waitFor({ timeout: 60_000 });
    await expect(
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return { waiting: !!reg?.waiting, active: reg?.active?.state };
      }),
    ).resolves.toEqual({ waiting: false, active: 'activated' });
    await expect(prompt.count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows one lab without the site chrome inside a course page iframe', async () => {
    problems.length = 0;
    const lab = LABS[0];
    const course = await context.newPage();
    course.on('pageerror', (e) => problems.push(String(e)));
    await course.setContent(
      `<h1>Networks 101</h1><iframe title="${lab.title}" src="${server.url}?embed#/lab/${lab.id}" width="1000" height="700"></iframe>`,
    );
    const frame = course.frameLocator('iframe');
    await frame.locator('#step-title').waitFor({ timeout: 60_000 });
    await frame
      .locator('.clock')
      .filter({ hasText: /t = \d/ })
      .waitFor({ timeout: 60_000 });
    await frame.getByRole('heading', { name: lab.title, level: 1 }).waitFor();
    // No site header (its home link) and no event log.
    await expect(frame.getByRole('link', { name: 'Edge Lab', exact: true }).count()).resolves.toBe(
      0,
    );
    await expect(frame.locator('.event-log').count()).resolves.toBe(0);
    // The hook other chrome uses to step aside.
    await expect(frame.locator('html[data-embed]').count()).resolves.toBe(1);
    const out = frame.getByRole('link', { name: /Open in a new tab/ });
    await expect(out.getAttribute('href')).resolves.toMatch(
      new RegExp(`^${BASE}#/lab/${lab.id}(/|$)`),
    );
    await course.screenshot({ path: `${SHOTS}/hosting-embed.png` });
    // The flag in the hash form survives the lab writing its step into the link.
    await page.goto('about:blank');
    await page.goto(`${server.url}#/lab/${lab.id}?embed`);
    await page.locator('#step-title').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /\/lab\/[^/]+\/[^?]+\?embed$/.test(location.hash));
    await expect(page.getByRole('link', { name: 'Edge Lab', exact: true }).count()).resolves.toBe(
      0,
    );
    expect(problems).toEqual([]);
    await course.close();
  }, 120_000);

  it('says why it cannot work offline when the host lost the service worker', async () => {
    renameSync(join(site, 'sw.js'), join(root, 'sw.js'));
    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(server.url);
      await other.getByRole('heading', { name: 'Guided labs' }).waitFor();
      const note = other.getByRole('status').filter({ hasText: 'Edge Lab works, but not offline' });
      await note.waitFor({ timeout: 30_000 });
      await other.screenshot({ path: `${SHOTS}/hosting-no-service-worker.png` });
      await other.getByRole('button', { name: 'OK' }).click();
      await expect(note.count()).resolves.toBe(0);
    } finally {
      await fresh.close();
      renameSync(join(root, 'sw.js'), join(site, 'sw.js'));
    }
  }, 60_000);

  it('hears a violation when there is one, so the zero above means something', async () => {
    violations.length = 0;
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Edge Lab', level: 1 }).waitFor();
    // What a Svelte template's style="…" attribute amounts to: markup with an inline style.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>'),
    );
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/style-src/);
  });
});
