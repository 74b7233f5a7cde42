/**
 * One page load on its own engine, run until every packet has settled (the last closes and
 * delayed ACKs included, so the packet counts are whole), with a trace digest.
 */
import { Engine } from '../../engine/Engine';
import { TraceDigest } from '../../engine/TraceDigest';
import { assert } from '../../util/assert';
import { PageLoad, type PageLoadTotals } from './PageLoad';
import { DEFAULT_PAGELOAD, type PageLoadConfig } from './pageloadConfig';
import type { Page } from './pages';
import type { EsiState } from './fragmentCache';

export interface PageLoadRun extends PageLoadTotals {
  events: number;
  digest: string;
}

export function runPageLoad(
  page: Page,
  config: Partial<PageLoadConfig>,
  seed: number,
  esi: EsiState | null = null,
): PageLoadRun {
  const engine = new Engine();
  const digest = new TraceDigest();
  engine.observe(digest.observer);
  const load = new PageLoad(
    engine,
    seed,
    page,
    { ...DEFAULT_PAGELOAD, ...config },
    'pageload',
    esi,
  );
  load.start();
  while (engine.step()) {
    /* run until nothing is left */
  }
  const totals = load.totals();
  assert(totals.done !== null, 'the page load stalled before every object arrived');
  return { ...totals, events: engine.executed, digest: digest.toString() };
}
