/**
 * Parent caches (tiered distribution): a cold object costs the origin one fetch per parent, not
 * one per data centre; the parents answer their children's repeated misses; a copy from a parent
 * expires downstream with the parent's; and a failed parent is replaced by the next parent, then
 * by the origin.
 */
import { describe, expect, it } from 'vitest';
import { installSandbox, type Sandbox, type SandboxConfigInput } from '@sim/models/delivery';
import { buildSandboxWorld } from '@sim/models/delivery/runSandbox';
import { MSG_REQUEST } from '@sim/models/delivery/messages';
import { DETECTION_DELAY_NS } from '@sim/models/mapping/Health';
import type { World } from '@sim/scenario/buildWorld';
import { SECOND } from '@sim/time';
import { Run } from '@runtime/Run';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery/runSandbox';

/** A topology of 100 servers: 23 data centres in 5 regions, 2 origins. */
const SCALE = 100;
/**
 * No Poisson traffic: the tests place every request themselves. Objects of 10 kB, so that a
 * parent answering all its children at once (27 of them at scale 400) stays within its 1 MB
 * first-mile queue: the delivery transport repairs random loss, not drops from a full queue.
 */
const QUIET = { loadFactor: 0, ttlSeconds: 60, objectSizeBytes: 10_000 };

function setUp(
  config: SandboxConfigInput,
  scale: string | number = SCALE,
): { world: World; sandbox: Sandbox } {
  const world = buildSandboxWorld({ scale, seconds: 0 }, 1);
  return { world, sandbox: installSandbox(world, config) };
}

function firstCacheable(sandbox: Sandbox, from = 0): number {
  let obj = from;
  while (!sandbox.catalogue.cacheable(obj)) obj++;
  return obj;
}

/** The number of regions with at least one data centre: one parent each. */
function regionsWithDataCentres(world: World): number {
  const { topology } = world;
  return new Set(topology.dataCentres.map((dc) => topology.cities[dc.city].region)).size;
}

let nextRequest = 1_000_000;
/**
 * A client group's request for `obj` arriving at the object's server in data centre `dc` (as
 * the mapping would send it there); the client does not track it, so its answer counts as late.
 */
function requestIn(world: World, sandbox: Sandbox, dc: number, obj: number): number {
  const server = sandbox.mapping.ring(dc).ownersUp(obj, 1, () => true, [])[0];
  const client = world.topology.nodes.find((n) => n.kind === 'client')!.id;
  world.network.send(client, server, 500, MSG_REQUEST, { id: nextRequest++, obj });
  return server;
}

