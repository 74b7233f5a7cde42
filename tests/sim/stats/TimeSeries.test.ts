import { describe, expect, it } from 'vitest';
import { AssertionError } from '@sim/util/assert';
import { MS, SECOND } from '@sim/time';
import { TimeSeries } from '@sim/stats';

describe('TimeSeries binning', () => {
  it('accumulates count, sum, mean, min and max of values in the same bin', () => {
    const ts = new TimeSeries(SECOND, 10);
    ts.add(0, 4);
    ts.add(500 * MS, 10);
    ts.add(SECOND - 1, 1);
    ts.add(SECOND, 7);
    const b = ts.bins();
    expect(b.startNs).toEqual([0, SECOND]);
    expect(b.count).toEqual([3, 1]);
    expect(b.sum).toEqual([15, 7]);
    expect(b.mean).toEqual([5, 7]);
    expect(b.min).toEqual([1, 7]);
    expect(b.max).toEqual([10, 7]);
  });

  it('aligns bins to multiples of binNs, starting at the first bin used', () => {
    const ts = new TimeSeries(100 * MS, 10);
    ts.add(250 * MS, 1);
    ts.add(420 * MS, 1);
    expect(ts.bins().startNs).toEqual([200 * MS, 300 * MS, 400 * MS]);
  });

  it('accepts negative values (min and max track them)', () => {
    const ts = new TimeSeries(SECOND, 4);
    ts.add(0, -3);
    ts.add(1, 2);
    expect(ts.bins().min).toEqual([-3]);
    expect(ts.bins().max).toEqual([2]);
  });

  it('is empty before anything is added', () => {
    const ts = new TimeSeries(SECOND, 4);
    expect(ts.length).toBe(0);
    expect(ts.bins().startNs).toEqual([]);
    expect(ts.rate()).toEqual([]);
  });
});

