import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import { AssertionError } from '@sim/util/assert';
import { Histogram, type HistogramSnapshot } from '@sim/stats';

const N = 100_000;
const BOUND = Histogram.RELATIVE_ERROR;

/** Percentiles checked: every half percent plus the tail points a latency chart shows. */
const PS: number[] = [];
for (let p = 0; p <= 100; p += 0.5) PS.push(p);
PS.push(0.01, 0.1, 99.9, 99.99, 99.999);

/** The exact nearest-rank percentile that Histogram documents: rank ceil(p·n/100), at least 1. */
function exactPercentile(sorted: Float64Array, p: number): number {
  if (p === 0) return sorted[0];
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p * sorted.length) / 100)));
  return sorted[rank - 1];
}

function sample(name: string, draw: (rng: RandomStream) => number): Float64Array {
  const rng = new RandomStream(42, `stats/histogram/${name}`);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = draw(rng);
  return xs;
}

function histogramOf(xs: ArrayLike<number>, from = 0, to = xs.length): Histogram {
  const h = new Histogram();
  for (let i = from; i < to; i++) h.record(xs[i]);
  return h;
}

const DATASETS: Record<string, Float64Array> = {
  'uniform integer ns in [0, 10^6]': sample('uniform', (r) => r.int(0, 1_000_000)),
  'exponential ns with mean 1 ms': sample('exponential', (r) => Math.round(r.exponential(1e6))),
  // Pareto with shape 0.8: P(X > x) = (1000 / x)^0.8, so 100,000 draws reach ~10^9 and beyond.
  'heavy-tailed (Pareto, shape 0.8) ns from 1 µs': sample('pareto', (r) =>
    Math.round(r.pareto(1000, 0.8)),
  ),
  'fractional uniform in [0, 1)': sample('fraction', (r) => r.uniform()),
};

describe('Histogram percentiles', () => {
  it('states a relative error bound of 1/128 (under 0.8%)', () => {
    expect(BOUND).toBe(1 / 128);
  });

  it('has a heavy-tailed data set that really spans more than 6 orders of magnitude', () => {
    const xs = DATASETS['heavy-tailed (Pareto, shape 0.8) ns from 1 µs'];
    const h = histogramOf(xs);
    expect(h.max / h.min).toBeGreaterThan(1e6);
  });

  for (const [name, xs] of Object.entries(DATASETS)) {
    describe(name, () => {
      const h = histogramOf(xs);
      const sorted = Float64Array.from(xs).sort();

      it('reports every percentile within the stated relative error of the exact sorted-array value', () => {
        let worst = 0;
        for (const p of PS) {
          const exact = exactPercentile(sorted, p);
          const got = h.percentile(p);
          if (exact === 0) expect(got).toBe(0);
          else worst = Math.max(worst, Math.abs(got - exact) / exact);
        }
        expect(worst).toBeLessThanOrEqual(BOUND);
      });

      it('gives exactly min at p = 0 and max at p = 100', () => {
        expect(h.percentile(0)).toBe(sorted[0]);
        expect(h.percentile(100)).toBe(sorted[N - 1]);
      });

      it('never decreases as p grows and stays within [min, max]', () => {
        let prev = -Infinity;
        for (let p = 0; p <= 100; p += 0.25) {
          const v = h.percentile(p);
          expect(v).toBeGreaterThanOrEqual(prev);
          expect(v).toBeGreaterThanOrEqual(h.min);
          expect(v).toBeLessThanOrEqual(h.max);
          prev = v;
        }
      });

      it('keeps count, sum, mean, min and max exact', () => {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += xs[i];
        expect(h.count).toBe(N);
        expect(h.sum).toBe(sum);
        expect(h.mean).toBe(sum / N);
        expect(h.min).toBe(sorted[0]);
        expect(h.max).toBe(sorted[N - 1]);
      });

      it('stores far fewer buckets than values, within the bounded layout', () => {
        expect(h.allocatedBuckets).toBeLessThanOrEqual(Histogram.MAX_BUCKETS);
        expect(h.toSnapshot().bucketIndices.length).toBeLessThan(N / 10);
      });
    });
  }

  it('is within the bound for single values across 1 to 2^53', () => {
    for (let e = 0; e <= 53; e++) {
      for (const v of [2 ** e, 2 ** e * 1.01, 2 ** e * 1.5, 2 ** e * 1.99]) {
        const h = new Histogram();
        // A second, far larger value keeps the clamp to [min, max] from hiding bucket errors.
        h.record(v);
        h.record(2 ** 60);
        expect(Math.abs(h.percentile(50) - v) / v).toBeLessThanOrEqual(BOUND);
      }
    }
  });

  it('returns a lone value exactly at every percentile, because results are clamped to [min, max]', () => {
    const h = new Histogram();
    h.record(1_234_567);
    for (const p of [0, 1, 50, 99.9, 100]) expect(h.percentile(p)).toBe(1_234_567);
  });

  it('reports 0 exactly for percentiles that fall on recorded zeros', () => {
    const h = new Histogram();
    for (let i = 0; i < 30; i++) h.record(0);
    for (let i = 1; i <= 70; i++) h.record(i * 1000);
    expect(h.percentile(30)).toBe(0);
    // Rank 31 is the value 1000, reported as its bucket midpoint: close, not exact.
    const p31 = h.percentile(31);
    expect(p31).toBeGreaterThan(0);
    expect(Math.abs(p31 - 1000) / 1000).toBeLessThanOrEqual(BOUND);
    expect(h.percentile(100)).toBe(70_000);
  });

  it('treats record(value, count) as count separate records', () => {
    const a = new Histogram();
    const b = new Histogram();
    a.record(500, 3);
    a.record(7, 0);
    for (let i = 0; i < 3; i++) b.record(500);
    expect(a.toSnapshot()).toEqual(b.toSnapshot());
    expect(a.count).toBe(3);
    expect(a.sum).toBe(1500);
  });

  it('records −0 as 0 so min is +0', () => {
    const h = new Histogram();
    h.record(-0);
    expect(Object.is(h.min, 0)).toBe(true);
  });
});

