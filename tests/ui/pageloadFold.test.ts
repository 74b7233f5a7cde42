import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { PageDoneSeen, RequestSeen } from '@sim/models/pageload/observations';
import {
  EMPTY_PAGELOAD,
  axisEndMs,
  configuredName,
  foldPageload,
  inOrder,
  partsShown,
  runOf,
  segmentsOf,
  summaryOf,
  type LegsSeen,
} from '../../src/ui/views/pageload/pageloadFold';
import { packets, timeTicks } from '../../src/ui/views/pageload/pageloadFormat';
import { perMinute, seriesKey } from '../../src/ui/views/pageload/pageloadMinutes';
import {
  isRepeated,
  loadLabel,
  shownLoads,
  type LoadPick,
} from '../../src/ui/views/pageload/pageloadPick';
import BytesMeter from '../../src/ui/views/pageload/BytesMeter.svelte';
import OriginLoad from '../../src/ui/views/pageload/OriginLoad.svelte';

const row = (o: Partial<RequestSeen>): RequestSeen => ({
  type: 'pageload.request',
  timeNs: 0,
  load: 'pageload.a.0',
  object: 'x',
  conditional: false,
  bytes: 100,
  queuedMs: 0,
  startMs: 0,
  connectMs: null,
  tlsMs: null,
  sentMs: 0,
  firstByteMs: 10,
  lastByteMs: 20,
  connection: 'c0',
  opened: false,
  ...o,
});
const done: PageDoneSeen = {
  type: 'pageload.done',
  timeNs: 5e8,
  load: 'pageload.a.0',
  pageLoadMs: 500,
  dnsMs: 0,
  connectMs: 100,
  tlsMs: 0,
  firstByteMs: 100,
  contentMs: 300,
  requests: 2,
  fromCache: 0,
};

describe('the waterfall fold', () => {
  it('keeps the same state when nothing was the page-load model’s', () => {
    expect(foldPageload(EMPTY_PAGELOAD, [{ type: 'sim.other', timeNs: 1 }])).toBe(EMPTY_PAGELOAD);
  });

  it('groups requests by load in start order, whatever order they finished in', () => {
    const s = foldPageload(EMPTY_PAGELOAD, [
      row({ object: 'late', startMs: 50, timeNs: 60 }),
      row({ load: 'pageload.b.0', object: 'other' }),
      row({ object: 'early', startMs: 5, timeNs: 70 }),
      done,
    ]);
    expect(s.map((l) => l.name)).toEqual(['a', 'b']);
    expect(s[0].rows.map((r) => r.object)).toEqual(['early', 'late']);
    expect(s[0].done?.pageLoadMs).toBe(500);
    expect(axisEndMs(s)).toBe(500);
  });

  it('splits a bar into its phases, handshakes only where the request opened its connection', () => {
    const opened = row({
      opened: true,
      connectMs: 100,
      tlsMs: 150,
      sentMs: 150,
      firstByteMs: 250,
      lastByteMs: 300,
    });
    expect(segmentsOf(opened, 20).map((s) => [s.phase, s.fromMs, s.toMs])).toEqual([
      ['dns', -20, 0],
      ['connect', 0, 100],
      ['tls', 100, 150],
      ['waiting', 150, 250],
      ['receiving', 250, 300],
    ]);
    expect(segmentsOf(row({ sentMs: 5 })).map((s) => s.phase)).toEqual(['waiting', 'receiving']);
  });

  it('counts the connections a load used and the requests that opened one', () => {
    const [a] = foldPageload(EMPTY_PAGELOAD, [
      row({ connection: 'c0', opened: true, connectMs: 10 }),
      row({ object: 'y', connection: 'c0' }),
      row({ object: 'z', connection: 'c1', opened: true, connectMs: 10 }),
      done,
    ]);
    const s = summaryOf(a);
    expect([s.requests, s.connections, s.opened, s.bytes]).toEqual([3, 2, 2, 300]);
    expect(s.parts?.contentMs).toBe(300);
  });

  it('orders the loads as the lab listed them, and shows only the parts some load spent time on', () => {
    const s = foldPageload(EMPTY_PAGELOAD, [
      row({ load: 'pageload.c.0' }),
      row({ load: 'pageload.b.0' }),
      row({ load: 'pageload.a.0' }),
    ]);
    expect(inOrder(s, ['a', 'b']).map((l) => l.name)).toEqual(['a', 'b', 'c']);
    const [a] = foldPageload(EMPTY_PAGELOAD, [row({}), done]);
    expect(partsShown([summaryOf(a)])).toEqual(['connectMs', 'firstByteMs', 'contentMs']);
  });

  it('keeps a load’s bytes per leg once it is complete', () => {
    const [a] = foldPageload(EMPTY_PAGELOAD, [row({}), done, bytes({ middlePackets: 9 })]);
    expect(a.legs?.middlePackets).toBe(9);
  });
});

