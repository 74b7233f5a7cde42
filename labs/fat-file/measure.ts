/**
 * What the lab reads from a run's totals: a connection by name, a group's mean and spread over
 * its seeds, a grid cell, and the buckets the questions' choices stand for.
 */
import type { TcpConnTotals } from '@sim/tcp/tcpRuntime';
import { meanSd } from '@sim/tcp/figure2';
import { DVD_BYTES, downloadHours } from '@sim/tcp/closedForms';
import { gridName } from './scenario';

export function conn(totals: readonly TcpConnTotals[] | undefined, name: string) {
  return totals?.find((t) => t.name === name);
}

export interface GroupFigures {
  group: string;
  runs: number;
  rttMs: number;
  lossRate: number;
  meanMbps: number;
  sdMbps: number;
  mathisMbps: number | null;
  pftkMbps: number | null;
  /** a 4 GB file at the mean goodput */
  downloadHours: number;
  timeoutsPerRun: number;
}

/** Mean and sample standard deviation of each group's goodput over its runs, in first-seen order. */
export function groups(totals: readonly TcpConnTotals[]): GroupFigures[] {
  const order: string[] = [];
  const by = new Map<string, TcpConnTotals[]>();
  for (const t of totals) {
    if (!by.has(t.group)) {
      by.set(t.group, []);
      order.push(t.group);
    }
    by.get(t.group)!.push(t);
  }
  return order.map((group) => {
    const list = by.get(group)!;
    const { mean, sd } = meanSd(list.map((t) => t.goodputMbps));
    return {
      group,
      runs: list.length,
      rttMs: list[0].rttMs,
      lossRate: list[0].lossRate,
      meanMbps: mean,
      sdMbps: sd,
      mathisMbps: list[0].mathisMbps,
      pftkMbps: list[0].pftkMbps,
      downloadHours: downloadHours(DVD_BYTES, mean * 1e6),
      timeoutsPerRun: list.reduce((a, t) => a + t.timeouts, 0) / list.length,
    };
  });
}

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
