import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { RandomStream } from '@sim/random/RandomStream';
import { MAX_TIME } from '@sim/time';
import { fmix32, mixNumber } from '@sim/util/hash';

const QUEUES = ['ladder', 'heap'] as const;

describe.each(QUEUES)('Engine with the %s queue', (queue) => {
  function recorder() {
    const engine = new Engine({ queue });
    const log: string[] = [];
    const kind = engine.registerKind('note', (target, arg) =>
      log.push(`${engine.now}:${target}:${arg}`),
    );
    return { engine, log, kind };
  }

  it('runs events in time order whatever order they were scheduled in', () => {
    const { engine, log, kind } = recorder();
    engine.schedule(30, 1, 1, kind, 3);
    engine.schedule(10, 1, 1, kind, 1);
    engine.schedule(20, 1, 1, kind, 2);
    engine.run();
    expect(log).toEqual(['10:1:1', '20:1:2', '30:1:3']);
  });

  it('orders same-time events by originating node, then by that node’s sequence', () => {
    const { engine, log, kind } = recorder();
    engine.scheduleAt(5, 7, 100, kind, 1); // node 7, seq 0
    engine.scheduleAt(5, 2, 100, kind, 2); // node 2, seq 0
    engine.scheduleAt(5, 7, 100, kind, 3); // node 7, seq 1
    engine.scheduleAt(5, 2, 100, kind, 4); // node 2, seq 1
    engine.run();
    expect(log).toEqual(['5:100:2', '5:100:4', '5:100:1', '5:100:3']);
  });

  it('gives the same same-time order however the scheduling calls were interleaved', () => {
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
    ].map((perm) => {
      const { engine, log, kind } = recorder();
      // Each node schedules its own events in its own order; only the interleaving differs.
      const byNode = [
        [4, 'a'],
        [9, 'b'],
      ] as const;
      const calls = [
        () => engine.scheduleKeyed(50, byNode[0][0], 0, 1, kind, 10),
        () => engine.scheduleKeyed(50, byNode[0][0], 1, 1, kind, 11),
        () => engine.scheduleKeyed(50, byNode[1][0], 0, 1, kind, 20),
        () => engine.scheduleKeyed(50, byNode[1][0], 1, 1, kind, 21),
      ];
      perm.forEach((i) => calls[i]());
      engine.run();
      return log.join(',');
    });
    expect(new Set(orders).size).toBe(1);
    expect(orders[0]).toBe('50:1:10,50:1:11,50:1:20,50:1:21');
  });

  it('does not run a cancelled event, and cancel reports whether it did anything', () => {
    const { engine, log, kind } = recorder();
    const a = engine.schedule(10, 1, 1, kind, 1);
    const b = engine.schedule(20, 1, 1, kind, 2);
    expect(engine.cancel(a)).toBe(true);
    expect(engine.cancel(a)).toBe(false);
    expect(engine.pending).toBe(1);
    engine.run();
    expect(log).toEqual(['20:1:2']);
    expect(engine.cancel(b)).toBe(false);
  });

  it('never lets a stale handle cancel an event that reused its slot', () => {
    const { engine, log, kind } = recorder();
    const first = engine.schedule(1, 1, 1, kind, 1);
    engine.run();
    engine.schedule(5, 1, 1, kind, 2);
    expect(engine.cancel(first)).toBe(false);
    engine.run();
    expect(log).toEqual(['1:1:1', '6:1:2']);
  });

  it('runUntil runs every event strictly before t and leaves the clock at t', () => {
    const { engine, log, kind } = recorder();
    engine.schedule(10, 1, 1, kind, 1);
    engine.schedule(20, 1, 1, kind, 2);
    engine.schedule(30, 1, 1, kind, 3);
    expect(engine.runUntil(20)).toBe(1);
    expect(engine.now).toBe(20);
    expect(log).toEqual(['10:1:1']);
    expect(engine.runUntil(25)).toBe(1);
    expect(engine.now).toBe(25);
    expect(engine.runUntil(1000)).toBe(1);
    expect(engine.now).toBe(1000);
    expect(engine.pending).toBe(0);
  });

  it('runUntil moves the clock even when nothing is pending', () => {
    const { engine } = recorder();
    engine.runUntil(12345);
    expect(engine.now).toBe(12345);
  });

  it('step runs exactly one event and reports when none is left', () => {
    const { engine, log, kind } = recorder();
    engine.schedule(10, 1, 1, kind, 1);
    engine.schedule(10, 1, 1, kind, 2);
    expect(engine.step()).toBe(true);
    expect(log).toEqual(['10:1:1']);
    expect(engine.step()).toBe(true);
    expect(engine.step()).toBe(false);
    expect(engine.executed).toBe(2);
  });

  it('rejects scheduling in the past, negative or fractional delays, and moving time backwards', () => {
    const { engine, kind } = recorder();
    engine.runUntil(100);
    expect(() => engine.scheduleAt(99, 1, 1, kind)).toThrow(/cannot schedule at 99/);
    expect(() => engine.schedule(-1, 1, 1, kind)).toThrow(/non-negative/);
    expect(() => engine.schedule(1.5, 1, 1, kind)).toThrow(/non-negative integer/);
    expect(() => engine.runUntil(50)).toThrow(/backwards/);
    expect(() => engine.schedule(1, 1, 1, 99)).toThrow(/unknown event kind/);
  });

  it('rejects node ids that do not fit the record, and keeps a negative target whole', () => {
    const { engine, kind, log } = recorder();
    expect(() => engine.schedule(1, 1, 2 ** 31, kind)).toThrow(/32-bit integers/);
    expect(() => engine.schedule(1, 1, 0.5, kind)).toThrow(/32-bit integers/);
    expect(() => engine.scheduleKeyed(1, 2 ** 32, 0, 1, kind)).toThrow(/32-bit integers/);
    expect(engine.pending).toBe(0);
    engine.scheduleKeyed(1, 2 ** 31 - 1, 5, -7, kind);
    engine.run();
    expect(log).toEqual(['1:-7:0']);
  });

  it('rejects a delay that would take the time past MAX_TIME, and accepts one that reaches it', () => {
    const { engine, kind } = recorder();
    engine.runUntil(100);
    expect(() => engine.schedule(MAX_TIME - 99, 1, 1, kind)).toThrow(/cannot schedule at/);
    expect(() => engine.schedule(Infinity, 1, 1, kind)).toThrow(/non-negative integer/);
    expect(() => engine.schedule(NaN, 1, 1, kind)).toThrow(/non-negative integer/);
    expect(engine.pending).toBe(0);
    engine.schedule(MAX_TIME - 100, 1, 1, kind);
    expect(engine.nextEventTime()).toBe(MAX_TIME);
  });

  it('lets handlers schedule zero-delay events that run at the same instant', () => {
    const { engine, log, kind } = recorder();
    const chain = engine.registerKind('chain', (target, arg) => {
      log.push(`${engine.now}:chain${arg}`);
      if (arg < 3) engine.schedule(0, target, target, chain, arg + 1);
    });
    engine.schedule(7, 1, 1, chain, 0);
    engine.schedule(8, 1, 1, kind, 9);
    engine.run();
    expect(log).toEqual(['7:chain0', '7:chain1', '7:chain2', '7:chain3', '8:1:9']);
  });

  it('shows every event to the observer before its handler runs', () => {
    const { engine, log, kind } = recorder();
    const seen: string[] = [];
    engine.observe((time, origin, seq, target, k, arg) =>
      seen.push(`${time}/${origin}/${seq}/${target}/${k}/${arg}/${log.length}`),
    );
    engine.schedule(3, 4, 5, kind, 6);
    engine.run();
    expect(seen).toEqual([`3/4/0/5/${kind}/6/0`]);
  });

  it('keeps time monotone through a long random run with cancellations', () => {
    const engine = new Engine({ queue });
    const rng = new RandomStream(7, 'monotone');
    let last = 0;
    let ran = 0;
    const handles: number[] = [];
    const kind = engine.registerKind('tick', (target) => {
      expect(engine.now).toBeGreaterThanOrEqual(last);
      last = engine.now;
      ran++;
      // Mix of tiny and huge delays, ties, and cancellations: the ladder queue's hard cases.
      const r = rng.uniform();
      const delay = r < 0.2 ? 0 : r < 0.9 ? rng.int(1, 1000) : rng.int(1, 1e12);
      handles.push(engine.schedule(delay, target, target, kind));
      if (rng.bernoulli(0.3)) engine.cancel(handles[rng.int(0, handles.length - 1)]);
    });
    for (let i = 0; i < 500; i++) engine.schedule(rng.int(0, 1e6), i, i, kind);
    engine.run(100_000);
    expect(ran).toBe(100_000);
  });
});