describe('TimeSeries gaps', () => {
  it('fills skipped bins with empty bins: count and sum 0, mean, min and max NaN', () => {
    const ts = new TimeSeries(SECOND, 100);
    ts.add(0, 5);
    ts.add(4 * SECOND + 200 * MS, 9);
    const b = ts.bins();
    expect(b.startNs).toEqual([0, 1, 2, 3, 4].map((s) => s * SECOND));
    expect(b.count).toEqual([1, 0, 0, 0, 1]);
    expect(b.sum).toEqual([5, 0, 0, 0, 9]);
    expect(b.mean).toEqual([5, NaN, NaN, NaN, 9]);
    expect(b.max).toEqual([5, NaN, NaN, NaN, 9]);
    expect(b.min).toEqual([5, NaN, NaN, NaN, 9]);
  });

  it('extends to now with advanceTo, and can start the chart at time 0', () => {
    const ts = new TimeSeries(SECOND, 100);
    ts.advanceTo(0);
    ts.add(2 * SECOND, 1);
    ts.advanceTo(5 * SECOND + 1);
    ts.advanceTo(3 * SECOND); // already covered: no change
    expect(ts.bins().startNs).toEqual([0, 1, 2, 3, 4, 5].map((s) => s * SECOND));
    expect(ts.bins().count).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('bins times near 2^53 ns exactly', () => {
    const ts = new TimeSeries(SECOND, 4);
    const t = Number.MAX_SAFE_INTEGER;
    ts.add(t, 1);
    const start = ts.bins().startNs[0];
    expect(start % SECOND).toBe(0);
    expect(start <= t && t < start + SECOND).toBe(true);
  });
});

describe('TimeSeries ring', () => {
  it('keeps only the newest capacity bins as time moves on', () => {
    const ts = new TimeSeries(SECOND, 4);
    for (let s = 0; s < 10; s++) ts.add(s * SECOND, s);
    expect(ts.length).toBe(4);
    expect(ts.bins().startNs).toEqual([6, 7, 8, 9].map((s) => s * SECOND));
    expect(ts.bins().sum).toEqual([6, 7, 8, 9]);
  });

  it('still accepts late values for kept bins', () => {
    const ts = new TimeSeries(SECOND, 4);
    for (let s = 0; s < 10; s++) ts.add(s * SECOND, s);
    ts.add(7 * SECOND + 5, 100);
    expect(ts.bins().sum).toEqual([6, 107, 8, 9]);
    expect(ts.bins().count).toEqual([1, 2, 1, 1]);
  });

  it('rejects a time before the oldest kept bin', () => {
    const ts = new TimeSeries(SECOND, 4);
    for (let s = 0; s < 10; s++) ts.add(s * SECOND, s);
    expect(() => ts.add(6 * SECOND - 1, 1)).toThrow(AssertionError);
    expect(ts.bins().count).toEqual([1, 1, 1, 1]);
  });

  it('clears reused slots, so evicted values never reappear in later bins', () => {
    const ts = new TimeSeries(SECOND, 3);
    ts.add(0, 10);
    ts.add(SECOND, 20);
    ts.add(2 * SECOND, 30);
    // Bin 3 reuses bin 0's slot and bin 4 bin 1's: both must start empty.
    ts.add(4 * SECOND, 50);
    const b = ts.bins();
    expect(b.startNs).toEqual([2, 3, 4].map((s) => s * SECOND));
    expect(b.sum).toEqual([30, 0, 50]);
    expect(b.max).toEqual([30, NaN, 50]);
  });

  it('after a jump longer than the ring holds only empty bins and the new one', () => {
    const ts = new TimeSeries(SECOND, 3);
    ts.add(0, 10);
    ts.add(SECOND, 20);
    ts.add(1000 * SECOND, 5);
    const b = ts.bins();
    expect(b.startNs).toEqual([998, 999, 1000].map((s) => s * SECOND));
    expect(b.count).toEqual([0, 0, 1]);
    expect(b.sum).toEqual([0, 0, 5]);
  });
});

describe('TimeSeries rates', () => {
  it('gives count per bin divided by the bin length in seconds', () => {
    const ts = new TimeSeries(100 * MS, 10);
    for (let i = 0; i < 25; i++) ts.add(i * MS, 1);
    for (let i = 0; i < 3; i++) ts.add(250 * MS, 1);
    expect(ts.rate()).toEqual([250, 0, 30]);
  });

  it('gives the sum per second, e.g. bytes per second', () => {
    const ts = new TimeSeries(500 * MS, 10);
    ts.add(0, 1000);
    ts.add(100 * MS, 500);
    ts.add(600 * MS, 2000);
    expect(ts.rate('sum')).toEqual([3000, 4000]);
  });
});

describe('TimeSeries snapshots', () => {
  function filled(): TimeSeries {
    const ts = new TimeSeries(SECOND, 5);
    for (let s = 0; s < 8; s++) if (s !== 5) ts.add(s * SECOND + 3, s * 10);
    ts.add(7 * SECOND, -1);
    return ts;
  }

  it('round-trip through structuredClone and fromSnapshot with identical bins', () => {
    const ts = filled();
    const snap = structuredClone(ts.toSnapshot());
    expect(snap.count).toBeInstanceOf(Float64Array);
    expect(snap.firstStartNs).toBe(3 * SECOND);
    const back = TimeSeries.fromSnapshot(snap);
    expect(back.bins()).toEqual(ts.bins());
    expect(back.binNs).toBe(SECOND);
    expect(back.capacity).toBe(5);
  });

  it('restore a series that keeps evolving exactly like the original', () => {
    const ts = filled();
    const back = TimeSeries.fromSnapshot(ts.toSnapshot());
    for (const t of [7 * SECOND + 9, 9 * SECOND, 12 * SECOND + 1]) {
      ts.add(t, 3);
      back.add(t, 3);
    }
    expect(back.bins()).toEqual(ts.bins());
    expect(() => back.add(7 * SECOND, 1)).toThrow(AssertionError);
  });

  it('of an empty series restore an empty series', () => {
    const back = TimeSeries.fromSnapshot(new TimeSeries(SECOND, 4).toSnapshot());
    expect(back.length).toBe(0);
    back.add(3 * SECOND, 1);
    expect(back.bins().startNs).toEqual([3 * SECOND]);
  });

  it('are rejected when they start off a bin boundary or exceed the capacity', () => {
    const snap = filled().toSnapshot();
    expect(() => TimeSeries.fromSnapshot({ ...snap, firstStartNs: 3 * SECOND + 1 })).toThrow(
      AssertionError,
    );
    expect(() => TimeSeries.fromSnapshot({ ...snap, capacity: 2 })).toThrow(AssertionError);
  });
});

describe('TimeSeries input checks', () => {
  it('rejects non-integer or negative times and non-finite values', () => {
    const ts = new TimeSeries(SECOND, 4);
    expect(() => ts.add(-1, 1)).toThrow(AssertionError);
    expect(() => ts.add(1.5, 1)).toThrow(AssertionError);
    expect(() => ts.add(0, NaN)).toThrow(AssertionError);
    expect(() => ts.add(0, Infinity)).toThrow(AssertionError);
    expect(ts.length).toBe(0);
  });

  it('rejects a bin width or capacity that is not a positive integer', () => {
    expect(() => new TimeSeries(0, 4)).toThrow(AssertionError);
    expect(() => new TimeSeries(1.5, 4)).toThrow(AssertionError);
    expect(() => new TimeSeries(SECOND, 0)).toThrow(AssertionError);
  });

  it('forgets everything on reset()', () => {
    const ts = new TimeSeries(SECOND, 4);
    ts.add(9 * SECOND, 1);
    ts.reset();
    expect(ts.length).toBe(0);
    ts.add(2 * SECOND, 4);
    expect(ts.bins().startNs).toEqual([2 * SECOND]);
    expect(ts.bins().sum).toEqual([4]);
  });
});
