import { describe, expect, it } from 'vitest';
import { CHUNK_WALL_MS, MAX_CHUNK_NS, nextChunkNs, snapshotDue } from '@ui/session/flatOut';

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
