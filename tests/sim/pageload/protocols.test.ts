/**
 * The protocols' rules, read off the waterfall: connections per host, one request at a time on
 * a persistent connection, pipelining's responses in request order, multiplexing's interleaving.
 */
import { describe, expect, it } from 'vitest';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import type { RequestSeen } from '../../../src/sim/models/pageload/observations';
import { load, page } from './helpers';

const microscape = builtInPage('microscape')!;

/** The most connections busy at once (a connection is busy from its first request to its last byte). */
function mostAtOnce(rows: RequestSeen[]): number {
  const spans = new Map<string, [number, number]>();
  for (const r of rows) {
    const s = spans.get(r.connection);
    spans.set(
      r.connection,
      s ? [Math.min(s[0], r.startMs), Math.max(s[1], r.lastByteMs)] : [r.startMs, r.lastByteMs],
    );
  }
  const edges = [...spans.values()].flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]);
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

function byConnection(rows: RequestSeen[]): RequestSeen[][] {
  const m = new Map<string, RequestSeen[]>();
  for (const r of rows) m.set(r.connection, [...(m.get(r.connection) ?? []), r]);
  return [...m.values()].map((list) => list.sort((a, b) => a.sentMs - b.sentMs));
}

/** A big object named first, a small one right after it. */
const bigThenSmall = page({
  name: 'two',
  html: { bytes: 1000 },
  objects: [
    { name: 'big.jpg', type: 'image', bytes: 200_000, at: 100 },
    { name: 'small.css', type: 'css', bytes: 2_000, at: 101 },
  ],
});

describe('page load: protocol rules', () => {
  it.each([1, 2, 4, 6])('HTTP/1.0 with %d connections: one per object, never more at once', (n) => {
    const r = load(microscape, { http: '1.0', connections: n, rttMs: 50 });
    expect(r.legs.access.connectionsOpened).toBe(43);
    expect(new Set(r.requests.map((q) => q.connection)).size).toBe(43);
    expect(mostAtOnce(r.requests)).toBe(n);
  });

  it.each([1, 2, 4, 6])(
    'HTTP/1.1 with %d persistent connections: one request at a time on each',
    (n) => {
      const r = load(microscape, { http: '1.1', connections: n, rttMs: 50 });
      expect(r.legs.access.connectionsOpened).toBe(n);
      expect(mostAtOnce(r.requests)).toBe(n);
      for (const list of byConnection(r.requests))
        for (let i = 1; i < list.length; i++)
          expect(list[i].sentMs).toBeGreaterThanOrEqual(list[i - 1].lastByteMs);
    },
  );

  it.each([
    ['pipelined', 1],
    ['pipelined', 3],
    ['multiplexed', 1],
    ['multiplexed', 4],
  ] as const)(
    '%s, up to %d connections: as many as allowed (multiplexed: one per host)',
    (http, n) => {
      const r = load(microscape, { http, connections: n, rttMs: 50 });
      const expected = http === 'multiplexed' ? 1 : n;
      expect(r.legs.access.connectionsOpened).toBe(expected);
      expect(mostAtOnce(r.requests)).toBe(expected);
    },
  );

  it('pipelining: requests go back to back, responses come whole and in request order', () => {
    const r = load(bigThenSmall, { http: 'pipelined', connections: 1, rttMs: 50 });
    const big = r.requests.find((q) => q.object === 'big.jpg')!;
    const small = r.requests.find((q) => q.object === 'small.css')!;
    expect(big.connection).toBe(small.connection);
    // Sent before the big response is in: pipelined, not one at a time.
    expect(small.sentMs).toBeLessThan(big.firstByteMs);
    // Head-of-line: the small one's bytes only after the big one's last.
    expect(small.firstByteMs).toBeGreaterThanOrEqual(big.lastByteMs);
    for (const list of byConnection(load(microscape, { http: 'pipelined', rttMs: 50 }).requests))
      for (let i = 1; i < list.length; i++)
        expect(list[i].lastByteMs).toBeGreaterThanOrEqual(list[i - 1].lastByteMs);
  });

  it('multiplexing: one connection, the streams interleave (the small response overtakes the big one)', () => {
    const r = load(bigThenSmall, { http: 'multiplexed', connections: 1, rttMs: 50 });
    const big = r.requests.find((q) => q.object === 'big.jpg')!;
    const small = r.requests.find((q) => q.object === 'small.css')!;
    expect(r.legs.access.connectionsOpened).toBe(1);
    expect(small.lastByteMs).toBeLessThan(big.lastByteMs);
    expect(small.firstByteMs).toBeLessThan(big.lastByteMs);
    expect(big.firstByteMs).toBeLessThan(small.lastByteMs);
  });

  it('the browser asks for an object only once the HTML that names it has arrived', () => {
    const r = load(microscape, { http: 'multiplexed', rttMs: 100, bandwidthMbps: 1 });
    const html = r.requests.find((q) => q.object === 'microscape.html')!;
    const images = r.requests.filter((q) => q.object !== 'microscape.html');
    expect(images.length).toBe(42);
    for (const q of images) {
      expect(q.queuedMs).toBeGreaterThanOrEqual(html.firstByteMs);
      expect(q.queuedMs).toBeLessThanOrEqual(html.lastByteMs);
    }
    // Discovered as the bytes come in: the first image (named at 2 % of the HTML) early, the
    // last (at 98 %) late in the HTML's arrival.
    const span = html.lastByteMs - html.firstByteMs;
    const queued = (name: string) => images.find((q) => q.object === name)!.queuedMs;
    expect(queued('img1.gif')).toBeLessThan(html.firstByteMs + 0.2 * span);
    expect(queued('img42.gif')).toBeGreaterThan(html.firstByteMs + 0.9 * span);
  });

  it('the browser cache: fresh objects are not asked for, stale ones come back as 304s', () => {
    const fresh = page({
      name: 'cached',
      html: { bytes: 3000 },
      objects: [
        { name: 'a.css', type: 'css', bytes: 40_000, at: 10, browserCache: 'fresh' },
        { name: 'b.js', type: 'js', bytes: 40_000, at: 20, browserCache: 'stale' },
        { name: 'c.png', type: 'image', bytes: 40_000, at: 30 },
      ],
    });
    const r = load(fresh, { http: '1.1', rttMs: 50, responseHeaderBytes: 250 });
    expect(r.done!.fromCache).toBe(1);
    expect(r.requests.map((q) => q.object).sort()).toEqual(['b.js', 'c.png', 'cached.html']);
    const b = r.requests.find((q) => q.object === 'b.js')!;
    expect(b.conditional).toBe(true);
    expect(b.bytes).toBe(250);
    const warm = load(microscape, { http: '1.1', rttMs: 50, browserCache: 'warm' });
    expect(warm.legs.access.bytes).toBeLessThan(
      load(microscape, { http: '1.1', rttMs: 50 }).legs.access.bytes / 2,
    );
  });
});
