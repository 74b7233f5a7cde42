/**
 * Assert mode: the simulation's expensive invariant checks (src/sim/assert.ts) switched on for
 * this page's runs, in the main thread and in every shard worker (the flag travels in each
 * shard's ShardSpec). Asked for with `assert` in the page's query (`…/edge-lab/?assert#/…`),
 * which hash changes never touch; the fuzzer (`npm run fuzz`) opens every page this way.
 * Off by default: the checks cost time on hot paths.
 */

/** Whether a query string (`?assert`, `?assert=1`; not `?assert=0`) turns assert mode on. */
export function assertFlag(search: string): boolean {
  const value = new URLSearchParams(search).get('assert');
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/** Assert mode for the page as it is now (false outside a browser). */
export function assertMode(): boolean {
  return typeof location !== 'undefined' && assertFlag(location.search);
}
