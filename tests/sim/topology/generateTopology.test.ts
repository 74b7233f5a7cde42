import { describe, expect, it } from 'vitest';
import {
  NODE_KINDS,
  generateTopology,
  summarizeTopology,
  type Topology,
  type TopologyNode,
} from '@sim/topology';

const cache = new Map<string, Topology>();
/** Big topologies are generated once per file and shared by the tests that only read them. */
function topology(scale: string | number, seed = 1): Topology {
  const key = `${scale}/${seed}`;
  if (!cache.has(key)) cache.set(key, generateTopology(scale, seed));
  return cache.get(key)!;
}

const ofKind = (t: Topology, kind: TopologyNode['kind']) => t.nodes.filter((n) => n.kind === kind);

describe('determinism', () => {
  it('generates a deep-equal topology from the same scale and seed', () => {
    expect(generateTopology('classroom', 7)).toEqual(generateTopology('classroom', 7));
    expect(generateTopology(3000, 7)).toEqual(generateTopology(3000, 7));
  });

  it('generates a different topology from another seed', () => {
    const a = generateTopology(3000, 1);
    const b = generateTopology(3000, 2);
    expect(a).not.toEqual(b);
    expect(a.networks.map((n) => n.cities)).not.toEqual(b.networks.map((n) => n.cities));
  });

  it('keeps user shares independent of the seed (only placement is random)', () => {
    const a = generateTopology(3000, 1);
    const b = generateTopology(3000, 2);
    expect(a.networks.map((n) => n.userShare)).toEqual(b.networks.map((n) => n.userShare));
  });

  it('survives structuredClone unchanged', () => {
    const t = topology('classroom');
    expect(structuredClone(t)).toEqual(t);
    const big = topology('2002');
    expect(structuredClone(big)).toEqual(big);
  });
});

describe('classroom scale', () => {
  const t = topology('classroom');
  const s = summarizeTopology(t);

  it('fits on a projector: 30 to 60 nodes in three or four regions', () => {
    expect(s.nodes).toBeGreaterThanOrEqual(30);
    expect(s.nodes).toBeLessThanOrEqual(60);
    expect(s.regions).toBeGreaterThanOrEqual(3);
    expect(s.regions).toBeLessThanOrEqual(4);
  });

  it('has the whole DNS chain: one root, one .net server (each anycast from five sites), two CDN top-level servers', () => {
    expect(ofKind(t, 'dnsRoot').map((n) => n.name)).toEqual([
      'dns:root-a',
      'dns:root-a-london',
      'dns:root-a-tokyo',
      'dns:root-a-singapore',
      'dns:root-a-frankfurt',
    ]);
    expect(ofKind(t, 'dnsRoot').every((n) => n.anycastOf === ofKind(t, 'dnsRoot')[0].id)).toBe(
      true,
    );
    expect(ofKind(t, 'dnsTld')).toHaveLength(5);
    expect(ofKind(t, 'dnsCdnTop')).toHaveLength(2);
    expect(ofKind(t, 'origin')).toHaveLength(1);
    expect(s.dataCentres).toBe(5);
    expect(t.dataCentres.every((d) => d.servers.length === 3)).toBe(true);
  });

  it('stays between 30 and 60 nodes whatever the seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = generateTopology('classroom', seed).nodes.length;
      expect(n).toBeGreaterThanOrEqual(30);
      expect(n).toBeLessThanOrEqual(60);
    }
  });
});

