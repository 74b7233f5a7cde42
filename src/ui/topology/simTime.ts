/**
 * Simulated times as the map's inspector writes them: in the unit that fits (ms below ten
 * seconds, seconds below ten minutes, then minutes and seconds), never "3605000.000 ms".
 */
export function formatSimTime(ns: number): string {
  const ms = ns / 1e6;
  if (ms < 10_000)
    return `${ms.toLocaleString('en', { maximumFractionDigits: ms < 100 ? 2 : 1 })} ms`;
  const s = ns / 1e9;
  if (s < 600) return `${s.toLocaleString('en', { maximumFractionDigits: 3 })} s`;
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  return `${minutes} min ${rest.toLocaleString('en', { maximumFractionDigits: 1 })} s`;
}
