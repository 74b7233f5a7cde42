/**
 * Anycast root and .net servers: one address, answered by the instance the route service
 * reaches first (the nearest by round-trip time), and by the next nearest when that one fails.
 */
import { describe, expect, it } from 'vitest';
import { addressNode } from '@sim/models/dns';
import { dnsRig } from './helpers';

describe('anycast name servers', () => {
  it('the root is one address, answered by the instance with the lowest round-trip time', () => {
    for (const city of ['london', 'tokyo', 'boston', 'singapore']) {
      const rig = dnsRig();
      const { topology, network } = rig.world;
      const c = rig.client(city);
      const resolver = topology.nodes[c].resolver!;
      const r = rig.lookupAt(1, c, 'a7.g.akamai.net');
      const root = r.steps[0];
      expect(root.role).toBe('root');
      expect(root.server).toBe('a.root-servers.net');
      const instances = topology.nodes.filter((n) => n.kind === 'dnsRoot');
      expect(instances.length).toBeGreaterThan(1);
      const rtt = (n: number) => network.routes.rttNs(resolver, n, 100);
      const nearest = instances.reduce((a, b) => (rtt(b.id) < rtt(a.id) ? b : a));
      expect(root.serverNode).toBe(nearest.id);
      // the same for .net
      const tlds = topology.nodes.filter((n) => n.kind === 'dnsTld');
      const nearestTld = tlds.reduce((a, b) => (rtt(b.id) < rtt(a.id) ? b : a));
      expect(r.steps[1].serverNode).toBe(nearestTld.id);
    }
  });

  it('London reaches its own city’s root instance; the referral names one address for all', () => {
    const rig = dnsRig();
    const { topology } = rig.world;
    const r = rig.lookupAt(1, rig.client('london'), 'a7.g.akamai.net');
    expect(topology.nodes[r.steps[0].serverNode].name).toBe('dns:root-a-london');
    const resolver = topology.nodes[rig.client('london')].resolver!;
    const glue = rig.dns.resolverCache(resolver).find((e) => e.name === 'a.gtld-servers.net')!;
    const home = topology.nodes[addressNode(glue.records[0].data)];
    expect(home.name).toBe('dns:net-a');
    expect(home.anycastOf).toBe(home.id);
  });

  it('when the nearest instance fails the next nearest answers, and the lookup barely slows', () => {
    const base = dnsRig();
    const { topology, network } = base.world;
    const c = base.client('london');
    const resolver = topology.nodes[c].resolver!;
    const before = base.lookupAt(1, c, 'a7.g.akamai.net');
    const failed = before.steps[0].serverNode;

    const rig = dnsRig();
    rig.dns.setServerUp(failed, false);
    const after = rig.lookupAt(1, c, 'a7.g.akamai.net');
    expect(after.steps.map((s) => s.kind)).toEqual(before.steps.map((s) => s.kind));
    const others = topology.nodes.filter((n) => n.kind === 'dnsRoot' && n.id !== failed);
    const rtt = (n: number) => network.routes.rttNs(resolver, n, 100);
    const next = others.reduce((a, b) => (rtt(b.id) < rtt(a.id) ? b : a));
    expect(after.steps[0].serverNode).toBe(next.id);
    // no timeout: the failed instance's route is withdrawn; the lookup pays only the longer trip
    const extra = after.latencyNs - before.latencyNs;
    expect(extra).toBeCloseTo(rtt(next.id) - rtt(failed), -6);
  });

  it('a cold lookup costs the nearby instances’ round trips, not trips to Washington', () => {
    const rig = dnsRig();
    const { topology, network } = rig.world;
    const c = rig.client('london');
    const resolver = topology.nodes[c].resolver!;
    const r = rig.lookupAt(1, c, 'a7.g.akamai.net');
    const washingtonRoot = topology.nodes.find((n) => n.name === 'dns:root-a')!.id;
    const rootRtt = network.routes.rttNs(resolver, r.steps[0].serverNode, 100);
    expect(rootRtt).toBeLessThan(network.routes.rttNs(resolver, washingtonRoot, 100) / 5);
  });
});
