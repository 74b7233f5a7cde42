import { describe, expect, it } from 'vitest';
import type { LogBatch } from '@runtime/eventLog';
import { generateTopology } from '@sim/topology';
import { choicesOf, NETWORK, rowMatches, rowsOf, type LogFilter } from '@ui/log/logRows';

const topology = generateTopology('classroom', 1);
const client = topology.nodes.find((n) => n.kind === 'client')!;
const resolver = client.resolver!;
const edge = topology.nodes.find((n) => n.kind === 'edge')!;

const batch: LogBatch = {
  entries: [
    {
      timeNs: 1_000,
      from: client.id,
      to: resolver,
      type: 'dns.message',
      outcome: 'delivered',
      where: '',
    },
    {
      timeNs: 5_000,
      from: edge.id,
      to: client.id,
      type: 'delivery.response',
      outcome: 'loss',
      where: 'lastMile',
    },
  ],
  skipped: 0,
  events: [
    {
      timeNs: 1_000,
      model: 'dns',
      kind: 'dns.query',
      nodes: [client.id, resolver],
      fields: { name: 'a7.g.akamai.net', type: 'A', recursive: true },
    },
    {
      timeNs: 3_000,
      model: 'rollout',
      kind: 'rollout.crash',
      nodes: [edge.id],
      fields: { cause: 'requestOfDeath' },
    },
    // A kind without words (a test's model): its fields are shown as they are.
    {
      timeNs: 4_000,
      model: 'nosuchmodel',
      kind: 'nosuchmodel.x',
      nodes: [],
      fields: { a: 1, b: [2, 3] },
    },
  ],
  skippedEvents: 0,
};

const all: LogFilter = { source: '', kind: '', node: '', search: '' };
const rows = rowsOf(batch, 10);
const pass = (f: Partial<LogFilter>) =>
  rows.filter((r) => rowMatches(r, { ...all, ...f }, topology)).map((r) => r.kind);

describe('the event log’s rows', () => {
  it('merges messages and models’ events in time order, each worded by its model', () => {
    expect(rows.map((r) => [r.id, r.timeNs, r.source, r.kind])).toEqual([
      [10, 1_000, NETWORK, 'dns.message'],
      [11, 1_000, 'dns', 'dns.query'],
      [12, 3_000, 'rollout', 'rollout.crash'],
      [13, 4_000, 'nosuchmodel', 'nosuchmodel.x'],
      [14, 5_000, NETWORK, 'delivery.response'],
    ]);
    expect(rows[1]).toMatchObject({
      kindLabel: 'DNS query',
      text: 'a7.g.akamai.net A? (recursion desired)',
      nodes: [client.id, resolver],
    });
    expect(rows[2]).toMatchObject({
      kindLabel: 'server crashed',
      text: 'crashed: a request of death',
    });
    expect(rows[3].text).toBe('a 1, b 2 3');
    expect(rows[4]).toMatchObject({ dropped: true, text: 'loss at lastMile' });
  });

  it('filters by source, by kind, by node and by words', () => {
    expect(pass({ source: NETWORK })).toEqual(['dns.message', 'delivery.response']);
    expect(pass({ source: 'rollout' })).toEqual(['rollout.crash']);
    expect(pass({ kind: 'dns.query' })).toEqual(['dns.query']);
    expect(pass({ node: String(edge.id) })).toEqual(['rollout.crash', 'delivery.response']);
    // The search reads the row's words: its text, its kind's label, its nodes' names.
    expect(pass({ search: 'AKAMAI' })).toEqual(['dns.query']);
    expect(pass({ search: 'request of death' })).toEqual(['rollout.crash']);
    expect(pass({ search: edge.name })).toEqual(['rollout.crash', 'delivery.response']);
    expect(pass({ search: 'server crashed', source: 'dns' })).toEqual([]);
    expect(pass({})).toHaveLength(5);
  });

  it('offers the sources and kinds seen, the network first', () => {
    const c = choicesOf(rows);
    expect(c.sources).toEqual([NETWORK, 'dns', 'nosuchmodel', 'rollout']);
    expect(c.kinds.find((k) => k.kind === 'rollout.crash')).toEqual({
      source: 'rollout',
      kind: 'rollout.crash',
      label: 'server crashed',
    });
  });
});
