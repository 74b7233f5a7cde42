/**
 * The mapping criteria of Dilley et al. 2002 ("nearest", "available", "likely"; docs/fidelity.md §
 * DNS resolution), each changing the answer when, and only when, it should.
 */
import { describe, expect, it } from 'vitest';
import { addressNode } from '@sim/models/dns';
import { DETECTION_DELAY_NS } from '@sim/models/mapping';
import { SECOND } from '@sim/time';
import { hashString } from '@sim/util/hash';
import { dnsRig } from './helpers';

const NAME = 'a7.g.akamai.net';
/** The name server choosing: it matters only when another model shares its load (not here). */
const ANY_SERVER = -1;

function setup() {
  const rig = dnsRig();
  const client = rig.client('boston');
  const resolver = rig.world.topology.nodes[client].resolver!;
  const dcs = rig.world.topology.dataCentres;
  const dcIn = (city: string) => dcs.find((d) => rig.world.topology.cities[d.city].id === city)!.id;
  const nodesOf = (addresses: string[]) => addresses.map(addressNode);
  return { rig, client, resolver, dcs, dcIn, nodesOf };
}

describe('nearest', () => {
  it('the top level refers a resolver to the data centres with the lowest round-trip time', () => {
    const { rig, resolver, dcs } = setup();
    const m = rig.dns.mapping;
    const byRtt = dcs
      .map((d) => ({ id: d.id, rtt: m.rttNs(d.lowLevelDns, resolver) }))
      .sort((a, b) => a.rtt - b.rtt)
      .map((d) => d.id);
    expect(m.dataCentresFor(ANY_SERVER, resolver, 2)).toEqual(byRtt.slice(0, 2));
  });

  it('loss on the path moves a data centre down only when it outweighs the RTT difference', () => {
    const { rig, client, resolver, dcIn } = setup();
    const boston = dcIn('boston');
    const newYork = dcIn('new-york');
    const net = rig.world.network;
    const lowLink = net.accessLink(rig.world.topology.dataCentres[boston].lowLevelDns);
    expect(rig.dns.mapping.dataCentresFor(ANY_SERVER, resolver, 2)).toEqual([boston, newYork]);
    net.overrideLink(lowLink, { lossRate: 0.0001 }); // costs ~0.4 ms: less than the RTT gap
    expect(rig.dns.mapping.dataCentresFor(ANY_SERVER, resolver, 2)).toEqual([boston, newYork]);
    net.overrideLink(lowLink, { lossRate: 0.05 }); // ~10 % per exchange: ~100 ms expected
    const lossy = rig.dns.mapping.dataCentresFor(ANY_SERVER, resolver, 2);
    expect(lossy[0]).toBe(newYork);
    expect(lossy).not.toContain(boston);
    // and the resolver learns it in the referral: the NS set lists New York first
    const r = rig.lookupAt(1, client, NAME);
    expect(r.steps.find((s) => s.role === 'lowlevel')!.server).toBe(`n${newYork}g.akamai.net`);
  });
});

describe('available', () => {
  it('load under the first threshold changes nothing; above it the content goes to one more server; above the second the server is no longer handed out', () => {
    const { rig, client, nodesOf } = setup();
    const { spreadThreshold, withdrawThreshold } = rig.dns.config;
    const base = nodesOf(rig.lookupAt(1, client, NAME).addresses);
    expect(base.length).toBe(2);
    const [first] = base;
    rig.dns.setEdgeLoad(first, spreadThreshold - 0.05);
    expect(nodesOf(rig.lookupAt(30, client, NAME).addresses)).toEqual(base);
    rig.dns.setEdgeLoad(first, (spreadThreshold + withdrawThreshold) / 2);
    const spread = nodesOf(rig.lookupAt(60, client, NAME).addresses);
    expect(spread.length).toBe(3);
    expect(spread.slice(0, 2)).toEqual(base);
    rig.dns.setEdgeLoad(first, withdrawThreshold + 0.01);
    const shed = nodesOf(rig.lookupAt(90, client, NAME).addresses);
    expect(shed).not.toContain(first);
    expect(shed.length).toBe(2);
    expect(shed[0]).toBe(base[1]);
    rig.dns.setEdgeLoad(first, 0);
    expect(nodesOf(rig.lookupAt(120, client, NAME).addresses)).toEqual(base);
  });

  it('a server that is down is never handed out', () => {
    const { rig, client, nodesOf } = setup();
    const base = nodesOf(rig.lookupAt(1, client, NAME).addresses);
    rig.dns.setServerUp(base[0], false);
    const after = nodesOf(rig.lookupAt(30, client, NAME).addresses);
    expect(after).not.toContain(base[0]);
    expect(after[0]).toBe(base[1]);
  });

  it('a data centre with every server overloaded is no longer referred to', () => {
    const { rig, resolver, dcIn, dcs } = setup();
    const boston = dcIn('boston');
    for (const s of dcs[boston].servers) rig.dns.setEdgeLoad(s, 2);
    expect(rig.dns.mapping.dataCentresFor(ANY_SERVER, resolver, 2)).not.toContain(boston);
    rig.dns.setEdgeLoad(dcs[boston].servers[0], 0.1);
    expect(rig.dns.mapping.dataCentresFor(ANY_SERVER, resolver, 2)[0]).toBe(boston);
  });
});

describe('likely', () => {
  it('a name maps to the server its hash lands on, the same every time; names spread over the servers', () => {
    const { rig, client, dcIn, nodesOf } = setup();
    const dc = dcIn('boston');
    const ring = rig.dns.mapping.ring(dc);
    const firsts = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const name = `a${i}.g.akamai.net`;
      const got = nodesOf(rig.lookupAt(1 + i, client, name).addresses);
      expect(got[0]).toBe(ring.owner(hashString(name)));
      expect(rig.dns.mapping.serversFor(dc, name)).toEqual(got);
      firsts.add(got[0]);
    }
    expect(firsts.size).toBe(rig.world.topology.dataCentres[dc].servers.length);
  });

  it('a server going down moves only the names it held, once the monitoring agents see it', () => {
    const { rig, dcIn, dcs } = setup();
    const dc = dcIn('boston');
    const names = Array.from({ length: 200 }, (_, i) => `a${i}.g.akamai.net`);
    const before = names.map((n) => rig.dns.mapping.serversFor(dc, n));
    const gone = dcs[dc].servers[0];
    rig.world.engine.runUntil(SECOND);
    rig.dns.setServerUp(gone, false);
    // Not at once: the agents suspend a server after missing their probes.
    rig.world.engine.runUntil(SECOND + DETECTION_DELAY_NS - 1);
    expect(names.map((n) => rig.dns.mapping.serversFor(dc, n))).toEqual(before);
    rig.world.engine.runUntil(SECOND + DETECTION_DELAY_NS);
    names.forEach((n, i) => {
      const after = rig.dns.mapping.serversFor(dc, n);
      if (!before[i].includes(gone)) expect(after).toEqual(before[i]);
      else expect(after).toEqual([...before[i].filter((s) => s !== gone), ...after.slice(1)]);
    });
  });
});
