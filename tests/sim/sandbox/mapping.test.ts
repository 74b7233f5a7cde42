import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '@sim/net/geo';
import { Catalogue } from '@sim/models/delivery/Catalogue';
import { Mapping } from '@sim/models/delivery/Mapping';
import { pathScoreNs } from '@sim/models/mapping';
import { RandomStream } from '@sim/random/RandomStream';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';

const SPEC = { candidates: 4, ringPointsPerServer: 128 };

describe('the mapping, as the delivery model uses it', () => {
  const world = buildWorld(parseScenario({ scale: 'classroom', seed: 1 }));
  const { topology, network, engine } = world;
  const byName = (name: string) => topology.nodes.find((n) => n.name === name)!;
  const dcKm = (client: number, dc: number) =>
    greatCircleKm(topology.nodes[client], topology.cities[topology.dataCentres[dc].city]);
  const score = (client: number, dc: number) =>
    pathScoreNs(network, topology.dataCentres[dc].lowLevelDns, client);

  it('lists a client group’s nearest data centres by distance, ordered by round-trip time and loss', () => {
    const mapping = new Mapping(topology, network, engine, SPEC);
    for (const client of topology.nodes.filter((n) => n.kind === 'client')) {
      const dcs = [...mapping.dataCentresFor(client.id)];
      expect(dcs.length).toBe(4);
      const scores = dcs.map((dc) => score(client.id, dc));
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      // No data centre left out is nearer than the farthest one kept.
      const kept = new Set(dcs);
      const farthestKept = Math.max(...dcs.map((dc) => dcKm(client.id, dc)));
      for (let dc = 0; dc < topology.dataCentres.length; dc++)
        if (!kept.has(dc)) expect(dcKm(client.id, dc)).toBeGreaterThanOrEqual(farthestKept);
    }
  });

  it('goes to a data centre in the client’s own network when it is near (no peering on the way)', () => {
    const mapping = new Mapping(topology, network, engine, SPEC);
    const tokyo = byName('client:tokyo-n0');
    expect(topology.dataCentres[mapping.dataCentresFor(tokyo.id)[0]].name).toBe('tokyo-n0');
    // Network 0's only data centre is in Tokyo: a New York client of that network goes nearby.
    const newYork = byName('client:new-york-n0');
    const first = topology.dataCentres[mapping.dataCentresFor(newYork.id)[0]];
    expect(first.network).not.toBe(0);
    expect(dcKm(newYork.id, first.id)).toBeLessThan(500);
  });

  it('picks a server of the first data centre with one up, by object', () => {
    const mapping = new Mapping(topology, network, engine, SPEC);
    const client = byName('client:tokyo-n0').id;
    const [first, second] = mapping.dataCentresFor(client);
    const firstServers = topology.dataCentres[first].servers;
    const used = new Set<number>();
    for (let obj = 0; obj < 300; obj++) used.add(mapping.serverFor(client, obj));
    expect([...used].sort()).toEqual([...firstServers].sort());
    // Failures seen by the agents (here, with no delay to wait out: told and past it).
    for (const s of firstServers) network.setNodeUp(s, false);
    const s = mapping.serverFor(client, 5);
    expect(topology.dataCentres[second].servers).toContain(s);
    for (const id of topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id))
      network.setNodeUp(id, false);
    expect(mapping.serverFor(client, 5)).toBe(-1);
    for (const n of topology.nodes) network.setNodeUp(n.id, true);
  });
});

describe('the catalogue', () => {
  const spec = {
    objects: 10_000,
    zipfExponent: 0.8,
    medianSizeBytes: 50_000,
    sizeSigma: 0,
    uncacheableFraction: 0.05,
    versionedFraction: 0.2,
    ttlNs: 1,
  };

  it('gives versioned objects (about the configured fraction) an infinite TTL and the rest the TTL', () => {
    const c = new Catalogue(spec);
    let versioned = 0;
    for (let obj = 0; obj < 10_000; obj++) {
      if (c.versioned(obj)) {
        versioned++;
        expect(c.ttlNs(obj)).toBe(Infinity);
      } else expect(c.ttlNs(obj)).toBe(1);
    }
    expect(versioned / 10_000).toBeGreaterThan(0.18);
    expect(versioned / 10_000).toBeLessThan(0.22);
  });

  it('marks about the configured fraction of objects uncacheable, the same way every time', () => {
    const a = new Catalogue(spec);
    const b = new Catalogue(spec);
    let n = 0;
    for (let obj = 0; obj < spec.objects; obj++) {
      if (!a.cacheable(obj)) n++;
      if (a.cacheable(obj) !== b.cacheable(obj)) throw new Error('catalogues disagree');
    }
    // Binomial standard deviation √(N p (1 − p)) ≈ 22 objects.
    expect(Math.abs(n - 500)).toBeLessThan(100);
  });

  it('gives log-normal sizes around the median when a sigma is set', () => {
    const c = new Catalogue({ ...spec, sizeSigma: 1 });
    const sizes = Array.from({ length: spec.objects }, (_, i) => c.sizeBytes(i)).sort(
      (x, y) => x - y,
    );
    expect(sizes[spec.objects / 2]).toBeGreaterThan(45_000);
    expect(sizes[spec.objects / 2]).toBeLessThan(55_000);
    // 84th percentile of a log-normal is median · e^σ.
    const p84 = sizes[Math.round(0.8413 * spec.objects)];
    expect(p84 / 50_000).toBeGreaterThan(2.718 * 0.9);
    expect(p84 / 50_000).toBeLessThan(2.718 * 1.1);
    expect(new Catalogue(spec).sizeBytes(123)).toBe(50_000);
  });

  it('picks popular objects more often: object 0 most, by the Zipf law', () => {
    const c = new Catalogue(spec);
    const rng = new RandomStream(1, 'test/catalogue');
    const counts = new Array<number>(spec.objects).fill(0);
    for (let i = 0; i < 100_000; i++) counts[c.pick(rng)]++;
    // P(1) / P(10) = 10^0.8 ≈ 6.3
    expect(counts[0] / counts[9]).toBeGreaterThan(5);
    expect(counts[0] / counts[9]).toBeLessThan(8);
  });
});
