import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { MS } from '@sim/time';

const SCENARIO = { seed: 4, scale: 60 };

async function withRun<T>(shards: number, body: (run: Run) => Promise<T>): Promise<T> {
  const run = new Run({ scenario: SCENARIO, model: { id: 'probe' }, shards });
  await run.start();
  try {
    return await body(run);
  } finally {
    run.dispose();
  }
}

describe('stepping one event at a time', () => {
  it('runs events in time order, one per step, across shards', async () => {
    for (const shards of [1, 3]) {
      const times = await withRun(shards, async (run) => {
        const seen: number[] = [];
        for (let i = 0; i < 300; i++) {
          const e = await run.stepEvent();
          expect(e).not.toBeNull();
          seen.push(e!.timeNs);
        }
        return seen;
      });
      // Within one window shards may interleave, but never by more than the lookahead.
      const lookahead = await withRun(1, async (run) => run.lookaheadNs);
      for (let i = 1; i < times.length; i++)
        expect(times[i]).toBeGreaterThan(times[i - 1] - lookahead);
      expect(times[times.length - 1]).toBeGreaterThan(times[0]);
    }
  });

  it('ends in exactly the state of an unstepped run', async () => {
    const plain = await withRun(2, async (run) => {
      await run.advanceTo(200 * MS);
      return (await run.snapshot()).digest;
    });
    const stepped = await withRun(2, async (run) => {
      for (let i = 0; i < 500; i++) await run.stepEvent();
      expect(run.now).toBeLessThan(200 * MS);
      await run.advanceTo(200 * MS);
      return (await run.snapshot()).digest;
    });
    expect(stepped).toBe(plain);
  });

  it('describes the event: its time, node and kind', async () => {
    await withRun(1, async (run) => {
      const e = await run.stepEvent();
      expect(e).toMatchObject({ timeNs: 0, kind: 'probe.request' });
      expect(e!.target).toBe(e!.origin);
    });
  });
});

describe('running on after single steps', () => {
  it('accepts a target before the time the steps reached, and ends as an unstepped run', async () => {
    const plain = await withRun(2, async (run) => {
      await run.advanceTo(100 * MS);
      return (await run.snapshot()).digest;
    });
    const mixed = await withRun(2, async (run) => {
      let last = 0;
      for (let i = 0; i < 50; i++) last = (await run.stepEvent())!.timeNs;
      // A frame may ask for a target short of where the steps got to.
      await run.advanceTo(Math.max(run.now, last - 1));
      await run.advanceTo(100 * MS);
      return (await run.snapshot()).digest;
    });
    expect(mixed).toBe(plain);
  });
});