describe('an empty Histogram', () => {
  it('has count 0, sum 0 and NaN for mean, min, max and every percentile', () => {
    const h = new Histogram();
    expect(h.count).toBe(0);
    expect(h.sum).toBe(0);
    expect(h.mean).toBeNaN();
    expect(h.min).toBeNaN();
    expect(h.max).toBeNaN();
    for (const p of [0, 50, 100]) expect(h.percentile(p)).toBeNaN();
  });

  it('goes back to that state after reset()', () => {
    const h = histogramOf([5, 10, 15]);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.sum).toBe(0);
    expect(h.percentile(50)).toBeNaN();
    expect(h.allocatedBuckets).toBe(0);
    h.record(8);
    expect(h.min).toBe(8);
    expect(h.percentile(50)).toBe(8);
  });
});

describe('Histogram.merge', () => {
  const xs = DATASETS['exponential ns with mean 1 ms'];

  it('of two halves equals the histogram of the whole', () => {
    const whole = histogramOf(xs);
    const first = histogramOf(xs, 0, N / 2);
    const second = histogramOf(xs, N / 2);
    first.merge(second);
    // Integer ns values sum exactly, so even the sum matches to the last bit.
    expect(first.toSnapshot()).toEqual(whole.toSnapshot());
    for (const p of PS) expect(first.percentile(p)).toBe(whole.percentile(p));
  });

  it('combines shards whose values lie in far-apart octaves', () => {
    const low = histogramOf([0, 1, 2, 3]);
    const high = histogramOf([1e12, 2e12]);
    high.merge(low);
    expect(high.toSnapshot()).toEqual(histogramOf([0, 1, 2, 3, 1e12, 2e12]).toSnapshot());
    expect(high.min).toBe(0);
    expect(high.max).toBe(2e12);
  });

  it('leaves the other histogram unchanged and treats empty histograms as identity', () => {
    const a = histogramOf([10, 20, 30]);
    const before = a.toSnapshot();
    const empty = new Histogram();
    empty.merge(a);
    a.merge(new Histogram());
    expect(a.toSnapshot()).toEqual(before);
    expect(empty.toSnapshot()).toEqual(before);
  });

  it('with itself doubles every count', () => {
    const a = histogramOf([0, 10, 20, 30]);
    a.merge(a);
    expect(a.toSnapshot()).toEqual(histogramOf([0, 0, 10, 10, 20, 20, 30, 30]).toSnapshot());
  });
});

