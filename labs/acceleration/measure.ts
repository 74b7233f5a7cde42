/**
 * What the lab reads from its runs: a load's end by its configured name, and the buckets the
 * questions' choices stand for.
 */
import type { Measurements } from '@lab/types';
import type { LabContext, RunName } from './machine';

/** `pageload.<name>.<run>` → `<name>`: the model names each load so (names have no dots). */
export const configuredName = (id: string) => id.split('.')[1] ?? id;

/** A load's page load time, ms, once its run is recorded. */
export function loadMs(
  m: Measurements<LabContext>,
  run: RunName,
  load: string,
): number | undefined {
  return m.context.results?.[run]?.[load]?.pageLoadMs;
}

/** How many times faster `fast` is than `slow`, as the speed-up questions' choices put it. */
export function speedupBucket(slow: number, fast: number): 'same' | 'some' | 'few' | 'tens' {
  const r = slow / fast;
  if (r < 1.5) return 'same';
  if (r < 3) return 'some';
  return r < 10 ? 'few' : 'tens';
}
