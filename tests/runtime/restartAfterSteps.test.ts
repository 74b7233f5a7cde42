/**
 * A restart after single steps: the replay must bring back the events stepped one at a time
 * since the last completed window, not only the windows (found by tests/e2e/supervision.test.ts,
 * where a restart after 20 steps showed 1 event run instead of 21).
 */
import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import type { WorkerFailure } from '@runtime/SupervisedPort';
import { MS } from '@sim/time';

const SCENARIO = { seed: 5, scale: 120 };
const MODEL = { id: 'probe' };

/** Runs `ops` (advance to a time, or a number of single steps) and returns the final snapshot. */
async function play(run: Run, ops: ({ toNs: number } | { steps: number })[]) {
  for (const op of ops) {
    if ('toNs' in op) await run.advanceTo(op.toNs);
    else for (let i = 0; i < op.steps; i++) expect(await run.stepEvent()).not.toBeNull();
  }
  return run.snapshot();
}

describe('a restart after single steps', () => {
  it.each([
    ['from the start', [] as { toNs: number }[]],
    ['after a stretch of windows', [{ toNs: 50 * MS }]],
  ])(
    'replays the stepped events too (%s)',
    async (_, lead) => {
      // Same shard count: same-time events in different shards may be stepped in either order.
      const plain = new Run({ scenario: SCENARIO, model: MODEL, shards: 2 });
      await plain.start();
      const expected = await play(plain, [...lead, { steps: 41 }]);
      plain.dispose();

      const failures: WorkerFailure[] = [];
      const run = new Run({
        scenario: SCENARIO,
        model: MODEL,
        shards: 2,
        makeWorker: nodeShardWorker,
        onFailure: (f) => failures.push(f),
      });
      try {
        await run.start();
        const before = await play(run, [...lead, { steps: 40 }]);
        await run.injectChaos(1, 'throw');
        // The worker throws from a timer after answering: give it time to, so the step meets it.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const after = await play(run, [{ steps: 1 }]);
        expect(failures).toHaveLength(1);
        expect(run.restarts).toBe(1);
        expect(after.executed).toBe(before.executed + 1);
        expect(after.digest).toBe(expected.digest);
      } finally {
        run.dispose();
      }
    },
    60_000,
  );
});
