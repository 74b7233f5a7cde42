import { describe, expect, it } from 'vitest';
import { SECOND } from '@sim/time';
import { classroom, nodesOfKind } from './helpers';

/** No Poisson traffic: the tests place every request themselves. */
const QUIET = { loadFactor: 0 };

function firstCacheable(sandbox: ReturnType<typeof classroom>['sandbox'], from = 0): number {
  let obj = from;
  while (!sandbox.catalogue.cacheable(obj)) obj++;
  return obj;
}

describe('an edge server', () => {
  it('answers a repeat request from its cache, faster than the first one that went to the origin', () => {
    const { world, sandbox } = classroom(QUIET);
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    const obj = firstCacheable(sandbox);
    client.request(obj);
    world.engine.runUntil(SECOND);
    const afterMiss = sandbox.sandboxStats();
    client.request(obj);
    world.engine.runUntil(2 * SECOND);
    const s = sandbox.sandboxStats();
    expect(afterMiss).toMatchObject({ requests: 1, responses: 1, misses: 1, hits: 0 });
    expect(s).toMatchObject({ requests: 2, responses: 2, misses: 1, hits: 1, originFetches: 1 });
    expect(s.latencyMs.max).toBe(afterMiss.latencyMs.max);
    expect(s.latencyMs.p50).toBeLessThan(afterMiss.latencyMs.max / 2);
  });

  it('refetches an object from the origin once its TTL has run out', () => {
    const { world, sandbox } = classroom({ ...QUIET, ttlSeconds: 2 });
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    const obj = firstCacheable(sandbox);
    for (const [at, until] of [
      [0, 1],
      [1, 1.5],
      [1.5, 1.9],
      [3, 4],
      [4, 4.5],
    ]) {
      world.engine.runUntil(at * SECOND);
      client.request(obj);
      world.engine.runUntil(until * SECOND);
    }
    expect(sandbox.sandboxStats()).toMatchObject({
      requests: 5,
      responses: 5,
      hits: 3,
      misses: 2,
      expired: 1,
      originFetches: 2,
    });
  });

  it('revalidates an expired copy: a small "not modified" while current, the object once republished', () => {
    const { world, sandbox } = classroom({ ...QUIET, ttlSeconds: 2 });
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    const obj = firstCacheable(sandbox);
    const fetchAt = (t: number) => {
      world.engine.runUntil(t * SECOND);
      client.request(obj);
      world.engine.runUntil((t + 1) * SECOND);
    };
    fetchAt(0); // miss: the whole object
    fetchAt(3); // expired, unchanged at the origin: 304
    const afterRevalidation = sandbox.sandboxStats();
    expect(afterRevalidation).toMatchObject({ responses: 2, originFetches: 2, revalidated: 1 });
    expect(afterRevalidation.bytesFromOrigin).toBe(sandbox.catalogue.sizeBytes(obj));
    sandbox.publish(obj);
    fetchAt(6); // expired, and the origin has a new version: the whole object again
    const s = sandbox.sandboxStats();
    expect(s).toMatchObject({ responses: 3, originFetches: 3, revalidated: 1 });
    expect(s.bytesFromOrigin).toBe(2 * sandbox.catalogue.sizeBytes(obj));
  });

  it('never refetches a versioned object, and refetches any object after a purge', () => {
    const { world, sandbox } = classroom({ ...QUIET, ttlSeconds: 1, versionedFraction: 1 });
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    const obj = firstCacheable(sandbox);
    for (const t of [0, 5, 50]) {
      world.engine.runUntil(t * SECOND);
      client.request(obj);
    }
    world.engine.runUntil(60 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ responses: 3, hits: 2, originFetches: 1 });
    sandbox.purge(obj);
    client.request(obj);
    world.engine.runUntil(61 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({ responses: 4, hits: 2, originFetches: 2 });
  });

  it('answers at once with an error when every worker is busy and its queue is full', () => {
    const tiny = { edgeWorkers: 1, edgeQueueLength: 2, edgeCapacityRequestsPerSecond: 10 };
    const { world, sandbox } = classroom({ ...QUIET, ...tiny });
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    const obj = firstCacheable(sandbox);
    // All to the same server: one in service, two waiting, the other seven refused.
    for (let i = 0; i < 10; i++) client.request(obj);
    world.engine.runUntil(30 * SECOND);
    const s = sandbox.sandboxStats();
    expect(s.failures.edgeOverloaded).toBe(7);
    expect(s.responses).toBe(3);
  });

  it('makes one origin fetch for concurrent misses of one object and answers every waiter', () => {
    const { world, sandbox } = classroom(QUIET);
    const clients = nodesOfKind(world, 'client').map((id) => sandbox.client(id)!);
    const obj = firstCacheable(sandbox);
    for (let i = 0; i < 5; i++) clients[0].request(obj);
    world.engine.runUntil(SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({
      requests: 5,
      responses: 5,
      misses: 5,
      coalesced: 4,
      originFetches: 1,
      originServed: 1,
    });
    const edge = sandbox.mapping.serverFor(clients[0].id, obj);
    expect(sandbox.edge(edge)!.cache.has(obj)).toBe(true);
    expect(sandbox.edge(edge)!.fetchesInFlight).toBe(0);
  });

  it('sends every request for an uncacheable object to the origin, never coalesced or cached', () => {
    const { world, sandbox } = classroom(QUIET);
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    let obj = 0;
    while (sandbox.catalogue.cacheable(obj)) obj++;
    for (let i = 0; i < 3; i++) client.request(obj);
    world.engine.runUntil(SECOND);
    client.request(obj);
    world.engine.runUntil(2 * SECOND);
    expect(sandbox.sandboxStats()).toMatchObject({
      responses: 4,
      hits: 0,
      uncacheable: 4,
      coalesced: 0,
      originFetches: 4,
    });
  });

  it('answers its waiting clients with an error when the origin refuses the fetch', () => {
    // An edge that processes requests almost instantly, so the fetches reach the origin together.
    const fast = { edgeCapacityRequestsPerSecond: 1e9 };
    const { world, sandbox } = classroom({
      ...QUIET,
      ...fast,
      originWorkers: 1,
      originQueueLength: 0,
    });
    const client = sandbox.client(nodesOfKind(world, 'client')[0])!;
    // Distinct cacheable objects, all sent at once: one is served, the others find no room.
    let obj = -1;
    for (let i = 0; i < 4; i++) client.request((obj = firstCacheable(sandbox, obj + 1)));
    world.engine.runUntil(2 * SECOND);
    const s = sandbox.sandboxStats();
    expect(s).toMatchObject({ requests: 4, responses: 1, originRejected: 3, outstanding: 0 });
    expect(s.failures.originRejected).toBe(3);
  });
});
