/**
 * One edge server and one load table for the whole CDN (issue 16):
 * - the DNS lab's client connects to the delivery model's edge server (the same kind of server
 *   the flash crowd loads), which answers its SYN; the same run on 1 and 2 shards;
 * - with DNS on, the top level hands out data centres by the load their monitors report to it
 *   over the network, so an overloaded data centre is referred fewer resolvers.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';
import { addressNode } from '@sim/models/dns';
import { hostNameOf } from '@sim/models/delivery/DnsStub';
import { simulation as dnsLab } from '../../labs/dns-resolution/scenario';
import { CLIENT, NAME } from '../../labs/dns-resolution/places';

describe('the DNS lab’s client and the delivery model’s edge servers', () => {
  async function lookups(shards: number) {
    const run = new Run({ scenario: dnsLab.scenario, model: dnsLab.model, shards });
    try {
      await run.start();
      run.command({ type: 'dns.lookup', client: CLIENT, name: NAME });
      await run.advanceTo(3 * SECOND);
      run.command({ type: 'dns.lookup', client: CLIENT, name: NAME });
      await run.advanceTo(6 * SECOND);
      return await run.snapshot();
    } finally {
      run.dispose();
    }
  }

  it('connects to an edge server the delivery model runs, on 1 and 2 shards alike', async () => {
    const one = await lookups(1);
    const two = await lookups(2);
    expect(one.counters['dns.connects']).toBe(2);
    // Every handshake the client finished was answered by a delivery edge server.
    expect(one.counters['delivery.connectionsAccepted']).toBe(2);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
  }, 60_000);

  it('shows the load the lab reports for an edge server the client has connected to', async () => {
    const run = new Run({ scenario: dnsLab.scenario, model: dnsLab.model, shards: 1 });
    try {
      await run.start();
      run.command({ type: 'dns.lookup', client: CLIENT, name: NAME });
      await run.advanceTo(2 * SECOND);
      const [edge] = (await run.snapshot()).observations
        .filter((o) => (o as { type: string }).type === 'sim.connected')
        .map((o) => addressNode((o as { address: string }).address));
      // The delivery model knows this server now (it answered the SYN), idle; the map shows
      // the DNS model's reported load, which the lab's mapping step decides from.
      run.command({ type: 'dns.setEdgeLoad', node: edge, load: 0.95 });
      await run.advanceTo(3 * SECOND);
      expect((await run.snapshot()).nodeLoad[edge]).toBeCloseTo(0.95, 5);
    } finally {
      run.dispose();
    }
  });

  it('refuses connect: true without the delivery model, saying what is missing', async () => {
    const run = new Run({
      scenario: dnsLab.scenario,
      model: { id: 'dns', config: { connect: true } },
      shards: 1,
    });
    await expect(run.start()).rejects.toThrow(/connect: true needs the delivery model/);
    run.dispose();
  });
});

interface Resolution {
  type: 'sim.resolution';
  resolver: number;
  fromCache: boolean;
  steps: { role: string; serverNode: number }[];
}

/**
 * The whole CDN with small edge servers (every data centre busy), resolvers going back to the
 * top level every few seconds: per fresh referral, the low-level server the resolver then asked.
 */
async function referrals(dataCentreThreshold: number): Promise<[number, number][]> {
  const run = new Run({
    scenario: {
      seed: 3,
      scale: 'classroom',
      network: { linkClasses: { lastMile: { bandwidthBps: 10e9, queueBytes: 16_000_000 } } },
    },
    model: [
      { id: 'delivery', config: { dns: true, edgeCapacityRequestsPerSecond: 30 } },
      { id: 'dns', config: { answerTtl: 5, delegationTtl: 5, dataCentreThreshold } },
    ],
    shards: 1,
  });
  try {
    await run.start();
    const out: [number, number][] = [];
    for (let t = 1; t <= 60; t++) {
      await run.advanceTo(t * SECOND);
      // Load reports take a few seconds to build up: count from 10 s on.
      if (t <= 10) continue;
      for (const o of (await run.snapshot()).observations as Resolution[]) {
        if (o.type !== 'sim.resolution' || o.fromCache) continue;
        const top = o.steps.findIndex((s) => s.role === 'toplevel');
        const low = o.steps[top + 1];
        if (top >= 0 && low?.role === 'lowlevel') out.push([o.resolver, low.serverNode]);
      }
    }
    return out;
  } finally {
    run.dispose();
  }
}

