/**
 * A series of loads of one page, one every `everyS` seconds for `minutes` simulated minutes, each
 * on its own engine (a load lasts a second or two, far less than the gap), through one edge whose
 * fragment copies (ESI) last across the loads. The page's objects are static: the first load
 * brings them to the edge, which holds them fresh for the rest of the series; the HTML is fetched
 * every time, whole or (ESI) as the fragments that have expired. Every load has the series' seed:
 * the same page text (its compressed sizes do not wander from load to load), and under loss the
 * same losses. Totals per simulated minute.
 */
import { SECOND } from '../../time';
import { FragmentCache } from './fragmentCache';
import type { MinuteSeen } from './observations';
import type { PageLoadConfig } from './pageloadConfig';
import { withObjectsAtEdge, type Page } from './pages';
import { runPageLoad, type PageLoadRun } from './runPageLoad';

export interface LoadSeries {
  minutes: MinuteSeen[];
  /** the first load of the series (cold edge) */
  first: PageLoadRun;
}

export function runLoadSeries(
  page: Page,
  config: Partial<PageLoadConfig>,
  seed: number,
  minutes: number,
  everyS: number,
): LoadSeries {
  const cache = new FragmentCache();
  const warmPage = withObjectsAtEdge(page);
  const rows: MinuteSeen[] = Array.from({ length: minutes }, (_, m) => ({
    type: 'pageload.minute',
    timeNs: (m + 1) * 60 * SECOND,
    minute: m,
    loads: 0,
    accessBytes: 0,
    middleBytes: 0,
    middlePackets: 0,
    originResponseBytes: 0,
    originRequests: 0,
  }));
  let first: PageLoadRun | null = null;
  // Whole multiples of everyS, computed from the index so that no rounding error accumulates.
  for (let i = 0; i * everyS < minutes * 60; i++) {
    const nowS = i * everyS;
    const r = runPageLoad(i === 0 ? page : warmPage, config, seed, { cache, nowS });
    first ??= r;
    const row = rows[Math.floor(nowS / 60)];
    row.loads++;
    row.accessBytes += r.legs.access.bytes;
    row.middleBytes += r.legs.middle?.bytes ?? 0;
    row.middlePackets += r.legs.middle?.packets ?? 0;
    row.originResponseBytes += r.originResponseBytes;
    row.originRequests += r.originRequests;
  }
  return { minutes: rows, first: first! };
}
