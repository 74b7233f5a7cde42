import { describe, expect, it } from 'vitest';
import { LadderQueue } from '@sim/engine/LadderQueue';
import { HeapQueue } from '@sim/engine/HeapQueue';
import { F_ORIGIN, F_SEQ, F_SLOT, F_TIME, STRIDE, type EventQueue } from '@sim/engine/EventSlots';
import { RandomStream } from '@sim/random/RandomStream';

/**
 * Drives both queues with the same random mix of pushes (ties, near and far-future times),
 * peeks, cancels (including stale handles) and pops, and checks that they agree at every step.
 * The ladder queue is the fast one; the heap is the simple reference.
 */
function differential(seed: number, ops: number): number {
  const queues: EventQueue[] = [new LadderQueue(16), new HeapQueue(16)];
  const handles: number[][] = [[], []];
  const rng = new RandomStream(seed, 'queue-differential');
  let now = 0;
  let popped = 0;
  for (let i = 0; i < ops; i++) {
    const op = rng.uniform();
    if (op < 0.45) {
      const r = rng.uniform();
      const t = now + (r < 0.2 ? 0 : r < 0.9 ? rng.int(1, 1000) : rng.int(1, 1e12));
      const origin = rng.int(0, 30);
      queues.forEach((q, k) => handles[k].push(q.push(t, origin, i, 0, 0, 0, undefined)));
    } else if (op < 0.55 && handles[0].length > 0) {
      const k = rng.int(0, handles[0].length - 1);
      expect(queues[0].cancel(handles[0][k])).toBe(queues[1].cancel(handles[1][k]));
    } else if (op < 0.7) {
      const t = queues[0].peekTime();
      expect(t).toBe(queues[1].peekTime());
      // The engine may move its clock up to (not past) the next event before scheduling more.
      if (t !== Infinity) now = Math.max(now, t - rng.int(0, 10));
    } else {
      const got = queues.map((q) => {
        const out = new Float64Array(STRIDE);
        if (!q.popInto(out)) return null;
        // The engine frees the slot once it has read the event.
        q.table.release(out[F_SLOT]);
        return [out[F_TIME], out[F_ORIGIN], out[F_SEQ]];
      });
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

  it('keep order when a single burst of identical times is pushed out of key order', () => {
    for (const q of [new LadderQueue(16), new HeapQueue(16)]) {
      for (let i = 0; i < 500; i++) q.push(1000, (i * 7919) % 500, 0, 0, 0, 0, undefined);
      const origins: number[] = [];
      const out = new Float64Array(STRIDE);
      while (q.popInto(out)) {
        origins.push(out[F_ORIGIN]);
        q.table.release(out[F_SLOT]);
      }
      expect(origins).toEqual([...Array(500).keys()]);
    }
  });

  it('drop mass cancellations (the rebuild path) and keep every surviving event in order', () => {
    for (const q of [new LadderQueue(16), new HeapQueue(16)]) {
      const rng = new RandomStream(5, 'mass-cancel');
      const handles: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < 5000; i++) {
        times.push(rng.int(0, 1e9));
        handles.push(q.push(times[i], 1, i, 0, 0, 0, undefined));
      }
      // Pop a few so that part of the events already sit in the sorted bottom.
      const out = new Float64Array(STRIDE);
      const seen: number[] = [];
      for (let k = 0; k < 10; k++) {
        q.popInto(out);
        q.table.release(out[F_SLOT]);
        seen.push(out[F_SEQ]);
      }
      const cancelled = new Set<number>();
      for (let i = 0; i < 5000; i++) if (i % 5 !== 0 && q.cancel(handles[i])) cancelled.add(i);
      expect(cancelled.size).toBeGreaterThan(3900);
      expect(q.size).toBe(5000 - 10 - cancelled.size);
      let last = -1;
      while (q.popInto(out)) {
        expect(out[F_TIME]).toBeGreaterThanOrEqual(last);
        last = out[F_TIME];
        q.table.release(out[F_SLOT]);
        seen.push(out[F_SEQ]);
      }
      const expected = [...Array(5000).keys()].filter((i) => !cancelled.has(i));
      expect([...seen].sort((a, b) => a - b)).toEqual(expected);
    }
  });
});
