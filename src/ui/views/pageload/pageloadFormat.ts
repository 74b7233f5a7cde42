/**
 * How the page-load view writes its numbers, one way in every part: times in whole ms, bytes in
 * kB (1,000 bytes) with one decimal, counts with thousands separators; '–' for what has not
 * happened or been reported.
 */

export const ms = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${Math.round(v).toLocaleString('en')} ms`;

/** bytes → `12.3 kB` (one decimal; thousands separated: `1,234.5 kB`) */
export const kB = (bytes: number) =>
  `${(bytes / 1000).toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB`;

export const count = (v: number) => Math.round(v).toLocaleString('en');

/** A packet count and, where reported, how many of them opened and closed connections. */
export function packets(n: number | undefined, openClose?: number): string {
  if (n === undefined) return '–';
  return openClose === undefined ? count(n) : `${count(n)} (${count(openClose)})`;
}

/**
 * Round times for a waterfall's axis, ms: 0 and every step of 1, 2 or 5 × 10^k up to `endMs`,
 * the step the smallest that gives at most `most` intervals.
 */
export function timeTicks(endMs: number, most = 4): number[] {
  if (!(endMs > 0)) return [0];
  const step = stepFor(endMs / most);
  const out: number[] = [];
  for (let i = 0; i * step <= endMs + 1e-9; i++) out.push(i * step);
  return out;
}

/** The smallest 1, 2 or 5 × 10^k at or above `v` (v > 0). */
function stepFor(v: number): number {
  for (let p = 10 ** Math.floor(Math.log10(v)); ; p *= 10) {
    const m = [1, 2, 5].find((k) => k * p >= v * (1 - 1e-12));
    if (m !== undefined) return m * p;
  }
}