describe('the top level hands out data centres by their reported load', () => {
  it('refers fewer resolvers to their nearest data centre when it is above the threshold', async () => {
    // Threshold 10: never reached, so every resolver is referred to its nearest data centres.
    const calm = await referrals(10);
    const usual = new Map<number, Map<number, number>>();
    for (const [resolver, low] of calm) {
      const m = usual.get(resolver) ?? new Map<number, number>();
      m.set(low, (m.get(low) ?? 0) + 1);
      usual.set(resolver, m);
    }
    const nearest = new Map(
      [...usual].map(([r, m]) => [r, [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]]),
    );
    const share = (list: [number, number][]) =>
      list.filter(([r, low]) => nearest.get(r) === low).length / list.length;
    const shed = await referrals(0.3);
    console.log(
      `top level by load: ${(100 * share(calm)).toFixed(0)} % of ${calm.length} referrals to the nearest data centre below threshold, ${(100 * share(shed)).toFixed(0)} % of ${shed.length} with threshold 0.3`,
    );
    expect(calm.length).toBeGreaterThan(50);
    expect(shed.length).toBeGreaterThan(50);
    // Without shedding, most referrals lead to the resolver's usual data centre (its fastest
    // of the two referred)…
    expect(share(calm)).toBeGreaterThan(0.75);
    // …with it, a busy data centre keeps only the share it can take.
    expect(share(shed)).toBeLessThan(share(calm) - 0.2);
  }, 120_000);
});

describe('hot content spreads in the DNS answers too', () => {
  it('a flash crowd on one object makes its host name’s answers name more servers', async () => {
    const names = 8;
    const hotName = hostNameOf(0, names);
    const run = new Run({
      scenario: { seed: 3, scale: 'classroom' },
      model: [
        {
          id: 'delivery',
          config: {
            dns: true,
            dnsNames: names,
            crowd: {
              startSeconds: 10,
              rampSeconds: 5,
              peakFactor: 100,
              holdSeconds: 60,
              hotObject: 0,
            },
          },
        },
        { id: 'dns', config: { answerTtl: 5 } },
      ],
      shards: 1,
    });
    const answers: { t: number; name: string; n: number }[] = [];
    try {
      await run.start();
      for (let t = 1; t <= 40; t++) {
        await run.advanceTo(t * SECOND);
        for (const o of (await run.snapshot()).observations as {
          type: string;
          timeNs: number;
          name: string;
          fromCache: boolean;
          addresses: string[];
          steps: { role: string }[];
        }[])
          if (o.type === 'sim.resolution' && !o.fromCache && o.steps.at(-1)?.role === 'lowlevel')
            answers.push({ t: o.timeNs / 1e9, name: o.name, n: o.addresses.length });
      }
    } finally {
      run.dispose();
    }
    const widest = (from: number, to: number, hot: boolean) =>
      Math.max(
        0,
        ...answers
          .filter((a) => a.t >= from && a.t < to && (a.name === hotName) === hot)
          .map((a) => a.n),
      );
    // Before the crowd every answer names the usual two servers…
    expect(widest(0, 10, true)).toBe(2);
    // …during it, the hot name's answers name more (its load is spread), the others do not.
    expect(widest(20, 40, true)).toBeGreaterThan(2);
    expect(widest(20, 40, false)).toBe(2);
  }, 120_000);
});
