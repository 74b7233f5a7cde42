/**
 * Checkpoint round trips, one per lab scenario: a run saved mid-way (after single steps where
 * the lab steps), turned into JSON text, restored into a fresh Run on fresh worker threads and
 * continued ends with the same trace digest as the run that never stopped. Bad checkpoints
 * are refused with a message that says why.
 */
import { describe, expect, it } from 'vitest';
import {
  CheckpointError,
  parseCheckpoint,
  restoreCheckpoint,
  saveCheckpoint,
  type RunCheckpoint,
} from './support/checkpoint';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { LAB_SCRIPTS, type LabScript } from '../golden/labScripts';
import { playFirstHalf, playSecondHalf } from '../golden/playScript';

const newRun = (s: LabScript) =>
  new Run({ scenario: s.scenario, model: s.model, shards: s.shards });

async function uninterrupted(s: LabScript) {
  const run = newRun(s);
  try {
    await run.start();
    await playFirstHalf(run, s);
    const atCheckpoint = (await run.snapshot()).digest;
    await playSecondHalf(run, s);
    return { atCheckpoint, end: await run.snapshot() };
  } finally {
    run.dispose();
  }
}

async function savedMidway(s: LabScript): Promise<string> {
  const run = newRun(s);
  try {
    await run.start();
    await playFirstHalf(run, s);
    return JSON.stringify((await saveCheckpoint(run)).checkpoint);
  } finally {
    run.dispose();
  }
}

describe.each(LAB_SCRIPTS)('a checkpoint of the $id lab scenario', (s) => {
  it('restored on a fresh worker thread, continues to the uninterrupted run’s digest', async () => {
    const expected = await uninterrupted(s);
    const text = await savedMidway(s);
    const started = performance.now();
    const run = await restoreCheckpoint(JSON.parse(text), { makeWorker: nodeShardWorker });
    try {
      const restoreMs = performance.now() - started;
      expect((await run.snapshot()).digest).toBe(expected.atCheckpoint);
      await playSecondHalf(run, s);
      const end = await run.snapshot();
      expect(end.digest).toBe(expected.end.digest);
      expect(end.timeNs).toBe(s.endNs);
      expect(end.counters).toEqual(expected.end.counters);
      console.log(
        `[checkpoint] ${s.id}: ${text.length} bytes, restored in ${restoreMs.toFixed(0)} ms, ` +
          `end digest ${end.digest}`,
      );
    } finally {
      run.dispose();
    }
  }, 120_000);
});

describe('a bad checkpoint', () => {
  const s = LAB_SCRIPTS.find((x) => x.id === 'fat-file')!;
  let saved: RunCheckpoint | null = null;
  const good = async () => (saved ??= JSON.parse(await savedMidway(s)) as RunCheckpoint);

  it.each([
    ['is not a checkpoint', () => ({ hello: 1 }), /not an Edge Lab run checkpoint/],
    [
      'comes from a newer version',
      (c: RunCheckpoint) => ({ ...c, version: 2 }),
      /version 2 cannot be read/,
    ],
    [
      'names an unknown model',
      (c: RunCheckpoint) => ({ ...c, model: { id: 'warp' } }),
      /model\.0\.id/,
    ],
    [
      'has a bad command',
      (c: RunCheckpoint) => ({ ...c, commands: [{ atNs: 0, cmd: { type: 'node.explode' } }] }),
      /commands/,
    ],
    ['has a fractional time', (c: RunCheckpoint) => ({ ...c, reachedNs: 1.5 }), /reachedNs/],
  ])('is refused with a clear message when it %s', async (_, spoil, message) => {
    const bad = spoil(await good());
    expect(() => parseCheckpoint(bad)).toThrow(CheckpointError);
    await expect(restoreCheckpoint(bad)).rejects.toThrow(message);
  });

  it('that replays to a different trace (another build, an edited log) is refused', async () => {
    const c = await good();
    const edited = { ...c, digest: `${'0'.repeat(16)}-${c.digest.split('-')[1]}` };
    await expect(restoreCheckpoint(edited)).rejects.toThrow(/does not match its checkpoint/);
  });
});

describe('a replay of a command log', () => {
  it('applies each command at its own time, not only the first (found by the DNS lab round trip)', async () => {
    const scenario = { seed: 3, scale: 60 };
    const cutOff = { type: 'linkClass.set', linkClass: 'lastMile', lossRate: 1 } as const;
    const run = new Run({ scenario, model: { id: 'probe' }, shards: 1 });
    await run.start();
    run.command({ type: 'linkClass.set', linkClass: 'lastMile', lossRate: 0.2 });
    await run.advanceTo(200_000_000);
    run.command(cutOff);
    await run.advanceTo(400_000_000);
    const expected = await run.snapshot();
    const replayed = new Run({
      scenario,
      model: { id: 'probe' },
      shards: 1,
      resume: { ...run.position(), stepsSinceReached: 0 },
    });
    run.dispose();
    await replayed.start();
    expect((await replayed.snapshot()).digest).toBe(expected.digest);
    replayed.dispose();
  });
});

describe('a checkpoint taken while a command waits for its window', () => {
  it('keeps the command, and the restored run applies it at the same time', async () => {
    const options = { scenario: { seed: 8, scale: 60 }, model: { id: 'probe' }, shards: 2 };
    const cutOff = { type: 'linkClass.set', linkClass: 'lastMile', lossRate: 0.5 } as const;
    const plain = new Run(options);
    await plain.start();
    await plain.advanceTo(150_000_000);
    plain.command(cutOff);
    await plain.advanceTo(400_000_000);
    const expected = (await plain.snapshot()).digest;
    plain.dispose();

    const run = new Run(options);
    await run.start();
    await run.advanceTo(150_000_000);
    run.command(cutOff);
    const { checkpoint } = await saveCheckpoint(run);
    run.dispose();
    expect(checkpoint.commands).toEqual([{ atNs: 150_000_000, cmd: cutOff }]);
    const restored = await restoreCheckpoint(JSON.parse(JSON.stringify(checkpoint)));
    await restored.advanceTo(400_000_000);
    expect((await restored.snapshot()).digest).toBe(expected);
    restored.dispose();
  });
});
