/**
 * Going back in a run is exact: for every lab's scenario (its scripted run, tests/golden), on 1
 * and 2 shards, a run played to its end, taken back to an earlier moment and played on to the
 * end again has the same trace digest and counters as the run that never went back, and stands
 * at the earlier moment exactly as that run stood there. One event back from a single step, and
 * from the end of a window, lands on the run one event earlier.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { momentBeforeLastEvent, travelTo } from '@runtime/rewind';
import type { SimCommand } from '@sim/models/commands';
import { LAB_SCRIPTS, type LabScript } from '../golden/labScripts';

const newRun = (s: LabScript, shards: number) =>
  new Run({ scenario: s.scenario, model: s.model, shards });

/**
 * Plays the script's commands at their times up to `untilNs` (those at it too), from where the
 * run stands (those before it were given already).
 */
async function playTo(run: Run, s: LabScript, untilNs: number): Promise<void> {
  const from = run.now;
  for (const { atNs, cmd } of s.commands) {
    if (atNs > untilNs) break;
    if (atNs < from || (atNs === from && from > 0)) continue;
    if (atNs > run.now) await run.advanceTo(atNs);
    run.command(cmd as SimCommand);
  }
  await run.advanceTo(untilNs);
}

const CASES = LAB_SCRIPTS.flatMap((s) => [1, 2].map((shards) => ({ s, shards, id: s.id })));

describe.each(CASES)('the $id lab scenario on $shards shard(s)', ({ s, shards }) => {
  it('gone back to an earlier moment and played on, ends as the run that never went back', async () => {
    const moment = s.checkpointNs;
    const straight = newRun(s, shards);
    const rewound = newRun(s, shards);
    try {
      await straight.start();
      await playTo(straight, s, moment);
      const atMoment = await straight.snapshot();
      await playTo(straight, s, s.endNs);
      const atEnd = await straight.snapshot();

      await rewound.start();
      await playTo(rewound, s, s.endNs);
      expect(await travelTo(rewound, { timeNs: moment, steps: 0 })).toBe('arrived');
      const back = await rewound.snapshot();
      expect(back.timeNs).toBe(moment);
      expect(back.digest).toBe(atMoment.digest);
      expect(back.counters).toEqual(atMoment.counters);
      // The commands given after the moment are remembered, not lost.
      expect(rewound.position().commands).toHaveLength(s.commands.length);
      await rewound.advanceTo(s.endNs);
      const end = await rewound.snapshot();
      expect(end.digest).toBe(atEnd.digest);
      expect(end.counters).toEqual(atEnd.counters);
    } finally {
      straight.dispose();
      rewound.dispose();
    }
  }, 120_000);

  it('one event back lands one event earlier, after single steps and at a window’s end', async () => {
    const moment = s.checkpointNs;
    const run = newRun(s, shards);
    const reference = newRun(s, shards);
    try {
      await run.start();
      await playTo(run, s, moment);
      const before = await run.snapshot();
      expect(before.executed, 'every lab has events on the world’s engine').toBeGreaterThan(0);
      await run.stepEvent();
      await run.stepEvent();
      const back = await momentBeforeLastEvent(run);
      expect(back).not.toBeNull();
      await travelTo(run, back!);
      await reference.start();
      await playTo(reference, s, moment);
      await reference.stepEvent();
      const expected = await reference.snapshot();
      const got = await run.snapshot();
      expect(got.executed).toBe(before.executed + 1);
      expect(got.digest).toBe(expected.digest);

      // At the end of a window (no single steps): the last event's time, stepped to the one
      // before it; then playing on ends as the run that never went back.
      await run.advanceTo(s.endNs);
      const atEnd = await run.snapshot();
      const previous = await momentBeforeLastEvent(run);
      expect(previous).not.toBeNull();
      await travelTo(run, previous!);
      const oneBack = await run.snapshot();
      expect(oneBack.executed).toBe(atEnd.executed - 1);
      expect(oneBack.timeNs).toBeLessThan(s.endNs);
      await run.advanceTo(s.endNs);
      expect((await run.snapshot()).digest).toBe(atEnd.digest);
    } finally {
      run.dispose();
      reference.dispose();
    }
  }, 120_000);
});

