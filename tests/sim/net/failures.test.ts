import { describe, expect, it } from 'vitest';
import { buildNet, type NodeAt } from './helpers';

const CLASSES = {
  firstMile: { hopLatencyNs: 100_000, bandwidthBps: 1e9 },
  backbone: { hopLatencyNs: 500_000, bandwidthBps: 10e9 },
  peering: { hopLatencyNs: 500_000, bandwidthBps: 10e9 },
  lastMile: { hopLatencyNs: 1_000_000, bandwidthBps: 10e6 },
};

// 0 and 1 in network 0, 2 in network 1, 3 in network 2.
const NODES: NodeAt[] = [
  { city: 'amsterdam', network: 0, access: 'firstMile', name: 'srv' },
  { city: 'london', network: 0, access: 'lastMile', name: 'alice' },
  { city: 'new-york', network: 1, access: 'lastMile', name: 'bob' },
  { city: 'tokyo', network: 2, access: 'lastMile', name: 'carol' },
];

function setup() {
  return buildNet(NODES, { inflation: 1.5, classes: CLASSES });
}

describe('a node that is down', () => {
  it('loses messages addressed to it when they arrive, with reason node-down and its name', () => {
    const h = setup();
    h.net.setNodeUp(1, false);
    expect(h.net.isNodeUp(1)).toBe(false);
    h.net.send(0, 1, 500, 'x');
    h.engine.run();
    expect(h.deliveries).toHaveLength(0);
    expect(h.drops.map((d) => [d.reason, d.linkId, d.at])).toEqual([
      ['node-down', 'alice', h.net.baseLatencyNs(0, 1, 500)],
    ]);
  });

  it('loses messages it sends at the moment of sending', () => {
    const h = setup();
    h.engine.runUntil(5_000_000);
    h.net.setNodeUp(1, false);
    h.net.send(1, 0, 500, 'x');
    expect(h.drops.map((d) => [d.reason, d.linkId, d.at])).toEqual([
      ['node-down', 'alice', 5_000_000],
    ]);
    h.engine.run();
    expect(h.deliveries).toHaveLength(0);
    expect(h.net.accessLink(1).messages[0]).toBe(0); // it never reached the wire
  });

  it('is judged at delivery time: going down while a message is in flight loses it, coming back up first saves it', () => {
    const h = setup();
    const base = h.net.baseLatencyNs(0, 2, 500);
    h.net.send(0, 2, 500, 'lost'); // arrives at `base`, while node 2 is down
    h.engine.runUntil(Math.floor(base / 2));
    h.net.setNodeUp(2, false);
    h.engine.runUntil(base + 1);
    h.net.send(0, 2, 500, 'saved'); // sent to a down node, which is back up before it arrives
    h.engine.runUntil(Math.floor(1.5 * base));
    h.net.setNodeUp(2, true);
    h.engine.run();
    expect(h.drops.map((d) => [d.msg.type, d.reason])).toEqual([['lost', 'node-down']]);
    expect(h.deliveries.map((d) => [d.msg.type, d.latency])).toEqual([['saved', base]]);
  });

  it('gets messages again, both ways, once it is back up', () => {
    const h = setup();
    h.net.setNodeUp(1, false);
    h.net.send(0, 1, 500, 'to');
    h.net.send(1, 0, 500, 'from');
    h.engine.run();
    h.net.setNodeUp(1, true);
    h.net.send(0, 1, 500, 'to');
    h.net.send(1, 0, 500, 'from');
    h.engine.run();
    expect(h.drops).toHaveLength(2);
    expect(h.deliveries).toHaveLength(2);
    expect(h.net.counts).toMatchObject({ sent: 4, delivered: 2, dropped: 2 });
    expect(h.net.counts.byReason['node-down']).toBe(2);
  });
});

describe('a link that is down', () => {
  it('drops messages crossing it with reason link-down and its id, and counts the drop on the link', () => {
    const h = setup();
    const backbone = h.net.backboneLink(0);
    backbone.up = false;
    h.net.send(0, 1, 500, 'x');
    h.net.send(2, 3, 500, 'other networks');
    h.engine.run();
    expect(h.drops.map((d) => [d.reason, d.linkId])).toEqual([['link-down', 'backbone:net-0']]);
    expect(backbone.drops).toBe(1);
    expect(h.deliveries.map((d) => d.msg.type)).toEqual(['other networks']);
  });

  it('is judged when the message reaches a queued link: a receiver’s access link cut in flight drops it there', () => {
    const h = setup();
    const base = h.net.baseLatencyNs(0, 1, 500);
    h.net.send(0, 1, 500, 'x');
    h.engine.runUntil(base - 2_000_000); // past the backbone, not yet at alice's link
    h.net.accessLink(1).up = false;
    h.engine.run();
    expect(h.drops).toHaveLength(1);
    expect([h.drops[0].reason, h.drops[0].linkId]).toEqual(['link-down', 'access:alice']);
    expect(h.drops[0].at).toBe(base - 1_000_000 - 400_000); // base minus alice's hop latency and serialization
  });

  it('carries traffic again when set back up', () => {
    const h = setup();
    const link = h.net.accessLink(0);
    link.up = false;
    h.net.send(0, 1, 500, 'x');
    link.up = true;
    h.net.send(0, 1, 500, 'y');
    h.engine.run();
    expect(h.drops.map((d) => d.msg.type)).toEqual(['x']);
    expect(h.deliveries.map((d) => [d.msg.type, d.latency])).toEqual([
      ['y', h.net.baseLatencyNs(0, 1, 500)],
    ]);
  });
});

describe('de-peering two networks', () => {
  it('cuts only traffic between those two networks, both ways, with reason no-route', () => {
    const h = setup();
    h.net.setPeering(0, 1, false);
    const pairs: [number, number][] = [
      [1, 2],
      [2, 0],
      [0, 1],
      [1, 3],
      [3, 2],
      [2, 3],
    ];
    for (const [a, b] of pairs) h.net.send(a, b, 500, `${a}>${b}`);
    expect(h.drops.map((d) => [d.msg.type, d.reason, d.at])).toEqual([
      ['1>2', 'no-route', 0],
      ['2>0', 'no-route', 0],
    ]);
    h.engine.run();
    expect(h.deliveries.map((d) => d.msg.type).sort()).toEqual(['0>1', '1>3', '2>3', '3>2']);
  });

  it('names the same peering link whichever direction the message was going', () => {
    const h = setup();
    h.net.setPeering(1, 0, false);
    h.net.send(1, 2, 500, 'a');
    h.net.send(2, 1, 500, 'b');
    expect(h.drops.map((d) => d.linkId)).toEqual(['peering:net-0/net-1', 'peering:net-0/net-1']);
    expect(h.net.peeringLink(1, 0).id).toBe('peering:net-0/net-1');
  });

  it('restores the route with setPeering(…, true), at the normal latency', () => {
    const h = setup();
    h.net.setPeering(0, 1, false);
    h.net.setPeering(1, 0, true);
    h.net.send(1, 2, 500, 'x');
    h.engine.run();
    expect(h.drops).toHaveLength(0);
    expect(h.deliveries[0].latency).toBe(h.net.baseLatencyNs(1, 2, 500));
  });
});
