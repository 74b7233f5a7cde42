import { describe, expect, it } from 'vitest';
import {
  CHUNK_WALL_MS,
  MAX_CHUNK_NS,
  MAX_FRAME_GAP_MS,
  nextChunkNs,
  Pacer,
  pacedStepNs,
  RateMeter,
  snapshotDue,
} from '@runtime/pacing';
import { Run } from '@runtime/Run';
import { MS, SECOND } from '@sim/time';

describe('running as fast as possible', () => {
  it('sizes the next chunk to take the target wall time at the rate just achieved', () => {
    // 1 ms of simulated time took 10 ms: 25 ms of wall time buys 2.5 ms.
    expect(nextChunkNs(1_000_000, 10, 1000)).toBe((1_000_000 / 10) * CHUNK_WALL_MS);
    // Slow chunks shrink at once.
    expect(nextChunkNs(10_000_000, 100, 1000)).toBe(2_500_000);
  });

  it('grows at most fourfold, and never below one window', () => {
    expect(nextChunkNs(1_000_000, 0.01, 1000)).toBe(4_000_000);
    expect(nextChunkNs(1_000_000, 0, 1000)).toBe(4_000_000);
    expect(nextChunkNs(1_000_000, 10_000, 500_000)).toBe(500_000);
    // An idle world: chunks take no time, yet stop growing at the bound.
    let chunk = 1_000_000;
    for (let i = 0; i < 100; i++) chunk = nextChunkNs(chunk, 0, 1000);
    expect(chunk).toBe(MAX_CHUNK_NS);
  });

  it('takes a snapshot ten times a second at most, and keeps snapshots to a fifth of the time', () => {
    expect(snapshotDue(1099, 1000, 1)).toBe(false);
    expect(snapshotDue(1100, 1000, 1)).toBe(true);
    // A 40 ms snapshot must be followed by 160 ms without one.
    expect(snapshotDue(1159, 1000, 40)).toBe(false);
    expect(snapshotDue(1160, 1000, 40)).toBe(true);
  });
});

describe('the pacer', () => {
  async function pacedRun() {
    const run = new Run({
      scenario: { seed: 1, scale: 'classroom' },
      model: { id: 'probe' },
      shards: 1,
    });
    await run.start();
    let wall = 0;
    // A clock that moves 1 ms per reading: every chunk seems to take a little wall time.
    return { run, pacer: new Pacer(run, () => (wall += 1)) };
  }

  it('runs speed × wall time, but never more than the longest gap a frame makes up for', async () => {
    const { run, pacer } = await pacedRun();
    await pacer.paced(1e9, 16);
    expect(run.now).toBe(16 * MS);
    await pacer.paced(1e9, 5_000);
    expect(run.now).toBe((16 + MAX_FRAME_GAP_MS) * MS);
    expect(pacedStepNs(1, 16)).toBe(1);
    run.dispose();
  });

  it('runs flat out in chunks that stop at a target, and gives frames with percentiles', async () => {
    const { run, pacer } = await pacedRun();
    while (run.now < 50 * MS) await pacer.chunk(50 * MS);
    expect(run.now).toBe(50 * MS);
    const frame = await pacer.frame();
    expect(frame.timeNs).toBe(50 * MS);
    expect(frame.counters['probe.requests']).toBeGreaterThan(0);
    expect(frame.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    run.dispose();
  });

  it('measures the simulated time achieved per wall second', () => {
    const meter = new RateMeter();
    expect(meter.note(0, 0)).toBeNull();
    expect(meter.note(500, 250 * MS)).toBeCloseTo(0.5 * SECOND);
  });
});
