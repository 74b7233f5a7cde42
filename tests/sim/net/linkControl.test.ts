import { describe, expect, it } from 'vitest';
import { linkIds, linkNumbers } from '@sim/net/Network';
import { buildNet, type NodeAt } from './helpers';

const CLASSES = {
  firstMile: { hopLatencyNs: 100_000, bandwidthBps: 1e9 },
  backbone: { hopLatencyNs: 500_000, bandwidthBps: 10e9 },
  peering: { hopLatencyNs: 500_000, bandwidthBps: 10e9 },
  lastMile: { hopLatencyNs: 1_000_000, bandwidthBps: 10e6 },
};

const NODES: NodeAt[] = [
  { city: 'amsterdam', network: 0, access: 'firstMile', name: 'srv' },
  { city: 'london', network: 0, access: 'lastMile', name: 'alice' },
  { city: 'new-york', network: 1, access: 'lastMile', name: 'bob' },
];

function setup() {
  return buildNet(NODES, { inflation: 1.5, classes: CLASSES, siteNames: ['europe'] });
}

describe('links found by id', () => {
  it('finds (or creates) access links, backbones and peering points by the ids they carry', () => {
    const { net } = setup();
    for (const id of [
      linkIds.access('alice'),
      linkIds.backbone(1),
      linkIds.peering(1, 0, 'europe'),
    ]) {
      expect(net.linkById(id)?.id).toBe(id);
    }
    expect(net.linkById('access:alice')).toBe(net.accessLink(1));
    expect(net.linkById('peering:net-0/net-1@europe')).toBe(net.peeringLink(0, 1, 0));
  });

  it('returns undefined for ids that name no link of the network', () => {
    const { net } = setup();
    for (const id of [
      'access:nobody',
      'backbone:net-7',
      'backbone:net-x',
      'peering:net-1/net-0@europe',
      'peering:net-0/net-1',
      'peering:net-0/net-1@mars',
      'wormhole:a',
      '',
    ])
      expect(net.linkById(id), id).toBeUndefined();
  });
});

describe('changing one link', () => {
  it('adds extra latency on top of the scenario hop latency, never below it, and sets loss', () => {
    const { net, engine, deliveries, drops } = setup();
    const before = net.baseLatencyNs(0, 1, 100);
    const alice = net.linkById('access:alice')!;
    net.setLink(alice, { extraLatencyNs: 3_000_000 });
    expect(alice.params.hopLatencyNs).toBe(4_000_000);
    expect(net.baseLatencyNs(0, 1, 100)).toBe(before + 3_000_000);
    // A second change replaces the extra, measured again from the scenario's value.
    net.setLink(alice, { extraLatencyNs: 0 });
    expect(alice.params.hopLatencyNs).toBe(1_000_000);
    expect(() => net.setLink(alice, { extraLatencyNs: -1 })).toThrow(/extra latency/);
    net.setLink(alice, { lossRate: 1 });
    net.send(0, 1, 100, 'x');
    engine.run();
    expect(deliveries).toHaveLength(0);
    expect(drops.map((d) => [d.reason, d.linkId])).toEqual([['loss', 'access:alice']]);
    // Other links of the class are untouched.
    expect(net.accessLink(2).params.lossRate).toBe(0);
  });

  it('fails and restores a link: messages across it are dropped as link-down meanwhile', () => {
    const { net, engine, deliveries, drops } = setup();
    const backbone = net.linkById('backbone:net-0')!;
    net.setLink(backbone, { up: false });
    net.send(0, 1, 100, 'x');
    engine.run();
    expect(drops.map((d) => [d.reason, d.linkId])).toEqual([['link-down', 'backbone:net-0']]);
    net.setLink(backbone, { up: true });
    net.send(0, 1, 100, 'x');
    engine.run();
    expect(deliveries).toHaveLength(1);
  });
});

describe('link numbering', () => {
  it('visits links in ascending stable numbers: access by node, backbones, then peering', () => {
    const { net, engine } = setup();
    net.send(2, 0, 100, 'x');
    net.send(0, 1, 100, 'x');
    engine.run();
    const seen: [number, string][] = [];
    net.forEachLink((num, link) => seen.push([num, link.id]));
    const n = NODES.length;
    expect(seen).toEqual([
      [linkNumbers.access(0), 'access:srv'],
      [linkNumbers.access(1), 'access:alice'],
      [linkNumbers.access(2), 'access:bob'],
      [linkNumbers.backbone(n, 0), 'backbone:net-0'],
      [linkNumbers.backbone(n, 1), 'backbone:net-1'],
      [linkNumbers.peering(n, 1, 0, 0), 'peering:net-0/net-1@europe'],
    ]);
    expect(linkNumbers.peering(n, 1, 0, 0)).toBe(linkNumbers.peering(n, 0, 1, 0));
  });
});

describe('messages in flight', () => {
  it('are listed between sending and delivery, and never after', () => {
    const { net, engine, deliveries } = setup();
    expect(net.messagesInFlight(10)).toEqual([]);
    net.trackInFlight(true);
    net.send(0, 2, 100, 'hello');
    const expectedAt = net.baseLatencyNs(0, 2, 100);
    expect(net.messagesInFlight(10)).toEqual([
      { from: 0, to: 2, type: 'hello', sentAt: 0, expectedAt },
    ]);
    engine.runUntil(expectedAt - 1);
    expect(net.messagesInFlight(10)).toHaveLength(1);
    engine.run();
    expect(deliveries).toHaveLength(1);
    expect(net.messagesInFlight(10)).toEqual([]);
  });

  it('are no longer listed once dropped, and are bounded by the limit given', () => {
    const { net, engine } = setup();
    net.trackInFlight(true);
    net.setLink(net.linkById('access:bob')!, { lossRate: 1 });
    for (let i = 0; i < 5; i++) net.send(0, 2, 100, 'x');
    net.send(0, 1, 100, 'y');
    expect(net.messagesInFlight(3)).toHaveLength(3);
    expect(net.messagesInFlight(100)).toHaveLength(6);
    engine.run();
    expect(net.messagesInFlight(100)).toEqual([]);
  });
});
