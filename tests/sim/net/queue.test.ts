import { describe, expect, it } from 'vitest';
import { buildNet, expectedSerNs, type ClassOverrides, type NodeAt } from './helpers';

// At 10 Mbit/s every byte takes exactly 800 ns; other rates are checked separately below.
const B = 10_000_000; // last-mile bandwidth, bit/s
const Q = 64_000; // last-mile drop-tail buffer, bytes
const CLASSES: ClassOverrides = {
  firstMile: { bandwidthBps: 1e9, hopLatencyNs: 100_000, queueBytes: 1_000_000 },
  backbone: { bandwidthBps: 10e9, hopLatencyNs: 500_000 },
  lastMile: { bandwidthBps: B, hopLatencyNs: 1_000_000, queueBytes: Q },
};
const USER: NodeAt = { city: 'berlin', network: 0, access: 'lastMile', name: 'u' };
const SERVER: NodeAt = { city: 'berlin', network: 0, access: 'firstMile', name: 's' };

/** Same city, so no propagation: base latency is the three links' hop latency + serialization. */
function base(size: number): number {
  return (
    100_000 +
    expectedSerNs(size, 1e9) +
    500_000 +
    expectedSerNs(size, 10e9) +
    1_000_000 +
    expectedSerNs(size, B)
  );
}

/** Drop-tail admission computed by hand: admitted iff bytes already queued + own size ≤ Q (all arrive at once). */
function admitted(sizes: number[], q: number): boolean[] {
  let ahead = 0;
  return sizes.map((s) => {
    if (ahead + s > q) return false;
    ahead += s;
    return true;
  });
}

