/**
 * A comparison's figures and sentence, model by model: each lab's comparison names what its
 * runs differ in (a rollout's servers on the new release, a DNS lookup's queries, BGP updates),
 * and leaves out the figures of models that did nothing in either run (the DNS lab's idle
 * delivery model); the run with the change is named in the unit its lab speaks in.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import {
  changedRunName,
  compareFigures,
  differencesSentence,
  momentText,
} from '@ui/compare/compareSummary';

const frame = (
  timeNs: number,
  counters: Record<string, number>,
  extra: Partial<RuntimeFrame> = {},
): RuntimeFrame => ({ timeNs, counters, percentiles: {}, ...extra }) as unknown as RuntimeFrame;

describe('a comparison’s figures', () => {
  it('names a rollout’s differences: servers on the new release, aborts', () => {
    const versions = (n: number) => Uint16Array.from({ length: 10 }, (_, i) => (i < n ? 2 : 1));
    const base = frame(
      60e9,
      { 'rollout.releases': 1, 'rollout.crashes': 0 },
      { version: versions(1) },
    );
    const aborted = frame(
      600e9,
      { 'rollout.releases': 1, 'rollout.aborted': 1, 'rollout.crashes': 0 },
      { version: versions(0) },
    );
    const before = frame(
      600e9,
      { 'rollout.releases': 1, 'rollout.crashes': 2, 'rollout.serversOut': 1 },
      { version: versions(10) },
    );
    const figures = compareFigures(base, aborted, before);
    const by = (label: string) => figures.find((f) => f.label.startsWith(label))!;
    expect(by('servers on the new release')).toMatchObject({
      current: '0',
      other: '10',
      differs: true,
    });
    expect(by('releases aborted')).toMatchObject({ current: '1', other: '0' });
    expect(by('server crashes since the change')).toMatchObject({ current: '0', other: '2' });
    // No delivery, DNS or network figures: those models did nothing here.
    expect(figures.some((f) => /request|lookup|dropped/.test(f.label))).toBe(false);
    expect(differencesSentence(600e9, figures)).toBe(
      'At 10.0 min, since the change: servers on the new release now 0 against 10; ' +
        'servers out now 0 against 1; crashes 0 against 2 as before. The table has 1 more.',
    );
  });

  it('names a DNS lab’s: lookups and queries, without its idle delivery model', () => {
    const idle = { 'delivery.requests': 0, 'net.sent': 10, 'net.dropped': 0 };
    const base = frame(50e6, { ...idle, 'dns.lookups': 1, 'dns.lookupsAnswered': 0 });
    const mine = frame(300e6, {
      ...idle,
      'net.sent': 30,
      'dns.lookups': 2,
      'dns.lookupsAnswered': 2,
      'dns.queries.root': 1,
      'dns.queries.tld': 1,
      'dns.resolver.cacheHits': 1,
    });
    const theirs = frame(300e6, {
      ...idle,
      'net.sent': 20,
      'dns.lookups': 1,
      'dns.lookupsAnswered': 1,
      'dns.queries.root': 1,
      'dns.queries.tld': 1,
    });
    const figures = compareFigures(base, mine, theirs);
    expect(figures.map((f) => f.label)).toEqual([
      'lookups answered since the change',
      'queries to name servers since the change',
      'answers from the resolver’s cache since the change',
      'lookup time p50 (whole run)',
      'lookup time p95 (whole run)',
      'network messages dropped since the change',
    ]);
    expect(differencesSentence(300e6, figures)).toBe(
      'At 300.0 ms, since the change: lookups answered 2 against 1; ' +
        'answers from the cache 1 against 0 as before.',
    );
  });

  it('keeps the delivery figures and says when the runs do not differ yet', () => {
    const counters = { 'delivery.requests': 100, 'delivery.hits': 50, 'delivery.misses': 50 };
    const base = frame(1e9, counters);
    const same = frame(2e9, { ...counters, 'delivery.requests': 200 });
    const figures = compareFigures(base, same, same);
    expect(figures[0]).toMatchObject({
      label: 'requests per second since the change',
      current: '100/s',
    });
    expect(differencesSentence(2e9, figures)).toBe(
      'At 2.0 s, the two runs do not differ in these figures yet.',
    );
  });

  it('names the run with the change in its lab’s unit, and any change in words', () => {
    expect(momentText(70e6)).toBe('70.0 ms');
    expect(momentText(12e9)).toBe('12.0 s');
    expect(momentText(3519.8e9)).toBe('58.7 min');
    expect(momentText(5 * 3600e9)).toBe('5.00 h');
    expect(changedRunName({ atNs: 3519.8e9, change: { type: 'rollout.abort' } })).toBe(
      'with your change at 58.7 min: rollout aborted',
    );
    expect(
      changedRunName({ atNs: 1.6e9, change: { type: 'delivery.setLoad', loadFactor: 3 } }),
    ).toBe('with your change at 1.6 s: load ×3');
    expect(
      changedRunName({ atNs: 80e6, change: { type: 'dns.lookup', client: 3, name: 'a.net' } }),
    ).toBe('with your change at 80.0 ms: a lookup of a.net');
  });
});
