/**
 * Regression (found by checkpoint.property.test.ts): a command given at a time when the world
 * had nothing to do until later (loss on the first mile at 1 ms, the next event some time
 * after) was applied at the end of the replay's first window instead of at its time, so the
 * restored run diverged from the run it was saved from.
 */
import { expect, it } from 'vitest';
import { restoreCheckpoint, saveCheckpoint } from './support/checkpoint';
import { Run } from '@runtime/Run';
import type { ModelSpec } from '@runtime/models';
import { MS } from '@sim/time';
import type { SimCommand } from '@sim/models/commands';

const options = {
  scenario: { seed: 0, scale: 20 },
  shards: 1,
  model: {
    id: 'delivery',
    config: {
      loadFactor: 0.5,
      requestTimeoutSeconds: 0.3,
      originTimeoutSeconds: 0.2,
      lossRecovery: false,
      cacheMegabytes: 0.1,
      originWorkers: 1,
      originQueueLength: 0,
      newConnectionShare: 0,
    },
  } as ModelSpec,
};
const LOSS: SimCommand = { type: 'linkClass.set', linkClass: 'firstMile', lossRate: 0.2 };

async function runWithLossAt1ms(untilNs: number): Promise<Run> {
  const run = new Run(options);
  await run.start();
  await run.advanceTo(1 * MS);
  run.command(LOSS);
  await run.advanceTo(untilNs);
  return run;
}

it('a command given while the world is idle is replayed at its own time', async () => {
  const plain = await runWithLossAt1ms(500 * MS);
  const expected = await plain.snapshot();
  plain.dispose();

  const first = await runWithLossAt1ms(10 * MS);
  expect(first.commandLog()).toEqual([{ atNs: 1 * MS, cmd: LOSS }]);
  const saved = JSON.stringify((await saveCheckpoint(first)).checkpoint);
  first.dispose();

  // Before the fix the restore itself failed: the digest at 10 ms did not match.
  const second = await restoreCheckpoint(JSON.parse(saved));
  await second.advanceTo(500 * MS);
  const end = await second.snapshot();
  second.dispose();
  expect(end.digest).toBe(expected.digest);
  expect(end.counters).toEqual(expected.counters);
});
