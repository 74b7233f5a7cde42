/**
 * A comparison, in process: the flash-crowd lab's run (load ×4 at 1 s, a purge remembered for
 * 2 s) changed at 1.5 s, its earlier future played beside it by a CompareRun that follows the
 * page's frames. Both runs' chart histories have points at the same simulated times, the runs
 * differ after the change and not before, the pair of frames the summary reads stands at one
 * time, and discarding the comparison disposes of the other run.
 */
import { describe, expect, it, vi } from 'vitest';
import { frameOf, type RuntimeFrame } from '@runtime/frame';
import { forkAt, runOf } from '@runtime/fork';
import type { Run } from '@runtime/Run';
import type { SimCommand } from '@sim/models/commands';
import { CompareRun } from '@ui/session/compareRun.svelte';
import { RateHistory } from '@ui/charts/history.svelte';
import { SimSession } from '@ui/session/SimSession.svelte';
import { compareFigures } from '@ui/compare/compareSummary';
import { LAB_SCRIPTS } from '../golden/labScripts';

const script = LAB_SCRIPTS.find((s) => s.id === 'flash-crowd')!;
const definition = {
  scenario: script.scenario,
  model: script.model,
  shards: 1,
  commands: script.commands as { atNs: number; cmd: SimCommand }[],
};

const frameAt = async (run: Run, timeNs: number): Promise<RuntimeFrame> => {
  await run.advanceTo(timeNs);
  return frameOf(await run.snapshot());
};

/** Waits until the other run has a frame at the page's latest time. */
async function caughtUp(compare: CompareRun, timeNs: number): Promise<void> {
  await vi.waitFor(
    () => {
      if (compare.error) throw new Error(compare.error);
      expect(compare.caughtUp && compare.frame?.timeNs === timeNs).toBe(true);
    },
    { timeout: 30_000, interval: 5 },
  );
}

describe('comparing a fork’s two runs', () => {
  it('gives both runs’ points at the same simulated times, differing after the change', async () => {
    const page = runOf(definition);
    const otherRun = runOf(definition);
    const dispose = vi.spyOn(otherRun, 'dispose');
    const mine = new RateHistory();
    const theirs = new RateHistory();
    let compare: CompareRun | null = null;
    try {
      await page.start();
      const before = [];
      for (const t of [0.5e9, 1e9, 1.5e9]) before.push(await frameAt(page, t));
      before.forEach((f) => mine.add(f));

      // Changed at 1.5 s, as if the run had been back from 3 s: a fork.
      const had = { ...page.definition, commands: page.position().commands };
      const change = page.command({ type: 'delivery.setLoad', loadFactor: 0.5 });
      const fork = forkAt(had, page.now, 3e9, change)!;
      const base = before[2];

      compare = new CompareRun(fork, otherRun, (f) => theirs.add(f));
      await compare.start(
        before.slice(0, 2).map((f) => f.timeNs),
        base,
      );
      await caughtUp(compare, base.timeNs);
      for (let t = 1.6e9; t <= 3e9; t += 0.1e9) {
        const f = await frameAt(page, Math.round(t));
        mine.add(f);
        compare.follow(f);
        await caughtUp(compare, f.timeNs);
      }

      const times = (h: RateHistory) => h.points.map((p) => p.t);
      expect(times(mine).length).toBeGreaterThan(10);
      expect(times(theirs)).toEqual(times(mine));
      // The same up to the change (the fork changes nothing before its moment), not after it.
      const rate = (h: RateHistory, t: number) =>
        h.points.find((p) => p.t === t)!.requestsPerSecond;
      expect(rate(theirs, 1.5)).toBe(rate(mine, 1.5));
      expect(rate(theirs, 2.5)).toBeGreaterThan(rate(mine, 2.5) * 3);

      const pair = compare.pair!;
      expect(pair.current.timeNs).toBe(3e9);
      expect(pair.other.timeNs).toBe(3e9);
      const figures = compareFigures(base, pair.current, pair.other);
      const requests = figures.find((f) => f.label.startsWith('requests per second'))!;
      expect(requests.differs).toBe(true);
    } finally {
      compare?.dispose();
      page.dispose();
    }
    expect(dispose).toHaveBeenCalled();
  }, 120_000);

  it('behind the page’s run, skips some of its points but makes none the page has not', async () => {
    const page = runOf(definition);
    const mine = new RateHistory();
    const theirs = new RateHistory();
    let compare: CompareRun | null = null;
    try {
      await page.start();
      const base = await frameAt(page, 1e9);
      mine.add(base);
      const had = { ...page.definition, commands: page.position().commands };
      const change = page.command({ type: 'delivery.setLoad', loadFactor: 0.5 });
      compare = new CompareRun(forkAt(had, page.now, 3e9, change)!, runOf(definition), (f) =>
        theirs.add(f),
      );
      await compare.start([base.timeNs], base);
      // Frames 20 ms apart (the charts keep one in three), all given before the other run
      // takes any: more points than it keeps waiting, so it thins them.
      const frames = [];
      for (let t = 1.02e9; t <= 6e9; t += 0.02e9) frames.push(await frameAt(page, Math.round(t)));
      for (const f of frames) {
        mine.add(f);
        compare.follow(f);
      }
      await caughtUp(compare, mine.points.at(-1)!.t * 1e9);
      const times = (h: RateHistory) => h.points.map((p) => p.t);
      const shared = new Set(times(mine));
      expect(times(theirs).length).toBeGreaterThan(5);
      // Fewer points (it skipped some), each at a time the page's run has one.
      expect(times(theirs).length).toBeLessThan(times(mine).length);
      expect(times(theirs).filter((t) => !shared.has(t))).toEqual([]);
      expect(times(theirs).at(-1)).toBe(times(mine).at(-1));
    } finally {
      compare?.dispose();
      page.dispose();
    }
  }, 120_000);

  it('is discarded with the fork: the session disposes of the other run', () => {
    const session = new SimSession(script.scenario, script.model, 1);
    const dispose = vi.fn();
    session.fork = {
      atNs: 1,
      headNs: 2,
      change: { type: 'delivery.setLoad', loadFactor: 2 },
      before: definition,
    };
    session.compare = { dispose } as unknown as CompareRun;
    session.discardFork();
    expect(dispose).toHaveBeenCalledOnce();
    expect(session.compare).toBeNull();
    expect(session.fork).toBeNull();
  });
});
