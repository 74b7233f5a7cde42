/**
 * Mapping by resolver location, and EDNS Client Subnet (RFC 7871): a client far from its
 * resolver is mapped near the resolver without ECS, near itself with it. Distances are round
 * trips read from the route service, independently of the mapping's own ranking.
 */
import { describe, expect, it } from 'vitest';
import { addressNode } from '@sim/models/dns';
import { decodeDns, encodeDns, type DnsMessage } from '@sim/models/dns/wire';
import { dnsRig } from './helpers';

const PUBLIC = 'resolver:public-washington';

function setup(clientSubnet: boolean) {
  const rig = dnsRig({ clientSubnet });
  const { topology, network } = rig.world;
  const publicResolver = topology.nodes.find((n) => n.name === PUBLIC)!.id;
  const rtt = (a: number, b: number) => network.routes.rttNs(a, b, 100);
  /** the data centre whose low-level server has the lowest RTT from `node` */
  const nearestDc = (node: number) =>
    topology.dataCentres.reduce((a, b) =>
      rtt(node, b.lowLevelDns) < rtt(node, a.lowLevelDns) ? b : a,
    ).id;
  const dcOf = (address: string) => topology.nodes[addressNode(address)].dataCentre;
  return { rig, topology, publicResolver, rtt, nearestDc, dcOf };
}

describe('mapping by resolver location, with client subnet as an option', () => {
  it('a London client of a public resolver in Washington: a far edge without ECS, a near one with', () => {
    const off = setup(false);
    const london = off.rig.client('london');
    off.rig.dns.useResolver(london, off.publicResolver);
    const far = off.rig.lookupAt(1, london, 'a7.g.akamai.net');
    // mapped where the resolver is
    expect(off.dcOf(far.addresses[0])).toBe(off.nearestDc(off.publicResolver));

    const on = setup(true);
    on.rig.dns.useResolver(london, on.publicResolver);
    const near = on.rig.lookupAt(1, london, 'a7.g.akamai.net');
    // mapped where the client is
    expect(on.dcOf(near.addresses[0])).toBe(on.nearestDc(london));
    expect(on.dcOf(near.addresses[0])).not.toBe(off.dcOf(far.addresses[0]));

    const farRtt = off.rtt(london, addressNode(far.addresses[0]));
    const nearRtt = on.rtt(london, addressNode(near.addresses[0]));
    // Washington–London and back is some 12,000 km of fibre: tens of ms, against a few.
    expect(farRtt - nearRtt).toBeGreaterThan(40e6);
    expect(nearRtt).toBeLessThan(farRtt / 3);
  });

  it('with its own resolver nearby, the client is mapped near itself either way', () => {
    const off = setup(false);
    const london = off.rig.client('london');
    const r = off.rig.lookupAt(1, london, 'a7.g.akamai.net');
    expect(off.dcOf(r.addresses[0])).toBe(off.nearestDc(london));
  });

  it('a tailored answer is cached for its client only; without ECS one answer serves all', () => {
    for (const ecs of [false, true]) {
      const s = setup(ecs);
      const london = s.rig.client('london');
      const tokyo = s.rig.client('tokyo');
      s.rig.dns.useResolver(london, s.publicResolver);
      s.rig.dns.useResolver(tokyo, s.publicResolver);
      const first = s.rig.lookupAt(1, london, 'a7.g.akamai.net');
      const second = s.rig.lookupAt(2, tokyo, 'a7.g.akamai.net');
      if (ecs) {
        expect(second.steps.length).toBeGreaterThan(0);
        expect(s.dcOf(second.addresses[0])).toBe(s.nearestDc(tokyo));
        expect(second.addresses).not.toEqual(first.addresses);
      } else {
        expect(second.steps).toEqual([]);
        expect(second.addresses).toEqual(first.addresses);
      }
    }
  });

  it('the option crosses the wire (RFC 7871: OPT record, option 8) and comes back', () => {
    const query: DnsMessage = {
      id: 7,
      response: false,
      recursionDesired: false,
      authoritative: false,
      rcode: 'NOERROR',
      question: { name: 'a7.g.akamai.net', type: 'A' },
      answers: [],
      authorities: [],
      additionals: [],
      clientSubnet: { address: '10.0.0.40', sourcePrefix: 32, scopePrefix: 0 },
    };
    const bytes = encodeDns(query);
    const plain = encodeDns({ ...query, clientSubnet: undefined });
    // OPT: root name 1, type 2, class 2, TTL 4, RDLENGTH 2; option: code 2, length 2, family 2,
    // two prefix lengths 1 + 1, four address bytes
    expect(bytes.length - plain.length).toBe(11 + 4 + 4 + 4);
    expect(decodeDns(bytes).clientSubnet).toEqual(query.clientSubnet);
  });
});
