import { describe, expect, it } from 'vitest';
import { LadderQueue } from '@sim/engine/LadderQueue';
import { HeapQueue } from '@sim/engine/HeapQueue';
import type { EventQueue } from '@sim/engine/EventSlots';
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
      const a = queues[0].pop();
      const b = queues[1].pop();
      expect(a < 0).toBe(b < 0);
      if (a < 0) continue;
      const ka = queues[0].slots.key(a);
      const kb = queues[1].slots.key(b);
      expect(ka).toEqual(kb);
      expect(ka[0]).toBeGreaterThanOrEqual(now);
      now = ka[0];
      queues[0].slots.release(a);
      queues[1].slots.release(b);
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
      for (let s = q.pop(); s >= 0; s = q.pop()) {
        origins.push(q.slots.key(s)[1]);
        q.slots.release(s);
      }
      expect(origins).toEqual([...Array(500).keys()]);
    }
  });
});
