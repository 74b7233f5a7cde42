/**
 * Split TCP through an edge (Leighton 2009's persistent, pre-warmed connections): a response
 * that needs k round trips of slow start end to end takes about k short round trips (client to
 * edge) plus one long one (edge to origin) when the edge's connection to the origin is open
 * with a grown window; and the edge's other switches do what they say.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine/Engine';
import { PageLoad } from '../../../src/sim/models/pageload/PageLoad';
import { DEFAULT_PAGELOAD } from '../../../src/sim/models/pageload/pageloadConfig';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import { htmlOnly, load, responseRounds } from './helpers';

const LONG_MS = 200;
const SHORT_MS = 20;

describe('page load: split TCP and the edge', () => {
  it.each([
    [3, 30_000],
    [3, 60_000],
    [4, 100_000],
    [10, 60_000],
  ])('IW%d, %d bytes: k end-to-end round trips become k short ones and one long one', (iw, n) => {
    const page = htmlOnly(n);
    const direct = load(page, { rttMs: LONG_MS, iw });
    const k = Math.round(responseRounds(direct, 't.html', LONG_MS));
    expect(k).toBeGreaterThanOrEqual(2);
    // The warm window holds the whole response (with less, the long leg takes more rounds too).
    const split = load(page, {
      rttMs: LONG_MS,
      iw,
      edge: true,
      edgeRttMs: SHORT_MS,
      warm: true,
      warmWindowSegments: 128,
    });
    const row = split.requests[0];
    const took = row.lastByteMs - row.sentMs;
    const longLeg = LONG_MS - SHORT_MS;
    expect(Math.abs(took - (k * SHORT_MS + longLeg))).toBeLessThan(SHORT_MS / 2);
    expect(took).toBeLessThan(k * LONG_MS);
  });

  it('a cold edge pays its own handshake and slow start to the origin', () => {
    const page = htmlOnly(60_000);
    const cold = load(page, { rttMs: LONG_MS, iw: 3, edge: true, edgeRttMs: SHORT_MS });
    const warm = load(page, { rttMs: LONG_MS, iw: 3, edge: true, edgeRttMs: SHORT_MS, warm: true });
    const rowCold = cold.requests[0];
    const rowWarm = warm.requests[0];
    // At least the middle mile's handshake more.
    expect(rowCold.lastByteMs - rowCold.sentMs).toBeGreaterThan(
      rowWarm.lastByteMs - rowWarm.sentMs + (LONG_MS - SHORT_MS) - 1,
    );
    expect(cold.legs.middle!.connectionsOpened).toBe(1);
    expect(warm.legs.middle!.openClosePackets).toBe(0);
  });

  it('through the edge a miss reaches the origin, a fresh copy does not, a stale one is revalidated (304)', () => {
    const microscape = builtInPage('microscape')!;
    const cfg = { rttMs: 100, edge: true, warm: true, http: 'multiplexed' as const };
    const r = load(microscape, cfg);
    expect(r.originRequests).toBe(43);
    expect(r.edgeHits).toBe(0);
    const at = (atEdge: 'fresh' | 'stale') => ({
      ...microscape,
      objects: microscape.objects.map((o) => ({ ...o, atEdge })),
    });
    const cached = load(at('fresh'), cfg);
    expect(cached.originRequests).toBe(1);
    expect(cached.edgeHits).toBe(42);
    expect(cached.legs.middle!.bytes).toBeLessThan(r.legs.middle!.bytes / 3);
    // Stale at the edge: every object is asked for again, conditionally; the origin's 304s
    // carry headers only, and the edge serves its copies once they come.
    const stale = load(at('stale'), cfg);
    expect(stale.originRequests).toBe(43);
    expect(stale.edgeRevalidations).toBe(42);
    expect(stale.legs.middle!.bytes).toBeLessThan(r.legs.middle!.bytes / 3);
    expect(stale.done!.pageLoadMs).toBeGreaterThan(cached.done!.pageLoadMs);
    expect(stale.done!.pageLoadMs).toBeLessThanOrEqual(r.done!.pageLoadMs);
  });

  it('prefetching: the edge asks for what the HTML names before the browser does, adding no requests', () => {
    const portal = builtInPage('portal')!;
    const cfg = {
      rttMs: 150,
      edge: true,
      edgeRttMs: 40,
      warm: true,
      http: 'multiplexed' as const,
      connections: 1,
    };
    const plain = load(portal, cfg);
    const pre = load(portal, { ...cfg, prefetch: true });
    expect(pre.edgePrefetches).toBe(portal.objects.length);
    // Each only once the HTML the edge relays has named it.
    const edge = new PageLoad(new Engine(), 1, portal, {
      ...DEFAULT_PAGELOAD,
      ...cfg,
      prefetch: true,
    });
    edge.start();
    while (edge.ctx.engine.step()) {
      /* run */
    }
    for (const { object, htmlBodyBytes } of edge.edge!.prefetchLog)
      expect(htmlBodyBytes).toBeGreaterThanOrEqual(
        portal.objects.find((o) => o.name === object)!.at,
      );
    expect(new Set(edge.edge!.prefetchLog.map((p) => p.htmlBodyBytes)).size).toBeGreaterThan(1);
    expect(pre.originRequests).toBe(plain.originRequests);
    expect(pre.done!.pageLoadMs).toBeLessThan(plain.done!.pageLoadMs);
  });

  it('is deterministic: the same seed gives the same trace, loss or not', () => {
    const microscape = builtInPage('microscape')!;
    const cfg = { rttMs: 80, loss: 0.02, http: '1.1' as const, edge: true, warm: true };
    const a = load(microscape, cfg, 7);
    expect(load(microscape, cfg, 7).digest).toBe(a.digest);
    expect(load(microscape, cfg, 8).digest).not.toBe(a.digest);
  });
});
