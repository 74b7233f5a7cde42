import { describe, expect, it } from 'vitest';
import type { LinkParams } from '@sim/net/linkClasses';
import {
  buildNet,
  coords,
  expectedPropagationNs,
  expectedSerNs,
  haversineKm,
  IDEAL,
  type ClassOverrides,
  type NodeAt,
} from './helpers';

/** Odd, distinct values so that each link's share of the latency shows up in the sum. */
const CLASSES = {
  firstMile: { bandwidthBps: 700_000_000, hopLatencyNs: 101_000 },
  backbone: { bandwidthBps: 3_000_000_000, hopLatencyNs: 503_000 },
  peering: { bandwidthBps: 9_000_000_000, hopLatencyNs: 307_000 },
  lastMile: { bandwidthBps: 3_000_000, hopLatencyNs: 1_009_000 },
} satisfies ClassOverrides;

type Cls = keyof typeof CLASSES;
const SIZE = 1234;
const INFLATION = 1.37;

/** Hop latency plus serialization of one link of the given class, from the test's own numbers. */
function linkCost(cls: Cls, size = SIZE): number {
  const p: Pick<LinkParams, 'bandwidthBps' | 'hopLatencyNs'> = CLASSES[cls];
  return p.hopLatencyNs + expectedSerNs(size, p.bandwidthBps);
}

const LONDON_SERVER: NodeAt = { city: 'london', network: 0, access: 'firstMile' };

function measureOne(
  nodes: NodeAt[],
  inflation: number,
  classes: ClassOverrides = CLASSES,
  size = SIZE,
) {
  const h = buildNet(nodes, { inflation, classes });
  h.net.send(0, 1, size, 'probe');
  h.engine.run();
  expect(h.drops).toEqual([]);
  expect(h.deliveries).toHaveLength(1);
  return { ...h, latency: h.deliveries[0].latency };
}

describe('one-way latency of an empty path', () => {
  it('is distance × inflation / (200 km/ms) + three hop latencies + three serializations within one network', () => {
    const user: NodeAt = { city: 'new-york', network: 0, access: 'lastMile' };
    const km = haversineKm(coords(LONDON_SERVER), coords(user));
    const expected =
      expectedPropagationNs(km, INFLATION) +
      linkCost('firstMile') +
      linkCost('backbone') +
      linkCost('lastMile');
    const { latency, net } = measureOne([LONDON_SERVER, user], INFLATION);
    expect(latency).toBe(expected);
    expect(net.baseLatencyNs(0, 1, SIZE)).toBe(expected);
  });

  it('adds the peering link and the second backbone when the two nodes are in different networks', () => {
    const user: NodeAt = { city: 'new-york', network: 1, access: 'lastMile' };
    const km = haversineKm(coords(LONDON_SERVER), coords(user));
    const expected =
      expectedPropagationNs(km, INFLATION) +
      linkCost('firstMile') +
      linkCost('backbone') +
      linkCost('peering') +
      linkCost('backbone') +
      linkCost('lastMile');
    const { latency, net } = measureOne([LONDON_SERVER, user], INFLATION);
    expect(latency).toBe(expected);
    expect(net.baseLatencyNs(0, 1, SIZE)).toBe(expected);
  });

  it('rounds serialization up to a whole ns on every link (1234 B at 700 Mbit/s is 14,102.86 ns → 14,103)', () => {
    expect(expectedSerNs(SIZE, 700_000_000)).toBe(14_103);
    const user: NodeAt = { city: 'london', network: 0, access: 'lastMile' };
    const { latency } = measureOne([LONDON_SERVER, user], 1);
    // Same city: no propagation, so only the links' own costs remain.
    expect(latency).toBe(101_000 + 14_103 + 503_000 + 3_291 + 1_009_000 + 3_290_667);
  });

  it('is the same in both directions between a server and a user', () => {
    const user: NodeAt = { city: 'sydney', network: 4, access: 'lastMile' };
    const h = buildNet([LONDON_SERVER, user], { inflation: INFLATION, classes: CLASSES });
    h.net.send(0, 1, SIZE, 'there');
    h.engine.runUntil(1e9);
    h.net.send(1, 0, SIZE, 'back');
    h.engine.run();
    expect(h.deliveries.map((d) => d.latency)).toEqual([
      h.net.baseLatencyNs(0, 1, SIZE),
      h.net.baseLatencyNs(1, 0, SIZE),
    ]);
    expect(h.deliveries[0].latency).toBe(h.deliveries[1].latency);
  });

  it('grows by exactly the serialization difference when the message grows', () => {
    const user: NodeAt = { city: 'paris', network: 0, access: 'lastMile' };
    const small = measureOne([LONDON_SERVER, user], INFLATION, CLASSES, 100).latency;
    const big = measureOne([LONDON_SERVER, user], INFLATION, CLASSES, 1500).latency;
    const serDiff = (cls: Cls) =>
      expectedSerNs(1500, CLASSES[cls].bandwidthBps) -
      expectedSerNs(100, CLASSES[cls].bandwidthBps);
    expect(big - small).toBe(serDiff('firstMile') + serDiff('backbone') + serDiff('lastMile'));
  });

  it('agrees with baseLatencyNs for every pair among servers and users across networks', () => {
    const nodes: NodeAt[] = [
      { city: 'tokyo', network: 0, access: 'firstMile' },
      { city: 'sao-paulo', network: 1, access: 'lastMile' },
      { city: 'chicago', network: 1, access: 'lastMile' },
      { city: 'frankfurt', network: 2, access: 'firstMile' },
    ];
    const h = buildNet(nodes, { inflation: 2.1, classes: CLASSES });
    let t = 0;
    for (let a = 0; a < nodes.length; a++) {
      for (let b = 0; b < nodes.length; b++) {
        if (a !== b) h.sendAt((t += 1e9), a, b, 800);
      }
    }
    h.engine.run();
    expect(h.deliveries).toHaveLength(12);
    for (const d of h.deliveries)
      expect(d.latency).toBe(h.net.baseLatencyNs(d.msg.from, d.msg.to, 800));
  });
});

