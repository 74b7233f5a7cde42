import { describe, expect, it } from 'vitest';
import { binomialHalfWidth, buildNet, type ClassOverrides, type NodeAt } from './helpers';

const N = 20_000;
const SIZE = 100;

const SERVERS: NodeAt[] = [
  { city: 'london', network: 0, access: 'firstMile', name: 'a' },
  { city: 'paris', network: 0, access: 'firstMile', name: 'b' },
];
const USERS_APART: NodeAt[] = [
  { city: 'boston', network: 3, access: 'lastMile', name: 'u' },
  { city: 'madrid', network: 7, access: 'lastMile', name: 'v' },
];

/** Sends N small messages from node 0 to node 1, spaced 200 µs apart so no queue ever builds up. */
function blast(nodes: NodeAt[], classes: ClassOverrides, seed = 1) {
  const h = buildNet(nodes, { seed, classes, inflation: 1.2 });
  for (let i = 0; i < N; i++) h.sendAt(i * 200_000, 0, 1, SIZE);
  h.engine.run();
  const lostSeqs = new Set(h.drops.map((d) => d.msg.seq));
  return { ...h, lostSeqs };
}

function expectWithinCI(count: number, n: number, p: number): void {
  const half = binomialHalfWidth(p, n);
  expect(Math.abs(count / n - p), `${count}/${n} vs ${p} ± ${half}`).toBeLessThanOrEqual(half);
}

describe('random loss on a link', () => {
  it.each([0.01, 0.1, 0.5])(
    'delivers a fraction within the 99.9 per cent binomial interval of 1 − p for p = %s',
    (p) => {
      const h = blast(SERVERS, { backbone: { lossRate: p } });
      expectWithinCI(h.deliveries.length, N, 1 - p);
      expect(h.deliveries.length + h.drops.length).toBe(N);
    },
  );

  it('reports each loss with reason "loss" and the id of the link that lost it', () => {
    const h = blast(SERVERS, { backbone: { lossRate: 0.1 } });
    expect(h.drops.length).toBeGreaterThan(0);
    for (const d of h.drops) {
      expect(d.reason).toBe('loss');
      expect(d.linkId).toBe('backbone:net-0');
    }
    expect(h.net.backboneLink(0).drops).toBe(h.drops.length);
    expect(h.net.accessLink(0).drops).toBe(0);
  });

  it('keeps sent = delivered + dropped in its counters, with every drop counted under "loss"', () => {
    const h = blast(SERVERS, { backbone: { lossRate: 0.3 } });
    const c = h.net.counts;
    expect(c.sent).toBe(N);
    expect(c.delivered).toBe(h.deliveries.length);
    expect(c.dropped).toBe(h.drops.length);
    expect(c.sent).toBe(c.delivered + c.dropped);
    expect(c.byReason).toEqual({
      loss: h.drops.length,
      'queue-full': 0,
      'link-down': 0,
      'no-route': 0,
      'node-down': 0,
    });
  });

  it('multiplies the survival probabilities of every lossy link on a five-link path', () => {
    const pLast = 0.05;
    const pBack = 0.02;
    const pPeer = 0.1;
    const h = blast(USERS_APART, {
      lastMile: { lossRate: pLast },
      backbone: { lossRate: pBack },
      peering: { lossRate: pPeer },
    });
    const survive = (1 - pLast) ** 2 * (1 - pBack) ** 2 * (1 - pPeer);
    expectWithinCI(h.deliveries.length, N, survive);

    // Each link loses its share of what reaches it, in path order: the draws are independent.
    const byLink = new Map<string, number>();
    for (const d of h.drops) byLink.set(d.linkId, (byLink.get(d.linkId) ?? 0) + 1);
    const path: [string, number][] = [
      ['access:u', pLast],
      ['backbone:net-3', pBack],
      ['peering:net-3/net-7', pPeer],
      ['backbone:net-7', pBack],
      ['access:v', pLast],
    ];
    let reaching = N;
    for (const [id, p] of path) {
      const lost = byLink.get(id) ?? 0;
      expectWithinCI(lost, reaching, p);
      reaching -= lost;
    }
    expect(reaching).toBe(h.deliveries.length);
  });

  it('loses exactly the same messages in two runs with the same seed', () => {
    const a = blast(SERVERS, { backbone: { lossRate: 0.1 } }, 42);
    const b = blast(SERVERS, { backbone: { lossRate: 0.1 } }, 42);
    expect(a.lostSeqs.size).toBeGreaterThan(0);
    expect([...b.lostSeqs]).toEqual([...a.lostSeqs]);
    expect(b.deliveries.map((d) => d.at)).toEqual(a.deliveries.map((d) => d.at));
  });

  it('loses different, independently chosen messages with another seed', () => {
    const p = 0.1;
    const a = blast(SERVERS, { backbone: { lossRate: p } }, 42);
    const b = blast(SERVERS, { backbone: { lossRate: p } }, 43);
    const both = [...a.lostSeqs].filter((s) => b.lostSeqs.has(s)).length;
    expect(both).toBeLessThan(a.lostSeqs.size);
    // Independent seeds: a message is lost in both runs with probability p².
    expectWithinCI(both, N, p * p);
  });

  it('loses every message at the first link when p = 1 and none when p = 0', () => {
    const all = blast(SERVERS, { firstMile: { lossRate: 1 } });
    expect(all.deliveries).toHaveLength(0);
    expect(new Set(all.drops.map((d) => d.linkId))).toEqual(new Set(['access:a']));
    const none = blast(SERVERS, { firstMile: { lossRate: 0 }, backbone: { lossRate: 0 } });
    expect(none.drops).toHaveLength(0);
    expect(none.deliveries).toHaveLength(N);
  });

  it('still delivers every surviving message after exactly the base latency', () => {
    const h = blast(USERS_APART, { lastMile: { lossRate: 0.2 } });
    const base = h.net.baseLatencyNs(0, 1, SIZE);
    expect(h.deliveries.every((d) => d.latency === base)).toBe(true);
  });
});