describe('paper scales', () => {
  it('builds the 2002 system: over 12,000 servers in over 1,000 hosting networks', () => {
    const s = summarizeTopology(topology('2002'));
    expect(s.servers).toBeGreaterThan(12_000);
    expect(s.hostingNetworks).toBeGreaterThan(1_000);
    expect(s.servers / s.dataCentres).toBeCloseTo(12, 0);
    expect(s.top30UserShare).toBeGreaterThanOrEqual(0.45);
    expect(s.top30UserShare).toBeLessThanOrEqual(0.55);
  });

  it('builds the 2009 system: over 35,000 servers in over 1,000 networks out of about 13,000', () => {
    const s = summarizeTopology(topology('2009'));
    expect(s.servers).toBeGreaterThan(35_000);
    expect(s.hostingNetworks).toBeGreaterThan(1_000);
    expect(s.accessNetworks).toBe(13_000);
    expect(s.networks).toBeGreaterThanOrEqual(13_000);
    expect(s.networks).toBeLessThan(13_010);
    expect(s.top30UserShare).toBeGreaterThanOrEqual(0.45);
    expect(s.top30UserShare).toBeLessThanOrEqual(0.55);
    expect(s.regions).toBe(9);
  });

  it('deploys exactly as many edge servers as a numeric scale asks for', () => {
    for (const n of [1, 15, 5000]) expect(ofKind(topology(n), 'edge')).toHaveLength(n);
  });

  it('favours networks with more users when choosing where to host servers', () => {
    const t = topology('2009');
    const access = t.networks.filter((n) => n.role === 'access');
    const hostedTop = access.slice(0, 100).filter((n) => n.hostsServers).length;
    const hostedTail = access.slice(-1000).filter((n) => n.hostsServers).length;
    expect(hostedTop).toBeGreaterThan(50);
    expect(hostedTop / 100).toBeGreaterThan((hostedTail / 1000) * 3);
  });

  it('puts big networks in several cities and small ones in one', () => {
    const access = topology('2009').networks.filter((n) => n.role === 'access');
    expect(access[0].cities.length).toBeGreaterThanOrEqual(5);
    expect(access.slice(-1000).every((n) => n.cities.length === 1)).toBe(true);
  });
});

describe('user networks', () => {
  it('share users with a long tail: decreasing, summing to one, the smallest far below the largest', () => {
    for (const scale of ['2002', '2009']) {
      const shares = topology(scale)
        .networks.filter((n) => n.role === 'access')
        .map((n) => n.userShare);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(shares.filter((x, i) => i > 0 && x >= shares[i - 1])).toEqual([]);
      expect(shares[shares.length - 1]).toBeLessThan(shares[0] / 1000);
    }
  });

  it('gives client groups users in proportion to their network share', () => {
    const t = topology('2002');
    const users = new Map<number, number>();
    for (const c of ofKind(t, 'client'))
      users.set(c.network, (users.get(c.network) ?? 0) + c.users!);
    const total = [...users.values()].reduce((a, b) => a + b, 0);
    expect(total / t.scale.totalUsers).toBeCloseTo(1, 4);
    for (const n of t.networks.slice(0, 50))
      expect(users.get(n.id)! / total).toBeCloseTo(n.userShare, 5);
  });
});

