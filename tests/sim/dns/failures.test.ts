/** Failures: a silent name server costs the resolver's timeout; a dead edge the client's. */
import { describe, expect, it } from 'vitest';
import { addressNode, CONNECT_TIMEOUT_NS, RESOLVER_TIMEOUT_NS } from '@sim/models/dns';
import { MS } from '@sim/time';
import { brief, dnsRig } from './helpers';

describe('resolver retries', () => {
  it('a silent low-level server: the resolver waits the timeout, then asks the next NS', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    const first = rig.lookupAt(1, c, 'a7.g.akamai.net');
    const asked = first.steps[3].serverNode;
    const normal = rig.lookupAt(2, c, 'a8.g.akamai.net');
    rig.dns.setServerUp(asked, false);
    const r = rig.lookupAt(3, c, 'a9.g.akamai.net');
    expect(brief(r.steps)).toEqual(['lowlevel:timeout:null', 'lowlevel:answer:20']);
    expect(r.steps[0].serverNode).toBe(asked);
    expect(r.steps[1].serverNode).not.toBe(asked);
    // the second try is sent exactly one timeout after the first: the silent server's
    // retransmission timeout, which its two earlier answers brought below the first 376 ms
    const waitNs = r.steps[0].timeoutMs * MS;
    expect(r.steps[1].sentAtNs - r.steps[0].sentAtNs).toBe(waitNs);
    expect(waitNs).toBeLessThan(RESOLVER_TIMEOUT_NS);
    // the student sees the delay: about one timeout more than a normal warm lookup
    expect(r.latencyNs - normal.latencyNs).toBeGreaterThan(waitNs);
    expect(r.latencyNs - normal.latencyNs).toBeLessThan(waitNs + 50 * MS);
    // edges come from the data centre of the server that answered
    const dcOfAnswer = rig.world.topology.nodes[addressNode(r.addresses[0])].dataCentre;
    expect(dcOfAnswer).toBe(rig.world.topology.nodes[r.steps[1].serverNode].dataCentre);
  });

  it('SERVFAIL after every server of the set has failed', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, 'a7.g.akamai.net');
    const resolver = rig.world.topology.nodes[c].resolver!;
    const ns = rig.dns.resolverCache(resolver).find((e) => e.name === 'g.akamai.net')!;
    expect(ns.records.length).toBe(2);
    for (const s of rig.world.topology.dataCentres) rig.dns.setServerUp(s.lowLevelDns, false);
    const r = rig.lookupAt(2, c, 'a8.g.akamai.net');
    expect(brief(r.steps)).toEqual(['lowlevel:timeout:null', 'lowlevel:timeout:null']);
    expect(r.rcode).toBe('SERVFAIL');
    expect(r.addresses).toEqual([]);
    const waited = r.steps.reduce((t, s) => t + s.timeoutMs * MS, 0);
    expect(r.latencyNs).toBeGreaterThan(waited);
  });

  it('with every root instance silent and no cached delegation, SERVFAIL', () => {
    const rig = dnsRig();
    for (const n of rig.world.topology.nodes)
      if (n.kind === 'dnsRoot') rig.dns.setServerUp(n.id, false);
    const r = rig.lookupAt(1, rig.client('boston'), 'a7.g.akamai.net');
    expect(r.rcode).toBe('SERVFAIL');
    expect(brief(r.steps)).toEqual(['root:timeout:null']);
  });
});

describe('client fall-back', () => {
  it('if the first edge is down the client connects to the next address after the connect timeout', () => {
    const rig = dnsRig({ connect: true });
    const c = rig.client('boston');
    const r = rig.lookupAt(1, c, 'a7.g.akamai.net');
    rig.world.engine.runUntil(5e9);
    const dead = addressNode(r.addresses[0]);
    // the answer is still cached at the resolver, but the edge has died
    rig.dns.setServerUp(dead, false);
    rig.lookupAt(6, c, 'a7.g.akamai.net');
    rig.world.engine.runUntil(10e9);
    const obs = rig.dns.observations().filter((o) => o.timeNs >= 6e9);
    const timedOut = obs.find((o) => o.type === 'sim.connectTimedOut')!;
    const connected = obs.find((o) => o.type === 'sim.connected')!;
    expect(timedOut.address).toBe(r.addresses[0]);
    expect(connected).toMatchObject({ address: r.addresses[1], tries: 2 });
    expect(connected.timeNs - timedOut.timeNs).toBeLessThan(CONNECT_TIMEOUT_NS);
  });
});
