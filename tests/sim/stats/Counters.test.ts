import { describe, expect, it } from 'vitest';
import { AssertionError } from '@sim/util/assert';
import { Counters } from '@sim/stats';

function counters(pairs: [string, number][]): Counters {
  const c = new Counters();
  for (const [name, by] of pairs) c.inc(name, by);
  return c;
}

describe('Counters', () => {
  it('increments by 1 by default and by any non-negative amount', () => {
    const c = new Counters();
    c.inc('requests');
    c.inc('requests');
    c.inc('bytes', 1500);
    c.inc('bytes', 0.5);
    expect(c.get('requests')).toBe(2);
    expect(c.get('bytes')).toBe(1500.5);
  });

  it('reads a never-incremented counter as 0 without creating it', () => {
    const c = new Counters();
    expect(c.get('misses')).toBe(0);
    expect(c.has('misses')).toBe(false);
    expect(c.entries()).toEqual([]);
  });

  it('lists entries sorted by name, whatever order they were first touched in', () => {
    const c = counters([
      ['miss', 1],
      ['hit', 3],
      ['bytes', 10],
    ]);
    expect(c.entries()).toEqual([
      ['bytes', 10],
      ['hit', 3],
      ['miss', 1],
    ]);
  });

  it('merges by adding shared counters and copying the others, leaving the source unchanged', () => {
    const a = counters([
      ['hit', 3],
      ['miss', 1],
    ]);
    const b = counters([
      ['hit', 2],
      ['bytes', 100],
    ]);
    a.merge(b);
    expect(a.toSnapshot()).toEqual({ bytes: 100, hit: 5, miss: 1 });
    expect(b.toSnapshot()).toEqual({ bytes: 100, hit: 2 });
  });

  it('merged shards equal one set that saw every increment', () => {
    const all = new Counters();
    const shards = [new Counters(), new Counters(), new Counters()];
    for (let i = 0; i < 300; i++) {
      const name = ['hit', 'miss', 'stale', 'error'][i % 4];
      all.inc(name, i);
      shards[i % 3].inc(name, i);
    }
    const merged = new Counters();
    for (const s of shards) merged.merge(s);
    expect(merged.entries()).toEqual(all.entries());
  });

  it('doubles every counter when merged with itself', () => {
    const a = counters([
      ['hit', 3],
      ['miss', 1],
    ]);
    a.merge(a);
    expect(a.toSnapshot()).toEqual({ hit: 6, miss: 2 });
  });

  it('snapshots to a plain object that survives structuredClone and restores', () => {
    const a = counters([
      ['hit', 3],
      ['__proto__', 7],
    ]);
    const snap = structuredClone(a.toSnapshot());
    expect(Object.keys(snap).sort()).toEqual(['__proto__', 'hit']);
    expect(Counters.fromSnapshot(snap).entries()).toEqual(a.entries());
  });

  it('rejects negative and non-finite increments', () => {
    const c = new Counters();
    for (const bad of [-1, NaN, Infinity]) expect(() => c.inc('x', bad)).toThrow(AssertionError);
    expect(c.has('x')).toBe(false);
  });

  it('clears every counter on reset()', () => {
    const c = counters([['hit', 3]]);
    c.reset();
    expect(c.get('hit')).toBe(0);
    expect(c.entries()).toEqual([]);
  });
});