describe('structural invariants', () => {
  const scales: (string | number)[] = ['classroom', 1, 200, '2002'];
  // Checks collect the offending nodes and compare with [], one expect per rule: a failure names
  // the culprits, and 20,000 nodes do not cost 20,000 expect calls.

  it.each(scales)('numbers node ids densely from 0 at scale %s', (scale) => {
    const t = topology(scale);
    expect(t.nodes.filter((n, i) => n.id !== i)).toEqual([]);
    expect(t.networks.filter((n, i) => n.id !== i)).toEqual([]);
    expect(t.dataCentres.filter((d, i) => d.id !== i)).toEqual([]);
    expect(new Set(t.nodes.map((n) => n.name)).size).toBe(t.nodes.length);
  });

  it.each(scales)('names every node kind:label and places it at its city at scale %s', (scale) => {
    const t = topology(scale);
    const kinds = new Set<string>(NODE_KINDS);
    const name = /^(client|resolver|dns|edge|origin):[a-z0-9-]+$/;
    expect(t.nodes.filter((n) => !kinds.has(n.kind) || !name.test(n.name))).toEqual([]);
    const city = t.cities;
    expect(t.nodes.filter((n) => n.lat !== city[n.city].lat || n.lon !== city[n.city].lon)).toEqual(
      [],
    );
    const net = t.networks;
    expect(t.nodes.filter((n) => !net[n.network]?.cities.includes(n.city))).toEqual([]);
  });

  it.each(scales)(
    'gives every client group a resolver in its own network and city at scale %s',
    (scale) => {
      const t = topology(scale);
      const clients = ofKind(t, 'client');
      // one resolver per client group, and besides them the public resolver's sites
      const isp = ofKind(t, 'resolver').filter((r) => t.networks[r.network].role === 'access');
      expect(clients.length).toBe(isp.length);
      const publicSites = ofKind(t, 'resolver').filter((r) =>
        r.name.startsWith('resolver:public-'),
      );
      expect(publicSites).toHaveLength(t.scale.publicResolvers);
      expect(publicSites.every((r) => t.networks[r.network].name === 'public-dns')).toBe(true);
      const bad = clients.filter((c) => {
        const r = t.nodes[c.resolver!];
        return (
          r?.kind !== 'resolver' ||
          r.network !== c.network ||
          r.city !== c.city ||
          !(c.users! > 0) ||
          t.networks[c.network].role !== 'access'
        );
      });
      expect(bad).toEqual([]);
    },
  );

  it.each(scales)(
    'puts every edge server in a data centre of a hosting network with a low-level DNS at scale %s',
    (scale) => {
      const t = topology(scale);
      const edges = ofKind(t, 'edge');
      expect(edges.length).toBe(t.scale.servers);
      const badEdges = edges.filter((e) => {
        const dc = t.dataCentres[e.dataCentre];
        return (
          !dc ||
          !dc.servers.includes(e.id) ||
          dc.network !== e.network ||
          dc.city !== e.city ||
          !t.networks[dc.network].hostsServers
        );
      });
      expect(badEdges).toEqual([]);
      const badDcs = t.dataCentres.filter((dc) => {
        const low = t.nodes[dc.lowLevelDns];
        return low.kind !== 'dnsCdnLow' || low.dataCentre !== dc.id || low.city !== dc.city;
      });
      expect(badDcs).toEqual([]);
      expect(t.dataCentres.reduce((a, d) => a + d.servers.length, 0)).toBe(t.scale.servers);
      expect(ofKind(t, 'dnsCdnLow')).toHaveLength(t.dataCentres.length);
      expect(t.networks.filter((n) => n.hostsServers)).toHaveLength(t.scale.hostingNetworks);
    },
  );

  it('keeps DNS roots, .net servers, CDN top-level DNS and origins in infrastructure networks', () => {
    const t = topology('2002');
    for (const kind of ['dnsRoot', 'dnsTld', 'dnsCdnTop', 'origin'] as const) {
      const nodes = ofKind(t, kind);
      expect(nodes.length).toBeGreaterThan(0);
      for (const n of nodes) {
        expect(t.networks[n.network].role).toBe('infrastructure');
        expect(n.dataCentre).toBe(-1);
      }
    }
    // 13 root servers, a–m, each with its anycast instances
    const roots = ofKind(t, 'dnsRoot');
    expect(roots.filter((n) => n.anycastOf === n.id)).toHaveLength(13);
    expect(roots).toHaveLength(13 * t.scale.anycastInstances);
    const topRegions = new Set(ofKind(t, 'dnsCdnTop').map((n) => t.cities[n.city].region));
    expect(topRegions.size).toBeGreaterThanOrEqual(3);
  });
});

describe('summarizeTopology', () => {
  it('counts what the classroom topology holds', () => {
    const t = topology('classroom');
    const s = summarizeTopology(t);
    expect(s.servers).toBe(15);
    // one resolver per client group, and the public resolver in Washington
    expect(s.resolvers).toBe(s.clientGroups + 1);
    expect(s.dnsServers).toBe(5 + 5 + 2 + 5);
    expect(s.origins).toBe(1);
    expect(s.nodes).toBe(s.servers + s.clientGroups + s.resolvers + s.dnsServers + s.origins);
    expect(s.networks).toBe(s.accessNetworks + 5);
    expect(s.top30UserShare).toBeCloseTo(1, 12);
  });
});
