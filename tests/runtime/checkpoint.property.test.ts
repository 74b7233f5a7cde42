/**
 * Property: a run saved at any moment of any random scenario (topology, seed, model, load,
 * failure schedule, 1 or 2 shards), restored from its JSON text into a fresh Run and continued,
 * ends with the same trace digest and counters as the run that never stopped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreCheckpoint, saveCheckpoint } from './support/checkpoint';
import { Run } from '@runtime/Run';
import { MS } from '@sim/time';
import { playCommands, randomRun, runScenario, timedCommands } from '../sim/invariants/randomRuns';

const RUNS = 10;

const scenarios = fc.oneof(
  randomRun('delivery', 2000),
  randomRun('dns', 2000),
  randomRun('probe', 2000),
);

describe('checkpoints of random runs', () => {
  it('restored and continued, end exactly as the run that never stopped', async () => {
    let bytes = 0;
    await fc.assert(
      fc.asyncProperty(scenarios, fc.double({ min: 0, max: 1, noNaN: true }), async (r, where) => {
        const options = { scenario: runScenario(r), model: r.model, shards: r.shards };
        const commands = timedCommands(r);
        const endNs = r.durationMs * MS;
        const checkpointNs = Math.round(where * r.durationMs) * MS;

        const plain = new Run(options);
        await plain.start();
        await playCommands(plain, commands, endNs);
        const expected = await plain.snapshot();
        plain.dispose();

        const first = new Run(options);
        await first.start();
        await playCommands(
          first,
          commands.filter((c) => c.atNs <= checkpointNs),
          checkpointNs,
        );
        const text = JSON.stringify((await saveCheckpoint(first)).checkpoint);
        first.dispose();
        bytes = Math.max(bytes, text.length);

        const second = await restoreCheckpoint(JSON.parse(text));
        try {
          await playCommands(
            second,
            commands.filter((c) => c.atNs > checkpointNs),
            endNs,
          );
          const end = await second.snapshot();
          expect(end.digest).toBe(expected.digest);
          expect(end.counters).toEqual(expected.counters);
        } finally {
          second.dispose();
        }
      }),
      { numRuns: RUNS },
    );
    console.log(
      `[checkpoint] ${RUNS} random runs round-tripped, largest checkpoint ${bytes} bytes`,
    );
  });
});
