/**
 * What the lab reads from a run's totals: a connection by name, a group's mean and spread over
 * its seeds, a grid cell, and the buckets the questions' choices stand for.
 */
import type { TcpConnTotals } from '@sim/models/tcp/tcpRuntime';
import { groupTotals, type TcpGroupFigures } from '@sim/models/tcp/groupTotals';
import { gridName } from './scenario';

export function conn(totals: readonly TcpConnTotals[] | undefined, name: string) {
  return totals?.find((t) => t.name === name);
}

export type GroupFigures = TcpGroupFigures;

/** Mean and sample standard deviation of each group's goodput over its runs, in first-seen order. */
export const groups = groupTotals;

/** The simulated goodput of grid cell (RTT index i, loss index j), Mbit/s. */
export function cell(totals: readonly TcpConnTotals[] | undefined, i: number, j: number) {
  return conn(totals, gridName(i, j))?.goodputMbps;
}

/** How many times lower `slow` is than `fast`, as the choices of two questions put it. */
export function ratioBucket(fast: number, slow: number): 'same' | 'few' | 'tens' | 'huge' {
  const r = fast / slow;
  if (r < 2) return 'same';
  if (r < 10) return 'few';
  return r < 200 ? 'tens' : 'huge';
}