/** A load's `pageload.bytes`; the access leg's packets only when given (newer models). */
function bytes(o: Partial<LegsSeen>): LegsSeen {
  return {
    type: 'pageload.bytes',
    timeNs: 5e8,
    load: 'pageload.a.0',
    startNs: 0,
    accessBytes: 2000,
    middleBytes: 1000,
    middlePackets: 9,
    originRequests: 2,
    originResponseBytes: 900,
    fragmentFetches: 0,
    edgeComputed: 0,
    ...o,
  };
}

const S = 1e9;
/** A repeated load's n-th run: its report, started at `startS` simulated s. */
const repeat = (name: string, n: number, startS: number, o: Partial<LegsSeen> = {}) =>
  bytes({ load: `pageload.${name}.${n}`, startNs: startS * S, ...o });

describe('repeated loads', () => {
  it('name each run `pageload.<name>.<n>`: the name is what lies before the last dot', () => {
    expect(configuredName('pageload.edge-warm.12')).toBe('edge-warm');
    expect(runOf('pageload.edge-warm.12')).toBe(12);
    const s = foldPageload(EMPTY_PAGELOAD, [repeat('esi', 0, 0), repeat('esi', 1, 20)]);
    expect(s.map((l) => [l.name, l.run])).toEqual([
      ['esi', 0],
      ['esi', 1],
    ]);
    expect(isRepeated(s)).toBe(true);
    expect(isRepeated(s.slice(0, 1))).toBe(false);
    expect(loadLabel(s[1], { esi: 'with ESI' }, true)).toBe('with ESI #2 at 0:20');
    expect(loadLabel(s[1], { esi: 'with ESI' }, false)).toBe('with ESI');
  });

  it('sum by the minute each load started, per configured name, a minute without one 0', () => {
    const s = foldPageload(EMPTY_PAGELOAD, [
      repeat('whole', 0, 0, { middleBytes: 40_000 }),
      repeat('esi', 0, 0, { middleBytes: 1_000 }),
      repeat('whole', 1, 30, { middleBytes: 41_000 }),
      repeat('esi', 1, 30, { middleBytes: 600 }),
      // 59.9 s is still the first minute; 125 s the third; the second has no esi load
      repeat('esi', 2, 59.9, { middleBytes: 700 }),
      repeat('whole', 2, 65, { middleBytes: 42_000 }),
      repeat('esi', 3, 125, { middleBytes: 800 }),
      // a load still under way (requests seen, no report yet) is not counted
      row({ load: 'pageload.whole.3', startMs: 0 }),
    ]);
    const m = perMinute(s, (b) => b.middleBytes);
    expect(m.names).toEqual(['whole', 'esi']);
    expect(m.points).toEqual([
      { t: 0, [seriesKey('whole')]: 81_000, [seriesKey('esi')]: 2_300 },
      { t: 60, [seriesKey('whole')]: 42_000, [seriesKey('esi')]: 0 },
      { t: 120, [seriesKey('whole')]: 0, [seriesKey('esi')]: 800 },
    ]);
    expect(perMinute(EMPTY_PAGELOAD, (b) => b.middleBytes).points).toEqual([]);
  });

  it('show all loads while few, else the first and last until two are picked', () => {
    const few = foldPageload(
      EMPTY_PAGELOAD,
      ['a', 'b', 'c', 'd'].map((n) => row({ load: `pageload.${n}.0` })),
    );
    expect(shownLoads(few, null).map((l) => l.name)).toEqual(['a', 'b', 'c', 'd']);
    const two: LoadPick = { mode: 'two', a: 'pageload.c.0', b: 'pageload.a.0' };
    expect(shownLoads(few, two).map((l) => l.name)).toEqual(['c', 'a']);
    expect(shownLoads(few, { ...two, b: 'pageload.c.0' }).map((l) => l.name)).toEqual(['c']);
    const many = foldPageload(
      EMPTY_PAGELOAD,
      Array.from({ length: 12 }, (_, n) => repeat('esi', n, n * 20)),
    );
    expect(shownLoads(many, null).map((l) => l.run)).toEqual([0, 11]);
    // every load at once is not offered for twelve, and a pick from another run falls back
    expect(shownLoads(many, { mode: 'all' }).map((l) => l.run)).toEqual([0, 11]);
    expect(shownLoads(many, two).map((l) => l.run)).toEqual([0, 11]);
  });
});

