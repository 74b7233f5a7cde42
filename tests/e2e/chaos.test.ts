/**
 * Worker chaos in a lab: while a student works through the faulty-rollouts lab (two shard
 * workers), a seeded schedule makes shard workers throw, hang, exit or run out of memory at
 * random simulated times. Every failure must be recovered from (fresh workers, the run replayed),
 * the page must say what happened, and the student's progress (the step, the answer given, what
 * is saved in the browser) must survive; the lab must then carry on to its next step.
 *
 * The step's release (two simulated hours) has ended by the time the answer is given, so the
 * failures meet a run standing still, at the student's next call (Step window); the schedule's
 * simulated delays are waited for only while the clock moves (before, each wait ran out its
 * 15 s timeout against the stopped clock). As in supervision.test.ts, no failure here meets a
 * run while it plays.
 *
 * The failures go through the worker's own chaos switch (shard.worker.ts), called through
 * Playwright's handle on the worker, so the page needs no test-only controls. CHAOS_SEED and
 * CHAOS_FAILURES change the schedule (1 and 4 by default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { RandomStream } from '@sim/random/RandomStream';
import type { ChaosKind } from '@runtime/shardApi';
import { openSite, SHOTS, type Site } from './browser';
import { answer, stepTitled, waitForNext } from './labPage';

const SEED = Number(process.env.CHAOS_SEED ?? 1);
const FAILURES = Number(process.env.CHAOS_FAILURES ?? 4);
const LAB = 'phased-rollout';
const WORKERS = 2;
/** Run's default call timeout: a hang is noticed only after it */
const CALL_TIMEOUT_MS = 10_000;

