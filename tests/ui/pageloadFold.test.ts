import { describe, expect, it } from 'vitest';
import type { PageDoneSeen, RequestSeen } from '@sim/models/pageload/observations';
import {
  EMPTY_PAGELOAD,
  axisEndMs,
  foldPageload,
  inOrder,
  partsShown,
  segmentsOf,
  summaryOf,
} from '../../src/ui/views/pageload/pageloadFold';

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
    const legs = {
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
    };
    const [a] = foldPageload(EMPTY_PAGELOAD, [row({}), done, legs]);
    expect(a.legs?.middlePackets).toBe(9);
  });
});
