/**
 * Simulated time on a clock, in the unit that fits: a DNS lookup in milliseconds, a crowd in
 * seconds, an hour-long cache expiry in hours and minutes (not "3605000.000 ms"). Precise enough
 * to watch slow motion move: milliseconds to the microsecond, seconds to the millisecond.
 */
export function formatClock(ns: number): string {
  const ms = ns / 1e6;
  if (ms < 1000) return `${ms.toFixed(3)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${s.toFixed(3)} s`;
  const whole = Math.floor(s);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const rest = (s - h * 3600 - min * 60).toFixed(1).padStart(4, '0');
  return h > 0 ? `${h} h ${String(min).padStart(2, '0')} min ${rest} s` : `${min} min ${rest} s`;
}
