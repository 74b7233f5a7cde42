import { describe, expect, it } from 'vitest';
import { LadderQueue } from '@sim/engine/LadderQueue';
import { HeapQueue } from '@sim/engine/HeapQueue';
import { F_SEQ, I_ORIGIN, I_STRIDE, STRIDE, type EventQueue } from '@sim/engine/EventSlots';
import { RandomStream } from '@sim/random/RandomStream';

/** Writes an event into a fresh slot and pushes it, as the engine does; returns its handle. */
function push(q: EventQueue, time: number, origin: number, seq: number): number {
  const slot = q.table.alloc(undefined);
  q.table.irec[slot * I_STRIDE + I_ORIGIN] = origin;
  q.table.rec[slot * STRIDE + F_SEQ] = seq;
  q.pushTime = time;
  q.push(slot);
  return q.table.handleOf(slot);
}

/** Takes the earliest event and frees its slot, as the engine does: its (time, origin, seq), or null. */
function pop(q: EventQueue): [number, number, number] | null {
  const slot = q.take(Infinity);
  if (slot < 0) return null;
  const key: [number, number, number] = [
    q.takenTime,
    q.table.irec[slot * I_STRIDE + I_ORIGIN],
    q.table.rec[slot * STRIDE + F_SEQ],
  ];
  q.table.release(slot);
  return key;
}

/** How far ahead of now a pushed event is, for each shape of schedule the tests drive. */
const DELAYS = {
  /** ties, near and far-future times */
  mixed: (rng: RandomStream) => {
    const r = rng.uniform();
    return r < 0.2 ? 0 : r < 0.9 ? rng.int(1, 1000) : rng.int(1, 1e12);
  },
  /**
   * delays on every scale from 1 ns to 1,000 s, bursts of one time and many events near now: a
   * network's hops under its timers, which crowd the current bucket and make the queue spread
   * it over finer rungs, down to the deepest, and heap what it cannot spread
   */
  scales: (rng: RandomStream) => {
    const r = rng.uniform();
    if (r < 0.15) return 0;
    if (r < 0.3) return 7;
    if (r < 0.6) return rng.int(1, 50);
    return Math.floor(10 ** rng.uniformRange(0, 12));
  },
};

/**
 * Drives both queues with the same random mix of pushes (shaped by `delay`), peeks, cancels
 * (including stale handles) and pops, and checks that they agree at every step. The ladder
 * queue is the fast one; the heap is the simple reference.
 */
function differential(
  seed: number,
  ops: number,
  delay: (rng: RandomStream) => number = DELAYS.mixed,
  pushShare = 0.45,
  capacity = 16,
): number {
  const queues: EventQueue[] = [new LadderQueue(capacity), new HeapQueue(16)];
  const handles: number[][] = [[], []];
  const rng = new RandomStream(seed, 'queue-differential');
  let now = 0;
  let popped = 0;
  for (let i = 0; i < ops; i++) {
    const op = rng.uniform();
    if (op < pushShare) {
      const t = now + delay(rng);
      const origin = rng.int(0, 30);
      queues.forEach((q, k) => handles[k].push(push(q, t, origin, i)));
    } else if (op < pushShare + 0.1 && handles[0].length > 0) {
      const k = rng.int(0, handles[0].length - 1);
      expect(queues[0].cancel(handles[0][k])).toBe(queues[1].cancel(handles[1][k]));
    } else if (op < pushShare + 0.25) {
      const t = queues[0].peekTime();
      expect(t).toBe(queues[1].peekTime());
      // The engine may move its clock up to (not past) the next event before scheduling more.
      if (t !== Infinity) now = Math.max(now, t - rng.int(0, 10));
    } else {
      const got = queues.map(pop);
      expect(got[0]).toEqual(got[1]);
      if (got[0] === null) continue;
      expect(got[0][0]).toBeGreaterThanOrEqual(now);
      now = got[0][0];
      popped++;
    }
    expect(queues[0].size).toBe(queues[1].size);
  }
  return popped;
}

describe('event queues', () => {
  it('agree on every pop, peek and cancel over random workloads', () => {
    let popped = 0;
    for (let seed = 0; seed < 40; seed++) popped += differential(seed, 5000);
    expect(popped).toBeGreaterThan(40 * 1000);
  });

  it('agree when delays on every scale make the ladder spread buckets over finer rungs', () => {
    let popped = 0;
    // Growing, then shrinking: deep rungs under many pending events, then the way back up.
    for (let seed = 0; seed < 12; seed++) {
      popped += differential(seed, 20_000, DELAYS.scales, seed % 2 ? 0.6 : 0.5);
      popped += differential(100 + seed, 6000, DELAYS.scales, 0.3);
    }
    // A table big enough that the ladder touches records before it sorts them.
    popped += differential(200, 20_000, DELAYS.scales, 0.5, 40_000);
    expect(popped).toBeGreaterThan(12 * 5000);
  });

  it('keep order when a single burst of identical times is pushed out of key order', () => {
    for (const q of [new LadderQueue(16), new HeapQueue(16)]) {
      for (let i = 0; i < 500; i++) push(q, 1000, (i * 7919) % 500, 0);
      const origins: number[] = [];
      for (let e = pop(q); e !== null; e = pop(q)) origins.push(e[1]);
      expect(origins).toEqual([...Array(500).keys()]);
    }
  });

  it('drop mass cancellations (the rebuild path) and keep every surviving event in order', () => {
    // Spread evenly, and in ten tight clusters that the ladder spreads over finer rungs.
    const shapes = [
      (rng: RandomStream) => rng.int(0, 1e9),
      (rng: RandomStream) => rng.int(0, 9) * 1e8 + Math.floor(10 ** rng.uniformRange(0, 6)),
    ];
    for (const [q, shape] of [
      [new LadderQueue(16), shapes[0]],
      [new HeapQueue(16), shapes[0]],
      [new LadderQueue(16), shapes[1]],
      [new HeapQueue(16), shapes[1]],
    ] as const) {
      const rng = new RandomStream(5, 'mass-cancel');
      const handles: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < 5000; i++) {
        times.push(shape(rng));
        handles.push(push(q, times[i], 1, i));
      }
      // Pop a few so that part of the events already sit in the sorted bottom.
      const seen: number[] = [];
      for (let k = 0; k < 10; k++) seen.push(pop(q)![2]);
      const cancelled = new Set<number>();
      for (let i = 0; i < 5000; i++) if (i % 5 !== 0 && q.cancel(handles[i])) cancelled.add(i);
      expect(cancelled.size).toBeGreaterThan(3900);
      expect(q.size).toBe(5000 - 10 - cancelled.size);
      let last = -1;
      for (let e = pop(q); e !== null; e = pop(q)) {
        expect(e[0]).toBeGreaterThanOrEqual(last);
        last = e[0];
        seen.push(e[2]);
      }
      const expected = [...Array(5000).keys()].filter((i) => !cancelled.has(i));
      expect([...seen].sort((a, b) => a - b)).toEqual(expected);
    }
  });
});
