/**
 * The resolution walk of Dilley et al. 2002, sidebar "DNS Resolution" (docs/fidelity.md § DNS
 * resolution): the cold path in order, what cached data skips, and TTL expiry.
 */
import { describe, expect, it } from 'vitest';
import { addressNode, PARENT_DELEGATION_TTL } from '@sim/models/dns';
import { brief, dnsRig } from './helpers';

const NAME = 'a7.g.akamai.net';

describe('cold path', () => {
  it('asks root, .net, top level, low level in order, each with its referral TTL', () => {
    const rig = dnsRig();
    const r = rig.lookupAt(1, rig.client('boston'), NAME);
    expect(brief(r.steps)).toEqual([
      `root:referral:${PARENT_DELEGATION_TTL}`,
      `tld:referral:${PARENT_DELEGATION_TTL}`,
      'toplevel:referral:3600',
      'lowlevel:answer:20',
    ]);
    expect(r.steps.map((s) => s.zone)).toEqual(['.', 'net.', 'akamai.net.', 'g.akamai.net.']);
    expect(r.rcode).toBe('NOERROR');
    // "two or more" edge servers, with the low level's TTL
    expect(r.addresses.length).toBeGreaterThanOrEqual(2);
    expect(r.ttl).toBe(20);
    // Real resolvers spend some ms per step: four round trips are slower than one.
    const warm = rig.lookupAt(2, rig.client('boston'), 'a8.g.akamai.net');
    expect(r.latencyNs).toBeGreaterThan(warm.latencyNs);
  });

  it('the referral to low-level servers has an NS set of at least two', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    const resolver = rig.world.topology.nodes[c].resolver!;
    const ns = rig.dns.resolverCache(resolver).find((e) => e.name === 'g.akamai.net')!;
    expect(ns.type).toBe('NS');
    expect(ns.records.length).toBeGreaterThanOrEqual(2);
    for (const r of ns.records)
      expect(rig.dns.resolverCache(resolver).some((e) => e.name === r.data && e.type === 'A')).toBe(
        true,
      );
  });
});

describe('warm cache', () => {
  it('the same name again is answered from the cache until its TTL runs out', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    const first = rig.lookupAt(1, c, NAME);
    const again = rig.lookupAt(10, c, NAME);
    expect(again.steps).toEqual([]);
    expect(again.addresses).toEqual(first.addresses);
    // RFC 1035 §7.4: the TTL handed on counts down (asked 9 s later, about 11 s left)
    expect(again.ttl).toBeGreaterThanOrEqual(10);
    expect(again.ttl).toBeLessThanOrEqual(12);
    // after the answer TTL (20 s): one low-level query
    expect(brief(rig.lookupAt(22, c, NAME).steps)).toEqual(['lowlevel:answer:20']);
  });

  it('a different name in the same zone costs one low-level query', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    expect(brief(rig.lookupAt(2, c, 'a8.g.akamai.net').steps)).toEqual(['lowlevel:answer:20']);
  });

  it('after the delegation TTL: top level, then low level (root and .net still cached)', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    expect(brief(rig.lookupAt(3590, c, 'a9.g.akamai.net').steps)).toEqual(['lowlevel:answer:20']);
    expect(brief(rig.lookupAt(3602, c, 'a10.g.akamai.net').steps)).toEqual([
      'toplevel:referral:3600',
      'lowlevel:answer:20',
    ]);
  });

  it('a delegation lives as long as its referral: child answers do not extend it', () => {
    // The low level names itself in the authority section of every answer with a fresh TTL;
    // answers keep coming all hour, yet the delegation still ends one hour after the referral.
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    const resolver = rig.world.topology.nodes[c].resolver!;
    const expiresAt = () =>
      rig.dns.resolverCache(resolver).find((e) => e.name === 'g.akamai.net')?.expiresAtNs;
    const taught = expiresAt()!;
    for (let t = 100; t < 3600; t += 500) {
      rig.lookupAt(t, c, `b${t}.g.akamai.net`);
      expect(expiresAt()).toBe(taught);
    }
    expect(brief(rig.lookupAt(3610, c, 'late.g.akamai.net').steps)[0]).toBe(
      'toplevel:referral:3600',
    );
  });

  it('with .net expired too, the walk starts at the root again', () => {
    const rig = dnsRig({ delegationTtl: 60 });
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    // .net's delegations last 2 days: after 3 days the root is asked again
    expect(
      brief(rig.lookupAt(3 * 86_400, c, 'x.g.akamai.net').steps).map((s) => s.split(':')[0]),
    ).toEqual(['root', 'tld', 'toplevel', 'lowlevel']);
  });

  it('setTtl changes the TTLs handed out from then on', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.dns.setTtl({ answerTtl: 5, delegationTtl: 120 });
    const r = rig.lookupAt(1, c, NAME);
    expect(brief(r.steps).slice(2)).toEqual(['toplevel:referral:120', 'lowlevel:answer:5']);
    expect(rig.lookupAt(7, c, NAME).steps.length).toBe(1);
  });
});

describe('clients', () => {
  it('clients in different cities get different edges', () => {
    const rig = dnsRig();
    const tokyo = rig.lookupAt(1, rig.client('tokyo'), NAME);
    const frankfurt = rig.lookupAt(2, rig.client('frankfurt'), NAME);
    const boston = rig.lookupAt(3, rig.client('boston'), NAME);
    const dcOf = (a: string) => rig.world.topology.nodes[addressNode(a)].dataCentre;
    const dcs = [tokyo, frankfurt, boston].map(
      (r) => rig.world.topology.dataCentres[dcOf(r.addresses[0])],
    );
    expect(dcs.map((d) => rig.world.topology.cities[d.city].id)).toEqual([
      'tokyo',
      'frankfurt',
      'boston',
    ]);
  });
});

describe('observations for the lab', () => {
  it('every cache change is recorded: delegations, glue and the answer, then their expiry', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, NAME);
    const changes = () =>
      rig.dns
        .observations()
        .filter((o) => o.type === 'sim.resolverCacheChanged')
        .map((o) => `${o.change} ${o.kind} ${o.name} ${o.rtype} ${o.ttl}`);
    expect(changes()).toEqual(
      expect.arrayContaining([
        'added delegation net NS 172800',
        'added delegation akamai.net NS 172800',
        'added delegation g.akamai.net NS 3600',
        `added answer ${NAME} A 20`,
      ]),
    );
    expect(changes().filter((s) => s.startsWith('added glue')).length).toBeGreaterThanOrEqual(
      1 + 1 + 2,
    );
    rig.lookupAt(30, c, NAME);
    expect(changes()).toContain(`expired answer ${NAME} A 20`);
  });

  it('every message is recorded when sent and when received, in time order', () => {
    const rig = dnsRig();
    rig.lookupAt(1, rig.client('boston'), NAME);
    const msgs = rig.dns.observations().filter((o) => o.type === 'sim.dnsMessage');
    expect(msgs.filter((o) => o.event === 'sent').length).toBe(10);
    expect(msgs.filter((o) => o.event === 'received').length).toBe(10);
    const times = rig.dns.observations().map((o) => o.timeNs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(msgs.map((o) => `${o.event}:${o.fromRole}>${o.toRole}:${o.kind}`).slice(0, 4)).toEqual([
      'sent:client>resolver:query',
      'received:client>resolver:query',
      'sent:resolver>root:query',
      'received:resolver>root:query',
    ]);
  });
});
