/**
 * Two-tier DNS (docs/fidelity.md § DNS resolution): long TTLs at the top level and short ones at the
 * low level keep most lookups away from the top level; with one tier every expired answer goes
 * there, to fewer and farther servers.
 */
import { describe, expect, it } from 'vitest';
import { runDnsScript } from '@sim/models/dns';

const run = (oneTier: boolean) =>
  runDnsScript(
    {
      client: 'boston',
      lookups: [{ t: 1, name: 'a7.g.akamai.net' }],
      seconds: 900,
      config: { oneTier, lookupsPerClientPerSecond: 0.2, workloadNames: 30 },
    },
    1,
  );

describe('one tier vs two tiers', () => {
  const two = run(false);
  const one = run(true);

  it('the same offered lookups either way', () => {
    expect(one.counters['dns.lookups']).toBe(two.counters['dns.lookups']);
    expect(two.counters['dns.lookups']).toBeGreaterThan(1000);
  });

  it('two tiers: the top level is asked about once per resolver per delegation TTL', () => {
    const resolvers = 9; // the classroom topology's
    // at least once each; a little more where lookups started before the first referral came back
    expect(two.counters['dns.queries.toplevel']).toBeGreaterThanOrEqual(resolvers);
    expect(two.counters['dns.queries.toplevel']).toBeLessThan(2 * resolvers);
    expect(two.counters['dns.queries.lowlevel']).toBeGreaterThan(1000);
  });

  it('one tier: every resolver cache miss goes to the top level, and lookups are slower', () => {
    expect(one.counters['dns.queries.lowlevel'] ?? 0).toBe(0);
    expect(one.counters['dns.queries.toplevel']).toBe(two.counters['dns.queries.lowlevel']);
    expect(one.lookupLatencyNs.mean).toBeGreaterThan(two.lookupLatencyNs.mean);
  });

  it('one tier still maps: the answer is edges of a data centre near the client', () => {
    const steps = one.lookups[0].steps.map((s) => `${s.role}:${s.kind}`);
    expect(steps).toEqual(['root:referral', 'tld:referral', 'toplevel:answer']);
    expect(one.lookups[0].answer!.addresses.length).toBeGreaterThanOrEqual(2);
  });
});