/** What the notice must say for each kind of failure. */
const SAYS: Record<ChaosKind, RegExp> = {
  throw: /A simulation worker failed \(the worker threw: .*chaos: shard worker threw/,
  hang: /A simulation worker failed \(no answer to \w+\(\) within 10000 ms\)/,
  exit: /A simulation worker failed \(the worker exited\)/,
  oom: /A simulation worker failed \(the worker threw: .*out of memory: 128 MB held/,
};

interface Planned {
  kind: ChaosKind;
  shard: number;
  /** simulated seconds to let pass after the previous failure */
  afterSimSeconds: number;
}

/**
 * The seeded schedule: which failure, in which shard, after how much simulated time. The first
 * four are the four kinds in a seeded order (so every run meets each kind once); any further
 * failures are of random kinds.
 */
export function chaosSchedule(seed: number, count: number): Planned[] {
  const rng = new RandomStream(seed, 'chaos:schedule');
  const kinds: ChaosKind[] = ['throw', 'hang', 'exit', 'oom'];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return Array.from({ length: count }, (_, i) => ({
    kind: i < kinds.length ? kinds[i] : kinds[rng.int(0, kinds.length - 1)],
    shard: rng.int(0, WORKERS - 1),
    afterSimSeconds: rng.int(1, 60),
  }));
}

describe('a lab whose workers keep failing', () => {
  let site: Site;

  // At the walks' speed: the failures are injected after simulated time has passed, and what
  // is checked (the notice, the recovery, the progress kept) does not depend on watching speed.
  beforeAll(async () => {
    site = await openSite(undefined, { fast: true });
  }, 120_000);

  afterAll(async () => site?.close());

  const shardWorkers = () => site.page.workers().filter((w) => w.url().includes('shard.worker'));
  const noticeText = async () =>
    (await site.page
      .locator('.notice[role=status]')
      .textContent({ timeout: 1_000 })
      .catch(() => null)) ?? '';
  const simSeconds = async () => {
    const text = (await site.page.locator('.clock span').first().textContent()) ?? '';
    const m = /t = ([\d.,]+) (ms|s|min|h)/.exec(text);
    if (!m) return NaN;
    const unit = { ms: 0.001, s: 1, min: 60, h: 3600 }[m[2]]!;
    return Number(m[1].replace(/,/g, '')) * unit;
  };
  const saved = () =>
    site.page.evaluate((key) => localStorage.getItem(key), `edge-lab:progress:${LAB}`);

  it('recovers from every failure, says what happened, and keeps the progress', async () => {
    const { page } = site;
    const schedule = chaosSchedule(SEED, FAILURES);
    console.log(
      `chaos seed ${SEED}: ${schedule.map((p) => `${p.kind}@+${p.afterSimSeconds}s/shard ${p.shard}`).join(', ')}`,
    );
    await page.goto(site.url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${site.url}#/lab/${LAB}`);
    await stepTitled(page, 'Shipping software to a live network');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    const title = 'A good release, phase by phase';
    await stepTitled(page, title);
    await answer(page, 90);
    await page
      .getByText('Your answer: 90')
      .or(page.getByText(/Right\.|Not quite/))
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => {});
    const progressBefore = JSON.parse((await saved()) ?? 'null') as {
      stepId: string;
      answers: Record<string, unknown>;
    } | null;
    expect(progressBefore?.answers, 'the answer is saved before any failure').toBeTruthy();
    expect(Object.values(progressBefore!.answers)).toContain(90);

    let recovered = 0;
    const said: string[] = [];
    for (const [i, planned] of schedule.entries()) {
      // Wait for the simulated time the schedule asks for, unless the run is standing still
      // (the step's release has ended: the clock has not moved for a second).
      const from = await simSeconds();
      for (let still = 0, last = from; still < 1_000; ) {
        await page.waitForTimeout(100);
        const now = await simSeconds();
        if (now >= from + planned.afterSimSeconds) break;
        still = now === last ? still + 100 : 0;
        last = now;
      }
      const workers = shardWorkers();
      expect(workers).toHaveLength(WORKERS);
      const victim: Worker = workers[planned.shard];
      const closed = victim
        .waitForEvent('close', { timeout: CALL_TIMEOUT_MS + 30_000 })
        .then(() => true)
        .catch(() => false);
      await victim.evaluate(
        (kind) => (self as unknown as { edgeLabChaos(k: string): void }).edgeLabChaos(kind),
        planned.kind,
      );
      // A run standing still meets the failure at its next call: step it, as a student would.
      const step = page.getByRole('button', { name: 'Step window' });
      if (await step.isEnabled()) await step.click();
      await expect
        .poll(noticeText, { timeout: CALL_TIMEOUT_MS + 30_000, interval: 250 })
        .toSatisfy((text: string) => SAYS[planned.kind].test(text) && !said.includes(text))
        .catch(async (e: unknown) => {
          await page.screenshot({ path: `${SHOTS}/chaos-unreported.png`, fullPage: true });
          throw e;
        });
      const text = await noticeText();
      expect(text, `failure ${i + 1} (${planned.kind}) is reported`).toMatch(SAYS[planned.kind]);
      said.push(text);
      expect(await closed, 'the failed worker is gone').toBe(true);
      await expect.poll(() => shardWorkers().length, { timeout: 60_000 }).toBe(WORKERS);
      expect(shardWorkers()).not.toContain(victim);
      recovered++;
      // Still the same step, with the same answer, and the same saved progress.
      await stepTitled(page, title);
      expect(await page.getByText('The lab stopped').count()).toBe(0);
      expect(await page.getByText('The simulation stopped').count()).toBe(0);
      expect(JSON.parse((await saved()) ?? 'null')).toEqual(progressBefore);
    }
    console.log(`chaos: ${schedule.length} failures injected, ${recovered} recovered`);
    await page.screenshot({ path: `${SHOTS}/chaos-${LAB}.png`, fullPage: true });

    // The lab carries on: the release finishes, and the student can go on to the next step.
    await waitForNext(page, 'chaos-stuck', 180_000);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await stepTitled(page, 'A bug that shows at once');
    expect(page.url()).toContain(`#/lab/${LAB}/`);
    expect(recovered).toBe(FAILURES);
    // The failures themselves are handled, not reported as uncaught errors.
    expect(site.problems, site.problems.join('\n')).toEqual([]);
  }, 600_000);
});