describe('path inflation and physics', () => {
  it('adds exactly the propagation again when the inflation doubles', () => {
    const user: NodeAt = { city: 'new-york', network: 1, access: 'lastMile' };
    const km = haversineKm(coords(LONDON_SERVER), coords(user));
    const once = measureOne([LONDON_SERVER, user], 1.5).latency;
    const twice = measureOne([LONDON_SERVER, user], 3).latency;
    expect(twice - once).toBe(expectedPropagationNs(km, 3) - expectedPropagationNs(km, 1.5));
    expect(Math.abs(twice - once - expectedPropagationNs(km, 1.5))).toBeLessThanOrEqual(1);
  });

  it('takes about 28 ms one-way across the Atlantic at inflation 1, as light in fibre does', () => {
    const user: NodeAt = { city: 'new-york', network: 1, access: 'lastMile' };
    const { latency } = measureOne([LONDON_SERVER, user], 1, IDEAL);
    // 5,570 km at 2c/3 ≈ 199.86 km/ms
    expect(latency / 1e6).toBeGreaterThan(27.5);
    expect(latency / 1e6).toBeLessThan(28.5);
  });

  it('reproduces the latency column of Leighton 2009 Figure 2 as the ideal round trip in fibre', () => {
    const MILE_KM = 1.609344;
    const rows = [
      { miles: 3000, rttMs: 48 },
      { miles: 6000, rttMs: 96 },
    ];
    for (const { miles, rttMs } of rows) {
      const lonDeg = ((miles * MILE_KM) / 6371.0088) * (180 / Math.PI); // along the equator
      const a: NodeAt = { lat: 0, lon: 0, network: 0, access: 'firstMile' };
      const b: NodeAt = { lat: 0, lon: lonDeg, network: 1, access: 'lastMile' };
      const h = buildNet([a, b], { inflation: 1, classes: IDEAL });
      h.net.send(0, 1, 1000, 'ping');
      h.engine.run();
      h.net.send(1, 0, 1000, 'pong');
      h.engine.run();
      expect(h.engine.now / 1e6).toBeGreaterThan(rttMs * 0.99);
      expect(h.engine.now / 1e6).toBeLessThan(rttMs * 1.02);
    }
  });
});
