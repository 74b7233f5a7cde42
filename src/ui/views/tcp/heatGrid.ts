/**
 * Where an RTT × loss sweep's cells go on a heat map, and their colours: one cell per
 * connection at its round trip (column) and loss (row), coloured by goodput on a log scale.
 * Several maps can share one scale (`logScale` over all their cells), so that the same colour
 * means the same throughput on each of them.
 */
import type { TcpConnTotals } from '@sim/models/tcp/tcpRuntime';
import type { TcpViewOptions } from '@lab/types';
import { inkOn, rgb, viridis } from './heatColour';

/** The colour scale's ends, as natural logs of Mbit/s. */
export interface LogScale {
  lo: number;
  hi: number;
}

/** The log scale that spans every cell given (cells that delivered nothing are left out). */
export function logScale(totals: readonly TcpConnTotals[]): LogScale {
  const values = totals.map((t) => t.goodputMbps).filter((v) => v > 0);
  if (values.length === 0) return { lo: 0, hi: 0 };
  return { lo: Math.log(Math.min(...values)), hi: Math.log(Math.max(...values)) };
}

export interface GridBox {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  /** where a cell's number stands (baseline, from the cell's top), and a marker's radius */
  numberLine: number;
  markR: number;
}

export interface GridCell {
  t: TcpConnTotals;
  x: number;
  y: number;
  fill: string;
  ink: '#000' | '#fff';
}

export interface HeatGrid {
  rtts: number[];
  losses: number[];
  cells: GridCell[];
  cw: number;
  ch: number;
  /** where the paper's rows fall (their effective round trip and loss) */
  marks: { label: string; short: string; cx: number; cy: number }[];
}

export function heatGrid(
  totals: readonly TcpConnTotals[],
  scale: LogScale,
  box: GridBox,
  paper: TcpViewOptions['paper'],
): HeatGrid {
  const { width: W, height: H, margin: M } = box;
  const rtts = [...new Set(totals.map((t) => t.rttMs))].sort((a, b) => a - b);
  const losses = [...new Set(totals.map((t) => t.lossRate))].sort((a, b) => a - b);
  const cw = (W - M.left - M.right) / rtts.length;
  const ch = (H - M.top - M.bottom) / losses.length;
  const cells = totals.map((t) => {
    const i = rtts.indexOf(t.rttMs);
    const j = losses.indexOf(t.lossRate);
    const x =
      t.goodputMbps > 0
        ? (Math.log(t.goodputMbps) - scale.lo) / Math.max(1e-9, scale.hi - scale.lo)
        : 0;
    const fill = viridis(x);
    return { t, x: M.left + i * cw, y: M.top + j * ch, fill: rgb(fill), ink: inkOn(fill) };
  });
  /** Where a value falls on a log axis of grid centres (clamped to the ends). */
  const along = (v: number, axis: number[], start: number, size: number) => {
    const k = axis.findIndex((a) => a >= v);
    if (k < 0 || v >= axis[axis.length - 1]) return start + (axis.length - 0.5) * size;
    if (k === 0) return start + size / 2;
    const f = (Math.log(v) - Math.log(axis[k - 1])) / (Math.log(axis[k]) - Math.log(axis[k - 1]));
    return start + (k - 1 + 0.5 + f) * size;
  };
  // A marker stays in the band of its loss but below the band's numbers (which sit at the top
  // of each cell), so no number is hidden.
  const belowNumbers = (y: number) => {
    const band = M.top + Math.min(losses.length - 1, Math.floor((y - M.top) / ch)) * ch;
    return Math.min(band + ch - box.markR - 1, Math.max(y, band + box.numberLine + box.markR + 3));
  };
  const marks = (paper?.rows ?? []).map((r) => ({
    label: r.label,
    short: r.label[0].toUpperCase(),
    cx: along(r.latencyMs * paper!.pathInflation, rtts, M.left, cw),
    cy: belowNumbers(along(r.loss, losses, M.top, ch)),
  }));
  return { rtts, losses, cells, cw, ch, marks };
}