describe.each([1, 2])('the phased-rollout lab’s releases on %i shard(s)', (shards) => {
  const s = LAB_SCRIPTS.find((x) => x.id === 'phased-rollout')!;

  it('are events of the world’s engine: replayed when the run goes back, stepped one at a time', async () => {
    const run = newRun(s, shards);
    try {
      await run.start();
      await playTo(run, s, s.endNs);
      expect(await travelTo(run, { timeNs: s.checkpointNs, steps: 0 })).toBe('arrived');
      const back = await run.snapshot();
      expect(back.executed, 'the replay ran the release’s events').toBeGreaterThan(0);

      const stepped = await run.stepEvent();
      expect(stepped).not.toBeNull();
      expect(stepped!.kind).toMatch(/^rollout\./);
      // the event happens at a real node: the server it crashes, or the operations centre
      const nodes = (await run.snapshot()).nodeUp.length;
      expect(stepped!.target).toBeGreaterThanOrEqual(0);
      expect(stepped!.target).toBeLessThan(nodes);
      const forward = await run.snapshot();
      expect(forward.executed).toBe(back.executed + 1);
      expect(forward.digest).not.toBe(back.digest);

      const previous = await momentBeforeLastEvent(run);
      expect(previous).not.toBeNull();
      await travelTo(run, previous!);
      const again = await run.snapshot();
      expect(again.digest).toBe(back.digest);
      expect(again.executed).toBe(back.executed);
    } finally {
      run.dispose();
    }
  }, 60_000);
});

describe('a change made at an earlier moment', () => {
  it('drops the commands remembered for later: the run takes the new future', async () => {
    const s = LAB_SCRIPTS.find((x) => x.id === 'flash-crowd')!;
    const run = newRun(s, 1);
    try {
      await run.start();
      await playTo(run, s, s.endNs);
      await travelTo(run, { timeNs: s.commands[0].atNs / 2, steps: 0 });
      expect(run.position().commands).toHaveLength(s.commands.length);
      run.command({ type: 'delivery.setLoad', loadFactor: 2 });
      expect(run.position().commands.map((c) => c.cmd)).toEqual([
        { type: 'delivery.setLoad', loadFactor: 2 },
      ]);
    } finally {
      run.dispose();
    }
  }, 60_000);
});

describe('a trip to another moment', () => {
  const s = LAB_SCRIPTS.find((x) => x.id === 'middle-mile')!;

  it('taken over by a newer request stops between chunks, and the next goes on from there', async () => {
    const run = newRun(s, 1);
    const reference = newRun(s, 1);
    try {
      await run.start();
      await playTo(run, s, s.endNs);
      let chunks = 0;
      // Chunks no longer than a fraction of a millisecond that does not divide evenly: the trip
      // still moves in whole nanoseconds and arrives.
      const outcome = await travelTo(
        run,
        { timeNs: s.checkpointNs, steps: 0 },
        { maxChunkNs: 1e6 / 3, superseded: () => ++chunks > 5 },
      );
      expect(outcome).toBe('superseded');
      expect(run.now).toBeGreaterThan(0);
      expect(run.now).toBeLessThan(s.checkpointNs);
      expect(Number.isInteger(run.now)).toBe(true);
      const stoppedAt = run.now;
      await expect(travelTo(run, { timeNs: s.checkpointNs, steps: 0 })).resolves.toBe('arrived');
      expect(stoppedAt).toBeLessThan(run.now);
      await reference.start();
      await playTo(reference, s, s.checkpointNs);
      expect((await run.snapshot()).digest).toBe((await reference.snapshot()).digest);
    } finally {
      run.dispose();
      reference.dispose();
    }
  }, 60_000);
});

describe('a run with its invariants checked (the site’s assert mode)', () => {
  it('goes back without its report checker taking the replay for time running backwards', async () => {
    const s = LAB_SCRIPTS.find((x) => x.id === 'dns-resolution')!;
    const run = new Run({ scenario: s.scenario, model: s.model, shards: 1, assertions: true });
    try {
      await run.start();
      await playTo(run, s, s.endNs);
      await run.snapshot();
      expect(await travelTo(run, { timeNs: s.checkpointNs, steps: 0 })).toBe('arrived');
      const back = await run.snapshot();
      expect(back.timeNs).toBe(s.checkpointNs);
      // and playing on is checked again from there: time moves forward only
      await run.advanceTo(s.endNs);
      await expect(run.snapshot()).resolves.toMatchObject({ timeNs: s.endNs });
    } finally {
      run.dispose();
    }
  }, 60_000);
});
