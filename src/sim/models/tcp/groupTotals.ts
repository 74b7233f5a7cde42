/**
 * Several runs of the same path (one row of a table, over seeds) summed up: mean and sample
 * standard deviation of the goodput, the closed forms for that path, and the 4 GB download
 * time at the mean. Shared by the fat-file lab's measurements and its table view.
 */
import { DVD_BYTES, downloadHours } from './closedForms';
import { meanSd } from './figure2';
import type { TcpConnTotals } from './tcpRuntime';

export interface TcpGroupFigures {
  group: string;
  runs: number;
  rttMs: number;
  lossRate: number;
  meanMbps: number;
  sdMbps: number;
  mathisMbps: number | null;
  pftkMbps: number | null;
  /** a 4 GB file at the mean goodput; null before anything has arrived */
  downloadHours: number | null;
  timeoutsPerRun: number;
}

/** Each group's figures, in the order groups first appear. */
export function groupTotals(totals: readonly TcpConnTotals[]): TcpGroupFigures[] {
  const by = new Map<string, TcpConnTotals[]>();
  for (const t of totals) {
    const list = by.get(t.group);
    if (list) list.push(t);
    else by.set(t.group, [t]);
  }
  return [...by].map(([group, list]) => {
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
      downloadHours: mean > 0 ? downloadHours(DVD_BYTES, mean * 1e6) : null,
      timeoutsPerRun: list.reduce((a, t) => a + t.timeouts, 0) / list.length,
    };
  });
}

/**
 * The latest totals of every connection: `next` (one shard's report) replaces the connections it
 * names and leaves the others, in config order. Shards report only the connections they run.
 */
export function mergeTotalsByName(
  prev: readonly TcpConnTotals[],
  next: readonly TcpConnTotals[],
): TcpConnTotals[] {
  const by = new Map(prev.map((t) => [t.name, t]));
  for (const t of next) by.set(t.name, t);
  return [...by.values()].sort((a, b) => a.index - b.index);
}
