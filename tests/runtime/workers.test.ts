import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import type { WorkerFailure } from '@runtime/SupervisedPort';
import { SECOND } from '@sim/time';

const SCENARIO = {
  seed: 9,
  scale: 200,
  network: { linkClasses: { lastMile: { lossRate: 0.01 } } },
};
const MODEL = { id: 'probe' };

async function digestOf(shards: number, workers: boolean, untilNs: number) {
  const run = new Run({
    scenario: SCENARIO,
    model: MODEL,
    shards,
    makeWorker: workers ? nodeShardWorker : undefined,
  });
  try {
    await run.start();
    await run.advanceTo(untilNs);
    return (await run.snapshot()).digest;
  } finally {
    run.dispose();
  }
}

describe('shards in worker threads', () => {
  it('give the same digest as the same run on one thread', async () => {
    const inProcess = await digestOf(1, false, SECOND / 2);
    expect(await digestOf(2, true, SECOND / 2)).toBe(inProcess);
  }, 60_000);
});

/** the ways a worker fails (shardApi.ts ChaosKind) */
const KINDS = ['throw', 'hang', 'exit', 'oom'] as const;

describe.each(KINDS)('a shard worker that fails by %s', (kind) => {
  it('is noticed, reported, restarted, and the run ends exactly as an unbroken one', async () => {
    const failures: WorkerFailure[] = [];
    const run = new Run({
      scenario: SCENARIO,
      model: MODEL,
      shards: 2,
      makeWorker: nodeShardWorker,
      supervisor: { callTimeoutMs: 1500 },
      onFailure: (f) => failures.push(f),
    });
    try {
      await run.start();
      await run.advanceTo(SECOND / 4);
      await run.injectChaos(1, kind);
      await run.advanceTo(SECOND / 2);
      const snapshot = await run.snapshot();
      expect(failures).toHaveLength(1);
      expect(failures[0].shard).toBe(1);
      expect(failures[0].message).toMatch(
        { hang: /no answer/, exit: /exited/, throw: /threw/, oom: /threw: out of memory/ }[kind],
      );
      expect(run.restarts).toBe(1);
      expect(snapshot.timeNs).toBe(SECOND / 2);
      expect(snapshot.digest).toBe(await digestOf(1, false, SECOND / 2));
    } finally {
      run.dispose();
    }
  }, 60_000);
});
