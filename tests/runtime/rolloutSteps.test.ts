/**
 * The phased-rollout lab's release on the world's engine (every shard runs the whole rollout,
 * the shard that owns the first edge server reports): the same trace, counters and observations
 * on 1 and 2 shards; and stepped one event at a time (each step runs the earliest event of one
 * shard, so a 2-shard run steps each rollout event twice, once per copy), every observation is
 * reported exactly once, as in the run played straight through.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import type { SimCommand } from '@sim/models/commands';
import { SECOND } from '@sim/time';
import { LAB_SCRIPTS } from '../golden/labScripts';

const script = LAB_SCRIPTS.find((s) => s.id === 'phased-rollout')!;
const start = script.commands[0];
/** the first check (5 min) aborts the release */
const ABORT_NS = 300 * SECOND;
const EVERY_NS = 30 * SECOND;

function newRun(shards: number): Run {
  return new Run({ scenario: script.scenario, model: script.model, shards });
}

async function begin(run: Run): Promise<void> {
  expect(start.atNs).toBe(0);
  await run.start();
  run.command(start.cmd as SimCommand);
}

/** Plays on to `untilNs`, a snapshot every EVERY_NS; returns the observations and the last snapshot. */
async function playTo(run: Run, untilNs: number, seen: unknown[]) {
  for (let t = Math.min(run.now + EVERY_NS, untilNs); ; t = Math.min(t + EVERY_NS, untilNs)) {
    await run.advanceTo(t);
    const snap = await run.snapshot();
    seen.push(...snap.observations);
    if (t === untilNs) return snap;
  }
}

async function straight(shards: number) {
  const run = newRun(shards);
  try {
    await begin(run);
    const seen: unknown[] = [];
    const end = await playTo(run, script.endNs, seen);
    return { seen, digest: end.digest, counters: end.counters };
  } finally {
    run.dispose();
  }
}

describe('the phased-rollout lab’s release on the world’s engine', () => {
  it('gives the same trace, counters and observations on 1 and 2 shards', async () => {
    const one = await straight(1);
    const two = await straight(2);
    expect(Number(one.digest.split('-')[1]), 'the release ran events').toBeGreaterThan(0);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
    expect(two.seen).toEqual(one.seen);
    expect(one.counters['rollout.crashes']).toBeGreaterThan(0);
  }, 60_000);

  it.each([1, 2])(
    'stepped one event at a time on %i shard(s), reports every observation once',
    async (shards) => {
      const reference = await straight(shards);
      const run = newRun(shards);
      try {
        await begin(run);
        const seen: unknown[] = [];
        await playTo(run, script.checkpointNs, seen);
        const kinds = new Set<string>();
        // Up to the check that aborts the release, one step per event whatever the number of
        // shards (the other shards' copies are no steps of their own); after it only the end of
        // a long sleep is left, hours later.
        for (let checks = 0; checks < 1;) {
          const before = (await run.snapshot()).executed;
          const event = await run.stepEvent();
          expect(event).not.toBeNull();
          expect(event!.timeNs).toBeLessThanOrEqual(ABORT_NS);
          const snap = await run.snapshot();
          expect(snap.executed - before, event!.kind).toBe(1);
          kinds.add(event!.kind);
          if (event!.kind === 'rollout.check') checks++;
          seen.push(...snap.observations);
        }
        // crashes, restarts, the mapping noticing, and the check
        expect(kinds).toEqual(
          new Set(['rollout.trigger', 'rollout.restart', 'rollout.detect', 'rollout.check']),
        );
        const end = await playTo(run, script.endNs, seen);
        expect(seen).toEqual(reference.seen);
        expect(end.digest).toBe(reference.digest);
        expect(end.counters).toEqual(reference.counters);
      } finally {
        run.dispose();
      }
    },
    60_000,
  );
});