describe('ladder and heap queues', () => {
  /** Runs the same random workload (bursts, ties, far-future timers, cancels) and returns the executed trace. */
  function trace(queue: 'ladder' | 'heap'): string {
    const engine = new Engine({ queue });
    const rng = new RandomStream(99, 'differential');
    const out: number[] = [];
    const handles: number[] = [];
    const kind = engine.registerKind('w', (target, arg) => {
      out.push(engine.now, target, arg);
      const n = rng.int(0, 2);
      for (let i = 0; i < n && engine.pending < 20_000; i++) {
        const shape = rng.int(0, 3);
        const delay =
          shape === 0
            ? 0
            : shape === 1
              ? rng.int(1, 50)
              : shape === 2
                ? Math.round(rng.exponential(1e6))
                : rng.int(1, 3.6e12);
        handles.push(engine.schedule(delay, rng.int(0, 30), rng.int(0, 30), kind, rng.int(0, 1e6)));
      }
      if (rng.bernoulli(0.25) && handles.length > 0)
        engine.cancel(handles[rng.int(0, handles.length - 1)]);
    });
    for (let i = 0; i < 2000; i++) engine.schedule(rng.int(0, 1000), rng.int(0, 30), i, kind, i);
    engine.run(200_000);
    return out.join(',');
  }

  it('execute exactly the same events in exactly the same order', () => {
    const a = trace('ladder');
    const b = trace('heap');
    expect(a.length).toBeGreaterThan(100_000);
    expect(a).toBe(b);
  });
});