describe('the bytes and origin parts', () => {
  const plain = (html: string) =>
    html
      .replace(/<!--[^]*?-->/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  const name = (l: { name: string; run: number }) => `${l.name} ${l.run}`;
  const props = (loads: ReturnType<typeof foldPageload>) => ({
    loads,
    all: loads,
    repeated: isRepeated(loads),
    labels: {},
    name,
  });

  it('meter each leg from the load’s report, with packets where the model gives them', () => {
    const old = foldPageload(EMPTY_PAGELOAD, [
      bytes({ accessBytes: 212_900, middleBytes: 0, middlePackets: 0 }),
    ]);
    const html = plain(render(BytesMeter, { props: props(old) }).body);
    // nothing crossed a middle mile, and the report has no access-leg packets: no packet columns
    expect(html).toContain('load access leg middle mile a 0 212.9 kB none');
    expect(html).not.toContain('packets');
    const newer = foldPageload(EMPTY_PAGELOAD, [
      bytes({ accessBytes: 212_900, accessPackets: 540, openClosePackets: 258 }),
      bytes({ load: 'pageload.b.0', middleBytes: 201_200, middlePackets: 239 }),
    ]);
    const both = plain(render(BytesMeter, { props: props(newer) }).body);
    expect(both).toContain('packets (open/close)');
    expect(both).toContain('a 0 212.9 kB 540 (258) 1.0 kB 9');
    expect(both).toContain('b 0 2.0 kB – 201.2 kB 239');
    expect(both).not.toContain('per minute');
    expect(packets(undefined)).toBe('–');
  });

  it('count the origin’s work per load, and per minute for a repeated load', () => {
    const s = foldPageload(EMPTY_PAGELOAD, [
      repeat('esi', 0, 0, { originRequests: 3, originResponseBytes: 4_200, fragmentFetches: 2 }),
      repeat('esi', 1, 70, { originRequests: 1, originResponseBytes: 300, edgeComputed: 1 }),
    ]);
    const html = plain(render(OriginLoad, { props: props(s) }).body);
    expect(html).toContain('esi 0 3 4.2 kB 2 0');
    expect(html).toContain('esi 1 1 0.3 kB 0 1');
    expect(html).toContain('Origin requests per minute');
    expect(html).toContain('Origin response bytes per minute');
    expect(plain(render(BytesMeter, { props: props(s) }).body)).toContain(
      'Middle-mile bytes per minute',
    );
  });

  it('mark round times on the shared axis', () => {
    expect(timeTicks(2805)).toEqual([0, 1000, 2000]);
    expect(timeTicks(646)).toEqual([0, 200, 400, 600]);
    expect(timeTicks(0)).toEqual([0]);
  });
});
