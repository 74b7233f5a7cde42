/**
 * The queue's mechanics. Its statistics under Poisson arrivals (M/M/1, Erlang C, M/M/c/K
 * blocking at several utilisations) are checked against theory in tests/sim/queueing/, through
 * runQueue, which drives this class.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { runQueue } from '@sim/queueing/runQueue';
import { RandomStream } from '@sim/random/RandomStream';
import { ServiceQueue } from '@sim/models/delivery/ServiceQueue';
import { MS } from '@sim/time';

describe('the service queue', () => {
  it('serves in FIFO order, queues up to its limit and rejects beyond it', () => {
    const engine = new Engine();
    const finished: string[] = [];
    const done = engine.registerKind('test.done', (_t, _a, job) => {
      finished.push(job as string);
      queue.finish(job as string);
    });
    const queue = new ServiceQueue<string>(
      engine,
      0,
      new RandomStream(1, 'test/service'),
      { workers: 1, queueLength: 2, serviceMeanNs: 10 * MS },
      done,
    );
    expect(['a', 'b', 'c', 'd'].map((j) => queue.offer(j))).toEqual([true, true, true, false]);
    expect(queue.inService).toBe(1);
    expect(queue.queueLength).toBe(2);
    expect(queue.load()).toBe(3);
    expect([queue.accepted, queue.rejected]).toEqual([3, 1]);
    engine.run();
    expect(finished).toEqual(['a', 'b', 'c']);
    expect(queue.completed).toBe(3);
    // The worker was busy without a break from time 0 to the last completion.
    expect(queue.utilisation(engine.now)).toBe(1);
    expect(queue.utilisation(2 * engine.now)).toBeCloseTo(0.5, 12);
    expect(queue.load()).toBe(0);
  });

  it('keeps its books under random load: accepted = completed + still in the system', () => {
    for (const [workers, queueLength] of [
      [1, 3],
      [4, 0],
      [4, 1_000],
    ]) {
      const r = runQueue(
        {
          arrivalsPerSecond: 150,
          serviceRatePerSecond: 50,
          workers,
          queueLength,
          durationSeconds: 40,
        },
        7,
      );
      const c = r.counters;
      expect(c.accepted + c.rejected).toBe(c.arrivals);
      expect(c.completed + r.inSystemAtEnd).toBe(c.accepted);
      expect(r.inSystemAtEnd).toBeLessThanOrEqual(workers + queueLength);
      if (queueLength === 1_000) expect(c.rejected).toBe(0);
      else expect(c.rejected).toBeGreaterThan(0);
    }
  });
});