describe('parent caches', () => {
  // As the CDN grows from 5 data centres (3 regions) to 23 (5) and 68 (8): without parents the
  // origin's fetches follow the data centres, with parents the regions.
  it.each(['classroom', 100, 400])(
    'a cold object asked for in every data centre (scale %s): one origin fetch per data centre without parents, one per parent with them',
    (scale) => {
      for (const tiers of ['none', 'regional'] as const) {
        const { world, sandbox } = setUp({ ...QUIET, tiers }, scale);
        const obj = firstCacheable(sandbox);
        const dcs = world.topology.dataCentres;
        for (const dc of dcs) requestIn(world, sandbox, dc.id, obj);
        world.engine.runUntil(3 * SECOND);
        const s = sandbox.sandboxStats();
        // Every request answered with the object.
        expect(s.lateResponses).toBe(dcs.length);
        expect(s.failed).toBe(0);
        if (tiers === 'none') {
          expect(s.originFetches).toBe(dcs.length);
          expect(s.parentFetches).toBe(0);
        } else {
          const parents = regionsWithDataCentres(world);
          expect(parents).toBeGreaterThan(1);
          expect(parents).toBeLessThan(dcs.length);
          expect(s.originFetches).toBe(parents);
          // The parents' own data centres fetch from the origin themselves; everyone else asks a parent.
          expect(s.parentFetches).toBe(dcs.length - parents);
          expect(s.parentHits + s.parentMisses).toBe(s.parentFetches);
          expect(s.bytesFromOrigin).toBe(parents * sandbox.catalogue.sizeBytes(obj));
        }
      }
    },
  );

  it('chooses as each region’s parent its data centre nearest an origin', () => {
    const { world, sandbox } = setUp({ ...QUIET, tiers: 'regional' });
    const { topology, network } = world;
    const origins = topology.nodes.filter((n) => n.kind === 'origin').map((n) => n.id);
    const rtt = (dc: number) =>
      Math.min(
        ...origins.map((o) => network.routes.rttNs(topology.dataCentres[dc].servers[0], o, 100)),
      );
    const parents = sandbox.mapping.parents!.parentDataCentres();
    expect(parents).toHaveLength(regionsWithDataCentres(world));
    for (const p of parents) {
      const region = topology.cities[topology.dataCentres[p].city].region;
      for (const dc of topology.dataCentres)
        if (topology.cities[dc.city].region === region)
          expect(rtt(p)).toBeLessThanOrEqual(rtt(dc.id));
    }
  });

  it('the parents answer repeated misses: asked one data centre after another, only the parents reach the origin', () => {
    const { world, sandbox } = setUp({ ...QUIET, tiers: 'regional' });
    const obj = firstCacheable(sandbox);
    const parents = sandbox.mapping.parents!.parentDataCentres();
    const children = world.topology.dataCentres
      .map((d) => d.id)
      .filter((d) => !parents.includes(d));
    let t = 0;
    for (const dc of [...parents, ...children]) {
      world.engine.runUntil(t * SECOND);
      requestIn(world, sandbox, dc, obj);
      t += 1;
    }
    world.engine.runUntil((t + 1) * SECOND);
    const s = sandbox.sandboxStats();
    expect(s.originFetches).toBe(parents.length);
    expect(s.parentFetches).toBe(children.length);
    // Hit ratio at the parents: every child's miss found the object there.
    expect(s.parentHits).toBe(children.length);
    expect(s.parentMisses).toBe(0);
    expect(s.coalesced).toBe(0);
  });

  it('collapses concurrent misses at a parent into one origin fetch', () => {
    const { world, sandbox } = setUp({ ...QUIET, tiers: 'regional' });
    const obj = firstCacheable(sandbox);
    const parents = sandbox.mapping.parents!.parentDataCentres();
    const children = world.topology.dataCentres
      .map((d) => d.id)
      .filter((d) => !parents.includes(d));
    for (const dc of children) requestIn(world, sandbox, dc, obj);
    world.engine.runUntil(3 * SECOND);
    const s = sandbox.sandboxStats();
    expect(s.parentFetches).toBe(children.length);
    // Each region's parent fetched once; the other children's misses waited for that fetch.
    const regionsWithChildren = new Set(
      children.map((dc) => world.topology.cities[world.topology.dataCentres[dc].city].region),
    ).size;
    expect(s.originFetches).toBe(regionsWithChildren);
    expect(s.parentMisses).toBe(children.length);
    expect(s.coalesced).toBe(children.length - regionsWithChildren);
  });

  it('a copy from a parent expires when the parent’s does (its age travels with it)', () => {
    const ttl = 10;
    const { world, sandbox } = setUp({ loadFactor: 0, ttlSeconds: ttl, tiers: 'regional' });
    const obj = firstCacheable(sandbox);
    const { parentDc, child, at } = parentAndChild(world, sandbox, obj);
    at(0, parentDc); // the parent fetches from the origin
    at(ttl / 2, child); // the child gets a copy already half its TTL old
    at(ttl * 0.75, child); // a hit at the child
    world.engine.runUntil(ttl * 0.8 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ originFetches: 1, parentHits: 1, hits: 1 });
    // Past the parent's TTL (and well before the child's own TTL would end without the age):
    // the child's copy is stale too, and both revalidate, the origin answering "not modified".
    at(ttl + 1, child);
    world.engine.runUntil((ttl + 3) * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ originFetches: 2, revalidated: 2, hits: 1 });
  });

  it('a copy a parent confirms ("not modified") is fresh only as long as the parent’s', () => {
    const ttl = 10;
    const { world, sandbox } = setUp({ loadFactor: 0, ttlSeconds: ttl, tiers: 'regional' });
    const obj = firstCacheable(sandbox);
    const { parentDc, child, at } = parentAndChild(world, sandbox, obj);
    at(0, parentDc); // the parent's copy: fresh until 10 s
    at(1, child); // the child's: also until 10 s
    at(12, parentDc); // the parent revalidates with the origin: fresh until about 22 s
    at(15, child); // the child's stale copy, confirmed by the parent 3 s into its life: until 22 s
    world.engine.runUntil(16 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ originFetches: 2, revalidated: 2 });
    // At 23 s both copies are stale again (the child's would be fresh until 25 s without the age).
    at(23, child);
    world.engine.runUntil(25 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ originFetches: 3, revalidated: 4, hits: 0 });
  });

  it('a failed parent is replaced by the next nearest parent once the failure is seen, and the origin when no parent is left', () => {
    const { world, sandbox } = setUp({ ...QUIET, tiers: 'regional' });
    const { topology, network, engine } = world;
    const tier = sandbox.mapping.parents!;
    const parents = tier.parentDataCentres();
    const region = (dc: number) => topology.cities[topology.dataCentres[dc].city].region;
    const child = topology.dataCentres.find((d) => !parents.includes(d.id))!.id;
    const own = parents.find((p) => region(p) === region(child))!;
    const fail = (dc: number) => {
      for (const s of topology.dataCentres[dc].servers) {
        network.setNodeUp(s, false);
        sandbox.networkChanged({ type: 'node.setUp', node: s, up: false });
      }
    };
    fail(own);
    engine.runUntil(DETECTION_DELAY_NS + SECOND);
    // The next parent by round trip from the child's data centre, measured here.
    const rtt = (dc: number) =>
      network.routes.rttNs(
        topology.dataCentres[child].servers[0],
        topology.dataCentres[dc].servers[0],
        100,
      );
    const next = parents.filter((p) => p !== own).sort((a, b) => rtt(a) - rtt(b))[0];
    const obj = firstCacheable(sandbox);
    requestIn(world, sandbox, child, obj);
    engine.runUntil(engine.now + 3 * SECOND);
    const parentServer = sandbox.mapping.ring(next).ownersUp(obj, 1, () => true, [])[0];
    expect(sandbox.edge(parentServer)?.requests).toBe(1);
    expect(sandbox.sandboxStats()).toMatchObject({ parentFetches: 1, originFetches: 1, failed: 0 });
    // Every parent down: the child fetches from the origin itself.
    for (const p of parents) if (p !== own) fail(p);
    engine.runUntil(engine.now + DETECTION_DELAY_NS + SECOND);
    requestIn(world, sandbox, child, firstCacheable(sandbox, obj + 1));
    engine.runUntil(engine.now + 3 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ parentFetches: 1, originFetches: 2, failed: 0 });
  });

  it('a parent that fails before the monitoring agents notice: the child’s fetch times out and goes to the origin', () => {
    const { world, sandbox } = setUp({ ...QUIET, tiers: 'regional' });
    const { topology, network, engine } = world;
    const parents = sandbox.mapping.parents!.parentDataCentres();
    const child = topology.dataCentres.find((d) => !parents.includes(d.id))!.id;
    const obj = firstCacheable(sandbox);
    const server = requestIn(world, sandbox, child, obj);
    engine.runUntil(3 * SECOND);
    const parent = sandbox.mapping.parentFor(server, obj);
    expect(parent).toBeGreaterThanOrEqual(0);
    sandbox.purge();
    network.setNodeUp(parent, false);
    sandbox.networkChanged({ type: 'node.setUp', node: parent, up: false });
    const failedAt = engine.now;
    requestIn(world, sandbox, child, obj);
    // Still within the detection delay the child asks the failed parent, and waits its timeout.
    engine.runUntil(failedAt + sandbox.config.originTimeoutSeconds * SECOND - 1);
    expect(sandbox.sandboxStats()).toMatchObject({ parentFetches: 2, lateResponses: 1 });
    engine.runUntil(failedAt + sandbox.config.originTimeoutSeconds * SECOND + 2 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({
      parentFetches: 2,
      parentFallbacks: 1,
      originFetches: 2,
      lateResponses: 2,
      failed: 0,
    });
  });

  it('runs the same split across two shards as in one engine (a parent is reached only by messages)', async () => {
    const counters = [];
    for (const shards of [1, 2]) {
      const run = new Run({
        scenario: {
          seed: 3,
          scale: SCALE,
          network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE } } },
        },
        model: { id: 'delivery', config: { tiers: 'regional', loadFactor: 2 } },
        shards,
      });
      await run.start();
      await run.advanceTo(4 * SECOND);
      const snap = await run.snapshot();
      run.dispose();
      counters.push(snap.counters);
    }
    expect(counters[0]['delivery.parentFetches']).toBeGreaterThan(0);
    for (const key of ['requests', 'responses', 'originFetches', 'parentFetches', 'parentHits'])
      expect(counters[1][`delivery.${key}`]).toBe(counters[0][`delivery.${key}`]);
  });
});

/**
 * The first region's parent data centre, another data centre of its region, and `at(s, dc)`,
 * which runs to second `s` and asks for `obj` there.
 */
function parentAndChild(
  world: ReturnType<typeof setUp>['world'],
  sandbox: ReturnType<typeof setUp>['sandbox'],
  obj: number,
) {
  const parentDc = sandbox.mapping.parents!.parentDataCentres()[0];
  const region = (dc: number) => world.topology.cities[world.topology.dataCentres[dc].city].region;
  const child = world.topology.dataCentres.find(
    (d) => d.id !== parentDc && region(d.id) === region(parentDc),
  )!.id;
  const at = (s: number, dc: number) => {
    world.engine.runUntil(s * SECOND);
    requestIn(world, sandbox, dc, obj);
  };
  return { parentDc, child, at };
}