describe('TraceDigest', () => {
  function run(seed: number, extraStream = false) {
    const engine = new Engine();
    const rng = new RandomStream(seed, 'digest/work');
    const digest = new TraceDigest();
    engine.observe(digest.observer);
    const kind = engine.registerKind('w', (target) => {
      if (extraStream) new RandomStream(seed, 'unrelated').uniform();
      engine.schedule(rng.int(1, 1000), target, (target + 1) % 10, kind, rng.int(0, 9));
    });
    for (let i = 0; i < 10; i++) engine.schedule(i, i, i, kind);
    engine.run(10_000);
    return digest.toString();
  }

  it('is identical for the same seed and different for another seed', () => {
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
  });

  it('is unchanged by drawing from an unrelated stream', () => {
    expect(run(3, true)).toBe(run(3));
  });

  it('hashes each field as mixNumber does (the digest every golden trace pins)', () => {
    // The formula in its plain form; TraceDigest.add computes the same with unboxed words.
    const bits = new Float64Array(1);
    const bitWords = new Uint32Array(bits.buffer);
    const mixArg = (h: number, arg: number) => {
      bits[0] = arg;
      return mixNumber(mixNumber(h, bitWords[0]), bitWords[1]);
    };
    let lane1 = 0;
    let lane2 = 0;
    const reference = (t: number, o: number, s: number, to: number, k: number, a: number) => {
      let h = mixNumber(0x2545f491, t);
      for (const x of [o, s, to, k]) h = mixNumber(h, x);
      let g = mixNumber(0x9e3779b9, s);
      for (const x of [t, to, o, k]) g = mixNumber(g, x);
      lane1 = (lane1 + fmix32(mixArg(h, a))) >>> 0;
      lane2 = (lane2 + fmix32(mixArg(g, a))) >>> 0;
    };
    const digest = new TraceDigest();
    const times = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 5, 2 ** 53 - 1];
    const args = [0, -1, 0.5, -2.75, 1e300, 2 ** 32, -(2 ** 40), NaN, Infinity];
    const rng = new RandomStream(5, 'digest/fields');
    const events: [number, number, number, number, number, number][] = [];
    for (const t of times) for (const a of args) events.push([t, t % 977, t % 1013, 3, 7, a]);
    for (let i = 0; i < 2000; i++)
      events.push([
        rng.int(0, 2 ** 40),
        rng.int(0, 5000),
        rng.int(0, 1e6),
        rng.int(0, 5000),
        rng.int(0, 40),
        rng.int(-5, 2 ** 33) / (1 + (i % 3)),
      ]);
    for (const e of events) {
      digest.add(...e);
      reference(...e);
    }
    const hex = (x: number) => x.toString(16).padStart(8, '0');
    expect(digest.toString()).toBe(`${hex(lane1)}${hex(lane2)}-${events.length}`);
    expect(digest.toString()).toBe('75a8579a8887ec84-2072');
  });

  it('does not depend on the order events are reported in, but sees any changed event', () => {
    const a = new TraceDigest();
    const b = new TraceDigest();
    a.add(1, 2, 3, 4, 5, 6);
    a.add(7, 8, 9, 10, 11, 12);
    b.add(7, 8, 9, 10, 11, 12);
    b.add(1, 2, 3, 4, 5, 6);
    expect(a.toString()).toBe(b.toString());
    const c = new TraceDigest();
    c.add(1, 2, 3, 4, 5, 6);
    c.add(7, 8, 9, 10, 11, 13);
    expect(c.toString()).not.toBe(a.toString());
    const halves = new TraceDigest();
    const other = new TraceDigest();
    halves.add(1, 2, 3, 4, 5, 6);
    other.add(7, 8, 9, 10, 11, 12);
    halves.merge(other);
    expect(halves.toString()).toBe(a.toString());
  });
});
