/**
 * Durations as the labs and their views write them: in the unit that fits (a lookup in
 * milliseconds, a TTL of two days in days, not "172800000 ms"). One formatter, so the DNS lab's
 * findings and the sequence diagram write the same TTL the same way. Pure.
 */

/** A duration given in seconds, in the largest unit that keeps it readable. */
export function duration(seconds: number): string {
  const trim = (x: number, unit: string) => `${Number(x.toPrecision(3))} ${unit}`;
  if (seconds < 1) return `${Number((seconds * 1000).toPrecision(3))} ms`;
  if (seconds < 120) return trim(seconds, 's');
  if (seconds < 2 * 3600) return trim(seconds / 60, 'min');
  if (seconds < 2 * 86_400) return trim(seconds / 3600, 'h');
  return trim(seconds / 86_400, 'days');
}
