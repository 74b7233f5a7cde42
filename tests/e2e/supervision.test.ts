/**
 * In the browser, with real Web Workers: a shard worker that throws, hangs or exits is noticed,
 * the page says so and counts the restart, and the run goes on to exactly the trace of an
 * unbroken run. The failures are caused from outside through Playwright's handle on the page's
 * dedicated workers, so the product needs no test-only hooks.
 *
 * A throw fires the Worker's `error` event. An exit (`self.close()`) fires no event in the page;
 * the page notices it when the Web Lock the worker held is let go. A hang is only noticed by the
 * supervisor's call timeout, which the sandbox leaves at Run's default of 10 s: the test waits
 * for it rather than shortening it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { openSite, type Site } from './browser';

const SEED = 11;
const WORKERS = 2;
/** events stepped before the failure, and in all */
const BEFORE = 15;
const TOTAL = 30;
/** Run's default call timeout (src/runtime/Run.ts), which the sandbox uses */
const CALL_TIMEOUT_MS = 10_000;
const THROWN = 'supervision test: thrown on purpose';

describe('a sandbox whose shard worker fails', () => {
  let site: Site;
  let reference = '';

  beforeAll(async () => {
    site = await openSite();
  }, 120_000);

  afterAll(async () => site?.close());

  /** A fresh document (so fresh workers), paused at time 0. */
  async function openSandbox(): Promise<void> {
    const { page } = site;
    await page.goto('about:blank');
    await page.goto(`${site.url}#/sandbox?scale=classroom&seed=${SEED}&workers=${WORKERS}`);
    await page
      .getByRole('button', { name: 'Step event' })
      .and(page.locator(':enabled'))
      .waitFor({ timeout: 60_000 });
  }

  const meta = () => site.page.locator('p.meta', { hasText: 'events run' });
  const eventsRun = async () =>
    Number(/([\d,]+) events run/.exec((await meta().textContent()) ?? '')![1].replace(/,/g, ''));
  const digest = async () => (await site.page.locator('.digest').textContent()) ?? '';
  const clockText = () => site.page.locator('.clock span').first().textContent();

  /**
   * Steps exactly one event. A click while the session is busy is ignored, so wait for the
   * count to move before the next one; it must move by exactly one, also across a restart.
   */
  async function stepOnce(timeout = 5_000): Promise<void> {
    const before = await eventsRun();
    await site.page.getByRole('button', { name: 'Step event' }).click();
    await expect
      .poll(eventsRun, { timeout, interval: 30 })
      .not.toBe(before)
      .catch(() => {});
    expect(await eventsRun()).toBe(before + 1);
  }

  async function stepTo(events: number): Promise<void> {
    while ((await eventsRun()) < events) await stepOnce();
  }

  /** One of the page's shard workers (the build names the file shard.worker-<hash>.js). */
  function shardWorker(): Worker {
    const shards = site.page.workers().filter((w) => w.url().includes('shard.worker'));
    expect(shards).toHaveLength(WORKERS);
    return shards[1];
  }

  it('an unbroken run gives the reference digest', async () => {
    await openSandbox();
    await stepTo(TOTAL);
    reference = await digest();
    expect(reference).toMatch(new RegExp(`^[0-9a-f]{16}-${TOTAL}$`));
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 60_000);

  const failures = {
    // Uncaught, outside Comlink's message handling: the Worker's `error` event fires.
    throw: (w: Worker) =>
      w.evaluate((message) => {
        setTimeout(() => {
          throw new Error(message);
        }, 0);
      }, THROWN),
    // The worker stops answering; only the call timeout can tell.
    hang: (w: Worker) =>
      w.evaluate(() => {
        setTimeout(() => {
          for (;;) {
            /* busy for ever */
          }
        }, 0);
      }),
    // The worker ends itself: no event fires in the page, but its Web Lock is released.
    exit: (w: Worker) =>
      w.evaluate(() => {
        setTimeout(() => self.close(), 0);
      }),
  };

  it.each(['throw', 'hang', 'exit'] as const)(
    'a worker that fails by %s is noticed, restarted, and the run ends as the unbroken one',
    async (kind) => {
      expect(reference, 'the reference run must come first').not.toBe('');
      const { page } = site;
      await openSandbox();
      await stepTo(BEFORE);
      const victim = shardWorker();
      const closed = victim.waitForEvent('close', { timeout: CALL_TIMEOUT_MS + 10_000 });
      await failures[kind](victim);
      if (kind === 'exit') await closed; // the worker really is gone before the next call

      // The next step meets the failure; only a hang takes the whole call timeout.
      const hang = kind === 'hang';
      const started = Date.now();
      await stepOnce(hang ? CALL_TIMEOUT_MS + 10_000 : 5_000);
      const tookMs = Date.now() - started;
      await closed;
      if (hang) expect(tookMs).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 100);
      else expect(tookMs).toBeLessThan(CALL_TIMEOUT_MS / 2);

      const notice = page.locator('.notice');
      expect(await notice.isVisible()).toBe(true);
      await expect(notice.textContent()).resolves.toMatch(
        {
          throw: new RegExp(`A simulation worker failed \\(the worker threw: .*${THROWN}`),
          hang: /A simulation worker failed \(no answer to \w+\(\) within 10000 ms\)/,
          exit: /A simulation worker failed \(the worker exited\)/,
        }[kind],
      );
      await expect(meta().textContent()).resolves.toMatch(/ · 1 restart\(s\)/);
      // Fresh workers replaced the failed one.
      expect(page.workers().filter((w) => w.url().includes('shard.worker'))).toHaveLength(WORKERS);
      expect(page.workers()).not.toContain(victim);

      await stepTo(TOTAL);
      expect(await digest()).toBe(reference);

      // And it plays on.
      const clock = await clockText();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(clockText, { timeout: 10_000 }).not.toBe(clock);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect(meta().textContent()).resolves.toMatch(/ · 1 restart\(s\)/);

      // No console errors at all, not even the thrown one: the page handles the worker's
      // error event (preventDefault), so Chromium does not report it as uncaught.
      expect(site.problems, site.problems.join('\n')).toEqual([]);
      site.problems.length = 0;
    },
    60_000,
  );
});