describe('Histogram snapshots', () => {
  const xs = DATASETS['heavy-tailed (Pareto, shape 0.8) ns from 1 µs'];
  const h = histogramOf(xs);

  it('round-trip through fromSnapshot with identical statistics and percentiles', () => {
    const back = Histogram.fromSnapshot(h.toSnapshot());
    expect([back.count, back.sum, back.min, back.max]).toEqual([h.count, h.sum, h.min, h.max]);
    for (const p of PS) expect(back.percentile(p)).toBe(h.percentile(p));
  });

  it('are plain numbers and typed arrays that survive structuredClone', () => {
    const snap = h.toSnapshot();
    for (const value of Object.values(snap)) {
      expect(
        typeof value === 'number' || value instanceof Uint32Array || value instanceof Float64Array,
      ).toBe(true);
    }
    const cloned = structuredClone(snap);
    expect(cloned.bucketIndices).toBeInstanceOf(Uint32Array);
    expect(cloned.bucketCounts).toBeInstanceOf(Float64Array);
    const back = Histogram.fromSnapshot(cloned);
    for (const p of PS) expect(back.percentile(p)).toBe(h.percentile(p));
  });

  it('are sparse: one entry per non-empty bucket, ascending, counts summing to count', () => {
    const small = histogramOf([0, 0, 100, 100, 100, 5e9]).toSnapshot();
    expect(Array.from(small.bucketCounts)).toEqual([2, 3, 1]);
    expect(small.bucketIndices[0]).toBe(0);
    expect(small.bucketIndices[1]).toBeLessThan(small.bucketIndices[2]);
    expect(small.count).toBe(6);
  });

  it('of an empty histogram round-trip to an empty histogram', () => {
    const snap = structuredClone(new Histogram().toSnapshot());
    expect(snap.bucketIndices.length).toBe(0);
    const back = Histogram.fromSnapshot(snap);
    expect(back.count).toBe(0);
    expect(back.percentile(50)).toBeNaN();
  });

  it('are rejected when inconsistent or from another bucket layout', () => {
    const good = histogramOf([1, 2, 3]).toSnapshot();
    const bad: HistogramSnapshot[] = [
      { ...good, count: 4 },
      { ...good, subBucketBits: 5 },
      { ...good, bucketIndices: good.bucketIndices.slice().reverse() },
      { ...good, bucketCounts: new Float64Array([1, 1.5, 0.5]) },
      { ...good, bucketIndices: new Uint32Array([1, 2, Histogram.MAX_BUCKETS]) },
    ];
    for (const s of bad) expect(() => Histogram.fromSnapshot(s)).toThrow(AssertionError);
  });
});

describe('Histogram input checks', () => {
  it('rejects negative, NaN, infinite and too-large values', () => {
    const h = new Histogram();
    for (const bad of [-1, -1e-9, NaN, Infinity, -Infinity, 2 ** 64]) {
      expect(() => h.record(bad)).toThrow(AssertionError);
    }
    expect(h.count).toBe(0);
  });

  it('rejects non-integer or negative record counts', () => {
    const h = new Histogram();
    for (const bad of [-1, 1.5, NaN]) expect(() => h.record(1, bad)).toThrow(AssertionError);
  });

  it('rejects percentiles outside [0, 100]', () => {
    const h = histogramOf([1, 2, 3]);
    for (const bad of [-0.1, 100.1, NaN]) expect(() => h.percentile(bad)).toThrow(AssertionError);
  });
});
