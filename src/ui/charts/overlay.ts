/**
 * Several runs of one experiment on one chart: their points joined on time (simulated seconds
 * since each run's start), the current run's columns under their own names and earlier run i's
 * under `run{i}:name`, so each run is a series of its own on one shared scale.
 */
export interface OverlayPoint {
  t: number;
  [column: string]: number | null;
}

export const runColumn = (run: number, key: string) => `run${run}:${key}`;

export function overlayRuns<P extends { t: number }>(
  current: readonly P[],
  earlier: readonly (readonly P[])[],
  keys: readonly (keyof P & string)[],
): OverlayPoint[] {
  const byT = new Map<number, OverlayPoint>();
  const at = (t: number) => {
    let p = byT.get(t);
    if (!p) {
      p = { t };
      for (const k of keys) {
        p[k] = null;
        earlier.forEach((_, i) => (p![runColumn(i, k)] = null));
      }
      byT.set(t, p);
    }
    return p;
  };
  const value = (v: unknown) => (typeof v === 'number' ? v : null);
  earlier.forEach((run, i) => {
    for (const q of run) for (const k of keys) at(q.t)[runColumn(i, k)] = value(q[k]);
  });
  for (const q of current) for (const k of keys) at(q.t)[k] = value(q[k]);
  return [...byT.values()].sort((a, b) => a.t - b.t);
}
