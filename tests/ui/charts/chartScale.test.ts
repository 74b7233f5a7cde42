import { describe, expect, it } from 'vitest';
import {
  axisSize,
  firstDrop,
  labelRows,
  linearRange,
  logRange,
  niceCeil,
  quantileAfterFirstDrop,
  spansOrders,
} from '../../../src/ui/charts/chartScale';
import { chartColumns } from '../../../src/ui/charts/chartGrid';

describe('a chart’s value axis', () => {
  it('ends at a round number above the data', () => {
    expect(niceCeil(7.2)).toBe(8);
    expect(niceCeil(17.875)).toBe(20);
    expect(niceCeil(1.9)).toBe(2);
    expect(niceCeil(240)).toBe(250);
    // 10,000 requests/s must show as 10,000, with room above, and not leave half the chart empty.
    expect(linearRange(0, 9_800)).toEqual([0, 12_000]);
  });

  it('keeps every reference line in view, even one above the data', () => {
    // The origin's capacity above a quiet run's rate: the line must still show.
    const [, top] = linearRange(0, 120, [400]);
    expect(top).toBeGreaterThanOrEqual(400);
  });

  it('stops at the cap and lets a spike run off the top, but never hides a reference line', () => {
    expect(linearRange(0, 416, [], 45)).toEqual([0, 45]);
    expect(linearRange(0, 416, [60], 45)[1]).toBeGreaterThanOrEqual(60);
    // Below the cap, the data decide.
    expect(linearRange(0, 0.3, [], 1)).toEqual([0, 0.4]);
    expect(linearRange(0, 0.99, [], 1)).toEqual([0, 1]);
    expect(linearRange(null, null, [], 1)).toEqual([0, 1]);
  });

  it('spans whole powers of ten on a log axis, Tokyo’s 0.37 as well as Boston’s 27', () => {
    expect(logRange(0.37, 27.7)).toEqual([0.1, 100]);
    expect(logRange(0.37, 0.9, [29.4])).toEqual([0.1, 100]);
    expect(logRange(5, 5)).toEqual([1, 10]);
  });

  it('switches to a log axis when connections differ by more than an order of magnitude', () => {
    expect(spansOrders([27.7, 6.4, 0.9, 0.37])).toBe(true);
    expect(spansOrders([6.4, 4.1])).toBe(false);
    expect(spansOrders([6.4, null])).toBe(false);
  });
});

describe('the congestion window’s scale', () => {
  // Slow start to 400 kB, then a sawtooth between about 15 and 40 kB, one restart to 130 kB.
  const slowStart = [2, 4, 8, 16, 32, 64, 128, 256, 400];
  const saw = [20, 25, 30, 35, 40, 20, 25, 30, 35, 40, 20, 25, 30, 35, 40];
  const series = [...slowStart, ...saw, 3, 130, 20, ...saw, null, ...saw];

  it('finds the first loss', () => {
    expect(firstDrop(series)).toBe(slowStart.length);
    expect(firstDrop([1, 2, null, 3])).toBe(-1);
  });

  it('is set by the sawtooth after the first loss, not by slow start or one restart', () => {
    // the sawtooth's top, within one bucket (1/256 of the range after the loss)
    const q = quantileAfterFirstDrop(series)!;
    expect(q).toBeGreaterThanOrEqual(40);
    expect(q).toBeLessThan(41);
    expect(quantileAfterFirstDrop([1, 2, 3])).toBeNull();
  });
});

describe('axis sizes and labels', () => {
  const width = (s: string) => s.length * 7;

  it('makes room for the longest label', () => {
    expect(axisSize(['0', '5,000', '10,000'], width, 10)).toBe(10 + 42 + 2);
    expect(axisSize([], width, 10)).toBe(12);
  });

  it('puts event labels in rows so they do not overlap, and none where there is no room', () => {
    expect(labelRows([0, 10, 100], [50, 50, 50], 2)).toEqual([0, 1, 0]);
    expect(labelRows([0, 10, 20], [50, 50, 50], 2)).toEqual([0, 1, null]);
  });
});

describe('charts in a box', () => {
  it('go side by side in a wide, low box and stack in a tall one', () => {
    expect(chartColumns(3, 1600, 400)).toBe(3);
    expect(chartColumns(3, 600, 900)).toBe(1);
    expect(chartColumns(3, 600, 350)).toBe(2);
    expect(chartColumns(3, 1000, 760)).toBe(2);
    // never narrower than a readable chart
    expect(chartColumns(3, 500, 100)).toBe(1);
  });
});

describe('the scale of a long series', () => {
  it('is found from a sample, close to the exact quantile', () => {
    const saw = Array.from({ length: 40_000 }, (_, i) => 20 + (i % 25));
    const series = [1, 100, 400, ...saw];
    const q = quantileAfterFirstDrop(series)!;
    expect(q).toBeGreaterThanOrEqual(42);
    expect(q).toBeLessThanOrEqual(44);
  });
});
