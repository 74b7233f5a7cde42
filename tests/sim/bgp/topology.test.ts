import { describe, expect, it } from 'vitest';
import {
  cliqueTopology,
  generatedAsTopology,
  parseAsTopology,
  ringTopology,
  tierOneCount,
  TopologyError,
} from '@sim/models/bgp';

describe('AS topologies', () => {
  it('clique:N links every pair as peers, ring:N each to the next', () => {
    expect(cliqueTopology(6).links).toHaveLength(15);
    expect(ringTopology(6).links).toHaveLength(6);
    expect(cliqueTopology(4).ases.map((a) => a.prefixes.length)).toEqual([1, 1, 1, 1]);
  });

  it.each([
    [{ ases: [{ asn: 1 }, { asn: 1 }], links: [] }, /AS1 is listed twice/],
    [{ ases: [{ asn: 1, prefixes: ['10.0.0.1/8'] }], links: [] }, /AS1: '10\.0\.0\.1\/8'/],
    [{ ases: [{ asn: 1, city: 'atlantis' }], links: [] }, /unknown city 'atlantis'/],
    [{ ases: [{ asn: 1 }], links: [{ customer: 1, provider: 2 }] }, /AS2/],
    [{ ases: [{ asn: 1 }, { asn: 2 }], links: [{ a: 1, b: 2, rel: 'sibling' }] }, /links\[0\]/],
    [
      {
        ases: [{ asn: 1 }, { asn: 2 }],
        links: [
          { a: 1, b: 2, rel: 'peer' },
          { customer: 2, provider: 1 },
        ],
      },
      /two links join AS2 and AS1/,
    ],
    [{ ases: [] }, /"ases" and "links"/],
  ])('refuses a bad file %#, naming what is wrong', (json, message) => {
    expect(() => parseAsTopology(json)).toThrow(TopologyError);
    expect(() => parseAsTopology(json)).toThrow(message);
  });

  it('derives a hierarchy from the generator: a tier-1 clique, every other network with a provider, no provider cycle', () => {
    const t = generatedAsTopology(820, 1);
    const n = t.ases.length;
    const providers = new Map<number, number[]>();
    const peers = new Map<number, number>();
    for (const l of t.links) {
      if (l.rel === 'transit') providers.set(l.a, [...(providers.get(l.a) ?? []), l.b]);
      else {
        peers.set(l.a, (peers.get(l.a) ?? 0) + 1);
        peers.set(l.b, (peers.get(l.b) ?? 0) + 1);
      }
    }
    const tier1 = t.ases.filter((a) => !providers.has(a.asn)).map((a) => a.asn);
    expect(tier1).toHaveLength(tierOneCount(n));
    for (const a of tier1) expect(peers.get(a)).toBeGreaterThanOrEqual(tier1.length - 1);
    const multihomed = t.ases.filter((a) => (providers.get(a.asn)?.length ?? 0) >= 2).length;
    expect(multihomed / n).toBeGreaterThan(0.3);
    // climbing providers always ends at a tier-1 (no customer-provider cycle)
    const depth = (asn: number, seen: Set<number>): number => {
      expect(seen.has(asn)).toBe(false);
      const up = providers.get(asn);
      return up ? 1 + Math.max(...up.map((p) => depth(p, new Set([...seen, asn])))) : 0;
    };
    for (const a of t.ases) expect(depth(a.asn, new Set())).toBeLessThanOrEqual(2);
  });
});
