/**
 * The heat maps' cells: one per connection at its round trip and loss, and several maps on one
 * colour scale, so that the same throughput has the same colour on each (the since-2009 step
 * draws three senders' sweeps side by side).
 */
import { describe, expect, it } from 'vitest';
import { heatGrid, logScale, type GridBox } from '../../../src/ui/views/tcp/heatGrid';
import type { TcpConnTotals } from '@sim/models/tcp/tcpRuntime';

const BOX: GridBox = {
  width: 300,
  height: 200,
  margin: { left: 40, right: 0, top: 0, bottom: 40 },
  numberLine: 15,
  markR: 6,
};

/** A cell's totals (only what the map reads matters). */
const cell = (name: string, rttMs: number, lossRate: number, goodputMbps: number) =>
  ({ name, group: 'g', rttMs, lossRate, goodputMbps }) as TcpConnTotals;

const sweep = (prefix: string, rates: number[][]) =>
  [10, 100].flatMap((rtt, i) =>
    [0.001, 0.01].map((loss, j) => cell(`${prefix}-${i}-${j}`, rtt, loss, rates[i][j])),
  );

describe('the heat map’s grid', () => {
  const slow = sweep('slow', [
    [10, 3],
    [1, 0.3],
  ]);
  const fast = sweep('fast', [
    [48, 47],
    [45, 10],
  ]);

  it('puts each cell at its round trip (column) and loss (row)', () => {
    const g = heatGrid(slow, logScale(slow), BOX, undefined);
    expect(g.rtts).toEqual([10, 100]);
    expect(g.losses).toEqual([0.001, 0.01]);
    const at = (name: string) => g.cells.find((c) => c.t.name === name)!;
    expect(at('slow-1-0').x).toBeGreaterThan(at('slow-0-0').x);
    expect(at('slow-0-1').y).toBeGreaterThan(at('slow-0-0').y);
  });

  it('colours the same throughput alike on maps that share a scale, and not on their own', () => {
    const shared = logScale([...slow, ...fast]);
    const fill = (cells: TcpConnTotals[], name: string, scale = shared) =>
      heatGrid(cells, scale, BOX, undefined).cells.find((c) => c.t.name === name)!.fill;
    // 10 Mbit/s in both sweeps: one colour on the shared scale.
    expect(fill(slow, 'slow-0-0')).toBe(fill(fast, 'fast-1-1'));
    // Each on its own scale, the fast sweep's slowest cell would look like the slow one's.
    expect(fill(fast, 'fast-1-1', logScale(fast))).toBe(fill(slow, 'slow-1-1', logScale(slow)));
    expect(fill(fast, 'fast-1-1')).not.toBe(fill(slow, 'slow-1-1'));
  });

  it('marks a paper row between the grid’s columns, on a log axis', () => {
    const paper = {
      source: 'test',
      pathInflation: 1,
      rows: [{ label: 'mid', latencyMs: Math.sqrt(1000), loss: 0.01, paperMbps: 1 }],
    } as never;
    const g = heatGrid(slow, logScale(slow), BOX, paper);
    // √(10 × 100) ms is halfway between the two columns' centres.
    expect(g.marks[0].cx).toBeCloseTo(BOX.margin.left + g.cw, 6);
  });
});
