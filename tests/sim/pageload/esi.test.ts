import { describe, expect, it } from 'vitest';
import { FragmentCache } from '../../../src/sim/models/pageload/fragmentCache';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import type { PageLoadConfig } from '../../../src/sim/models/pageload/pageloadConfig';
import { runLoadSeries } from '../../../src/sim/models/pageload/runLoadSeries';
import { runPageLoad } from '../../../src/sim/models/pageload/runPageLoad';
import { page } from './helpers';

const portal = builtInPage('portal')!;
const EDGE: Partial<PageLoadConfig> = { edge: true, warm: true, http: 'multiplexed' };
const ESI = { ...EDGE, esi: true };
/** DEFAULT_PAGELOAD's response headers, on every fragment and every page */
const H = 250;

describe('ESI fragment lifetimes', () => {
  it('a fragment is fetched when absent or expired (fresh while now < fetched + ttl), a ttl of 0 always', () => {
    const cache = new FragmentCache();
    const frags = [
      { name: 'a', bytes: 1, ttlSeconds: 60 },
      { name: 'p', bytes: 1, ttlSeconds: 0 },
    ];
    const names = (t: number) => cache.due(frags, t).map((f) => f.name);
    expect(names(0)).toEqual(['a', 'p']);
    expect(names(59.9)).toEqual(['p']);
    expect(names(60)).toEqual(['a', 'p']);
    expect(names(100)).toEqual(['p']);
  });
});

describe('ESI bytes across the middle mile (Dilley et al. 2002)', () => {
  it('portal, a load every 10 s: per minute 6 greetings and 1 quotes with ESI, 6 whole pages without', () => {
    const withEsi = runLoadSeries(portal, ESI, 1, 5, 10).minutes;
    const without = runLoadSeries(portal, EDGE, 1, 5, 10).minutes;
    // Minute 0 also brings the 15 objects (334,000 B) and the template and headlines once.
    const objects = 334_000 + 15 * H;
    expect(withEsi[0].originResponseBytes).toBe(objects + 32_000 + 4 * H + 5 * (2_000 + H));
    expect(without[0].originResponseBytes).toBe(objects + 6 * (32_000 + H));
    for (const m of [1, 2, 3, 4]) {
      expect(withEsi[m].originResponseBytes).toBe(6 * (2_000 + H) + (3_000 + H)); // 16,750
      expect(withEsi[m].originRequests).toBe(7);
      expect(without[m].originResponseBytes).toBe(6 * (32_000 + H)); // 193,500
      expect(without[m].originRequests).toBe(6);
      // The packets carry the responses plus requests, TCP/IP headers and ACKs.
      expect(withEsi[m].middleBytes).toBeGreaterThan(withEsi[m].originResponseBytes);
      expect(withEsi[m].middleBytes).toBeLessThan(withEsi[m].originResponseBytes * 1.25);
    }
    // The saving is what the arithmetic says: the 2 KB personal greeting (7 % of the page) caps
    // it at 91.3 %, below Dilley et al.'s range; on the wire (requests and ACKs too) 90 %.
    const saving = 1 - withEsi[1].originResponseBytes / without[1].originResponseBytes;
    expect(saving).toBeCloseTo(1 - 16_750 / 193_500, 10);
    const onWire = 1 - withEsi[1].middleBytes / without[1].middleBytes;
    expect(onWire).toBeGreaterThan(0.88);
    expect(onWire).toBeLessThan(saving);
  });

  it('a load every 20 s: the quotes expire on the minute exactly (fetched at 0, 60, 120 s …)', () => {
    const rows = runLoadSeries(portal, ESI, 1, 10, 20).minutes;
    for (const r of rows.slice(1)) expect(r.originResponseBytes).toBe(3 * (2_000 + H) + 3_000 + H);
  });

  it('a page whose personal part is small lands in the paper’s 95–99 %', () => {
    const news = page({
      name: 'news',
      html: {
        bytes: 31_200,
        thinkMs: 50,
        fragments: [
          { name: 'template', bytes: 30_000, ttlSeconds: 86_400 },
          { name: 'quotes', bytes: 1_000, ttlSeconds: 60 },
          { name: 'greeting', bytes: 200, ttlSeconds: 0 },
        ],
      },
      objects: [],
    });
    const withEsi = runLoadSeries(news, ESI, 1, 3, 1).minutes;
    const without = runLoadSeries(news, EDGE, 1, 3, 1).minutes;
    expect(withEsi[1].originResponseBytes).toBe(60 * (200 + H) + 1_000 + H); // 28,250
    expect(without[1].originResponseBytes).toBe(60 * (31_200 + H)); // 1,887,000
    const saving = 1 - withEsi[1].originResponseBytes / without[1].originResponseBytes;
    expect(saving).toBeGreaterThanOrEqual(0.95);
    expect(saving).toBeLessThanOrEqual(0.99);
  });

  it('one load with an empty edge fetches every fragment, each paying the origin’s think time once, in parallel', () => {
    const r = runPageLoad(portal, { ...ESI, responseHeaderBytes: 0 }, 1);
    expect(r.fragmentFetches).toBe(4);
    expect(r.originRequests).toBe(4 + 15);
    const html = r.requests.find((q) => q.object === 'portal.html')!;
    const plain = runPageLoad(portal, { ...EDGE, responseHeaderBytes: 0 }, 1);
    const plainHtml = plain.requests.find((q) => q.object === 'portal.html')!;
    // Four think times in a row would add 240 ms; in parallel about none.
    expect(html.firstByteMs - plainHtml.firstByteMs).toBeLessThan(20);
  });
});
