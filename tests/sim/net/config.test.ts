import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { Network, type NetNodeSpec } from '@sim/net/Network';
import { DEFAULT_LINK_CLASSES, type LinkClassName, type LinkParams } from '@sim/net/linkClasses';
import { buildNet, type NodeAt } from './helpers';

const SPECS: NetNodeSpec[] = [
  { lat: 51.5, lon: -0.1, network: 0, access: 'firstMile' },
  { lat: 40.7, lon: -74, network: 1, access: 'lastMile' },
];

function construct(
  inflation: number,
  classes?: Partial<Record<LinkClassName, Partial<LinkParams>>>,
): Network {
  return new Network(new Engine(), SPECS, { seed: 1, inflation, classes });
}

// 0 and 1 in network 0, 2 in network 1: two users of the same class on different paths.
const NODES: NodeAt[] = [
  { city: 'london', network: 0, access: 'firstMile', name: 'srv' },
  { city: 'paris', network: 0, access: 'lastMile', name: 'alice' },
  { city: 'rome', network: 1, access: 'lastMile', name: 'bob' },
];

describe('constructor validation', () => {
  it('rejects a path inflation below 1, or not finite, naming the inflation', () => {
    for (const bad of [0.99, 0, -1, NaN, Infinity])
      expect(() => construct(bad)).toThrow(/inflation/);
    expect(() => construct(1)).not.toThrow();
  });

  it.each([
    ['lastMile', { lossRate: -0.01 }, /lastMile\.lossRate/],
    ['peering', { lossRate: 1.01 }, /peering\.lossRate/],
    ['backbone', { lossRate: NaN }, /backbone\.lossRate/],
    ['firstMile', { bandwidthBps: -1e6 }, /firstMile\.bandwidthBps/],
    ['lastMile', { bandwidthBps: 0 }, /lastMile\.bandwidthBps/],
    ['peering', { queueBytes: -1 }, /peering\.queueBytes/],
    ['backbone', { hopLatencyNs: -5 }, /backbone\.hopLatencyNs/],
    ['backbone', { hopLatencyNs: 0.5 }, /backbone\.hopLatencyNs/],
    ['lastMile', { jitterMeanNs: -1 }, /lastMile\.jitterMeanNs/],
  ] as const)('rejects %s %o with a message naming the field', (cls, params, message) => {
    expect(() => construct(1.5, { [cls]: params })).toThrow(message);
  });

  it('accepts the boundary values: loss 0 and 1, an empty queue, zero latency', () => {
    expect(() =>
      construct(1, {
        backbone: { lossRate: 1, queueBytes: 0, hopLatencyNs: 0 },
        peering: { lossRate: 0 },
      }),
    ).not.toThrow();
  });

  it('applies a class override to that class only and leaves the shared defaults untouched', () => {
    const before = JSON.stringify(DEFAULT_LINK_CLASSES);
    const net = construct(1, { lastMile: { lossRate: 0.25 } });
    expect(net.classes.lastMile.lossRate).toBe(0.25);
    expect(net.classes.lastMile.bandwidthBps).toBe(DEFAULT_LINK_CLASSES.lastMile.bandwidthBps);
    expect(net.classes.firstMile.lossRate).toBe(0);
    expect(JSON.stringify(DEFAULT_LINK_CLASSES)).toBe(before);
    expect(construct(1).classes.lastMile.lossRate).toBe(0);
  });

  it('rejects sends between unknown nodes and of non-positive size', () => {
    const net = construct(1);
    expect(() => net.send(0, 2, 100, 'x')).toThrow(/no such node/);
    expect(() => net.send(0, 1, 0, 'x')).toThrow(/size/);
    expect(() => net.send(0, 1, -5, 'x')).toThrow(/size/);
  });
});

describe('overriding one link', () => {
  it('makes only that link lossy: other links of its class and the class defaults are unaffected', () => {
    const h = buildNet(NODES, { inflation: 1.2 });
    h.net.overrideLink(h.net.accessLink(1), { lossRate: 1 });
    for (let i = 0; i < 10; i++) {
      h.net.send(1, 0, 300, 'from alice');
      h.net.send(2, 0, 300, 'from bob');
    }
    h.engine.run();
    expect(new Set(h.drops.map((d) => `${d.msg.type}|${d.reason}|${d.linkId}`))).toEqual(
      new Set(['from alice|loss|access:alice']),
    );
    expect(h.drops).toHaveLength(10);
    expect(h.deliveries.map((d) => d.msg.type)).toEqual(new Array(10).fill('from bob'));
    expect(h.net.classes.lastMile.lossRate).toBe(0);
    expect(h.net.accessLink(2).params.lossRate).toBe(0);
  });

  it('adds exactly the extra hop latency to paths through that link and nothing to the others', () => {
    const h = buildNet(NODES, { inflation: 1.2 });
    const before = [
      h.net.baseLatencyNs(0, 1, 300),
      h.net.baseLatencyNs(0, 2, 300),
      h.net.baseLatencyNs(2, 2, 300),
    ];
    const bb = h.net.backboneLink(0);
    h.net.overrideLink(bb, { hopLatencyNs: bb.params.hopLatencyNs + 7_000_000 });
    h.sendAt(0, 0, 1, 300); // crosses backbone 0
    h.sendAt(1e9, 0, 2, 300); // crosses backbone 0 and backbone 1
    h.sendAt(2e9, 2, 2, 300); // bob to himself: backbone 1 only
    h.engine.run();
    expect(h.deliveries.map((d) => d.latency)).toEqual([
      before[0] + 7_000_000,
      before[1] + 7_000_000,
      before[2],
    ]);
    expect(h.net.backboneLink(1).params.hopLatencyNs).toBe(h.net.classes.backbone.hopLatencyNs);
  });

  it('keeps the link’s queue when its parameters change', () => {
    const h = buildNet(NODES, { inflation: 1 });
    for (let i = 0; i < 20; i++) h.net.send(1, 0, 1000, 'burst');
    const link = h.net.accessLink(1);
    const backlog = link.backlogBytes(0, 1_000_000);
    expect(backlog).toBeGreaterThan(0);
    h.net.overrideLink(link, { hopLatencyNs: 0 });
    expect(link.backlogBytes(0, 1_000_000)).toBe(backlog);
  });

  it.each([
    [{ lossRate: 2 }, /lossRate/],
    [{ bandwidthBps: -10 }, /bandwidthBps/],
    [{ queueBytes: -1 }, /queueBytes/],
    [{ hopLatencyNs: 1.5 }, /hopLatencyNs/],
    [{ jitterMeanNs: -3 }, /jitterMeanNs/],
  ] as const)(
    'rejects %o with a message naming the field and leaves the link as it was',
    (params, message) => {
      const h = buildNet(NODES, { inflation: 1.2 });
      const link = h.net.accessLink(1);
      const before = { ...link.params };
      const base = h.net.baseLatencyNs(1, 0, 300);
      expect(() => h.net.overrideLink(link, params)).toThrow(message);
      expect(link.params).toEqual(before);
      h.net.send(1, 0, 300, 'after');
      h.engine.run();
      expect(h.deliveries.map((d) => d.latency)).toEqual([base]);
    },
  );
});