describe('a drop-tail FIFO queue on the last mile', () => {
  it.each([3e6, 7e6, 9e6])(
    'admits exactly what fits even when a message takes a fractional number of ns (%d bit/s)',
    (bw) => {
      const h = buildNet([USER, SERVER], {
        classes: { ...CLASSES, lastMile: { ...CLASSES.lastMile, bandwidthBps: bw } },
      });
      for (let i = 0; i < 80; i++) h.net.send(0, 1, 1000, 'burst');
      h.engine.run();
      expect(h.deliveries).toHaveLength(64);
      // Departures are whole ns, but the link drains at its exact rate: the last of 64 leaves
      // within one ns of 64 · 8000 bits ÷ bandwidth after the first started.
      const first = h.deliveries[0].at;
      const last = h.deliveries[63].at;
      expect(Math.abs(last - first - (63 * 8000 * 1e9) / bw)).toBeLessThanOrEqual(1);
    },
  );

  it('base latency used below is the sum of hop latencies and serializations', () => {
    expect(base(1000)).toBe(2_408_800);
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    expect(h.net.baseLatencyNs(0, 1, 1000)).toBe(base(1000));
  });

  it('admits exactly the burst that fits in the upstream buffer and drops the rest as queue-full', () => {
    const K = 80;
    const size = 1000;
    const fit = admitted(new Array<number>(K).fill(size), Q).filter(Boolean).length;
    expect(fit).toBe(64); // 63 · 1000 bytes ahead + 1000 = 64,000 ≤ Q: the last one fits exactly
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    for (let i = 0; i < K; i++) h.net.send(0, 1, size, 'burst');
    expect(h.net.accessLink(0).backlogBytes(0, 0)).toBe(fit * size);
    h.engine.run();
    expect(h.deliveries).toHaveLength(fit);
    expect(h.drops).toHaveLength(K - fit);
    for (const d of h.drops)
      expect([d.reason, d.linkId, d.at]).toEqual(['queue-full', 'access:u', 0]);
    // The first `fit` messages (FIFO) get through, spaced by one serialization time each.
    const ser = expectedSerNs(size, B);
    expect(ser).toBe(800_000);
    h.deliveries.forEach((d, i) => {
      expect(d.msg.seq).toBe(h.deliveries[0].msg.seq + i);
      expect(d.at).toBe(base(size) + i * ser);
    });
    expect(h.net.accessLink(0).drops).toBe(K - fit);
    expect(h.net.counts.byReason['queue-full']).toBe(K - fit);
  });

  it('drains at exactly the link rate: backlog falls by B/8 bytes per second', () => {
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    for (let i = 0; i < 50; i++) h.net.send(0, 1, 1000, 'burst');
    const link = h.net.accessLink(0);
    for (const tMs of [0, 1, 7.5, 20, 39.9, 40, 45]) {
      const t = tMs * 1e6;
      expect(link.backlogBytes(0, t)).toBeCloseTo(Math.max(0, 50_000 - (t * B) / 8e9), 6);
    }
  });

  it('lets a smaller message into the room a larger dropped one could not use', () => {
    const sizes = Array.from({ length: 60 }, (_, i) => (i % 3 === 2 ? 400 : 1500));
    const expected = admitted(sizes, Q);
    expect(expected.some((ok, i) => ok && sizes[i] === 400 && !expected[i - 1])).toBe(true);
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    const seqs = sizes.map((s) => h.net.send(0, 1, s, 'mixed').seq);
    h.engine.run();
    const delivered = new Set(h.deliveries.map((d) => d.msg.seq));
    expect(seqs.map((s) => delivered.has(s))).toEqual(expected);
    // Each departs when the one before it has finished: delivery = base + serialization of those ahead.
    let ahead = 0;
    const got = new Map(h.deliveries.map((d) => [d.msg.seq, d.at]));
    seqs.forEach((s, i) => {
      if (!expected[i]) return;
      expect(got.get(s)).toBe(base(sizes[i]) + ahead);
      ahead += expectedSerNs(sizes[i], B);
    });
  });

  it('fills the downstream buffer the same way when a fast server bursts at a user', () => {
    const classes = { ...CLASSES, firstMile: { ...CLASSES.firstMile, bandwidthBps: Infinity } };
    const h = buildNet([SERVER, USER], { classes });
    for (let i = 0; i < 100; i++) h.net.send(0, 1, 1000, 'burst');
    h.engine.run();
    expect(h.deliveries).toHaveLength(64);
    const arrival = 100_000 + 500_000 + expectedSerNs(1000, 10e9); // when the burst reaches the user's link
    for (const d of h.drops)
      expect([d.reason, d.linkId, d.at]).toEqual(['queue-full', 'access:u', arrival]);
    h.deliveries.forEach((d, i) => expect(d.at).toBe(arrival + (i + 1) * 800_000 + 1_000_000));
  });

  it('keeps the two directions of a link apart: a full upstream queue does not delay downstream traffic', () => {
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    for (let i = 0; i < 100; i++) h.net.send(0, 1, 1000, 'up');
    h.net.send(1, 0, 1000, 'down');
    h.engine.run();
    const down = h.deliveries.filter((d) => d.msg.from === 1);
    expect(down).toHaveLength(1);
    expect(down[0].latency).toBe(base(1000));
  });

  it('serves a new message with the base latency once the queue has drained', () => {
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    for (let i = 0; i < 100; i++) h.net.send(0, 1, 1000, 'burst');
    h.engine.runUntil(64 * 800_000); // the last admitted message leaves the link exactly now
    h.net.send(0, 1, 1000, 'late');
    h.engine.run();
    const late = h.deliveries.find((d) => d.msg.type === 'late');
    expect(late?.latency).toBe(base(1000));
  });

  it.each([1, 1.5, 2])(
    'never queues messages spaced %s× their serialization time or wider',
    (factor) => {
      const h = buildNet([USER, SERVER], { classes: CLASSES });
      const gap = Math.round(factor * 800_000);
      for (let i = 0; i < 300; i++) h.sendAt(i * gap, 0, 1, 1000); // 300 kB in all: far more than Q
      h.engine.run();
      expect(h.drops).toHaveLength(0);
      expect(h.deliveries).toHaveLength(300);
      for (const d of h.deliveries) expect(d.latency).toBe(base(1000));
    },
  );

  it('delays messages spaced closer than their serialization time by the Lindley recursion', () => {
    const h = buildNet([USER, SERVER], { classes: CLASSES });
    const gap = 700_000;
    const ser = 800_000;
    for (let i = 0; i < 200; i++) h.sendAt(i * gap, 0, 1, 1000);
    h.engine.run();
    expect(h.drops).toHaveLength(0);
    let leave = 0; // when the previous message's last bit left the user's link
    h.deliveries.forEach((d, i) => {
      leave = Math.max(leave, i * gap) + ser;
      expect(d.at).toBe(leave + base(1000) - ser);
    });
    expect(h.deliveries[199].latency - base(1000)).toBe(199 * (ser - gap));
  });
});
