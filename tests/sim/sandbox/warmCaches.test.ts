import { describe, expect, it } from 'vitest';
import { Catalogue } from '@sim/models/delivery/Catalogue';
import { LruCache } from '@sim/models/delivery/LruCache';
import { WarmCaches } from '@sim/models/delivery/warmCaches';
import { runSandbox } from '@sim/models/delivery';
import { SECOND } from '@sim/time';
import { classroom, nodesOfKind } from './helpers';

const TTL = 300 * SECOND;
const catalogue = (spec: Partial<ConstructorParameters<typeof Catalogue>[0]> = {}) =>
  new Catalogue({
    objects: 10_000,
    zipfExponent: 0.8,
    medianSizeBytes: 50_000,
    sizeSigma: 0,
    uncacheableFraction: 0.05,
    versionedFraction: 0,
    ttlNs: TTL,
    ...spec,
  });

function filled(warm: WarmCaches, server: number, capacity = 1_000_000): LruCache {
  const cache = new LruCache(capacity);
  warm.fill(cache, server);
  return cache;
}

describe('warm edge caches', () => {
  it('start with the most popular cacheable objects that fit, the most popular used last', () => {
    const cat = catalogue({ sizeSigma: 1 });
    const cache = filled(new WarmCaches(cat, 1_000_000), 7);
    const keys = cache.keys();
    const byRank = [...keys].sort((a, b) => a - b);
    expect(keys).toEqual([...byRank].reverse());
    expect(keys.every((k) => cat.cacheable(k))).toBe(true);
    // No cacheable object more popular than the least popular held is left out…
    const last = byRank[byRank.length - 1];
    for (let obj = 0; obj < last; obj++) expect(cache.has(obj) || !cat.cacheable(obj)).toBe(true);
    // …and the next cacheable one did not fit.
    let next = last + 1;
    while (!cat.cacheable(next)) next++;
    expect(cache.usedBytes + cat.sizeBytes(next)).toBeGreaterThan(1_000_000);
    expect(cache.usedBytes).toBeLessThanOrEqual(1_000_000);
    expect(cache.evictions).toBe(0);
  });

  it('hold copies of staggered ages, different on each server, expiring within one TTL', () => {
    const warm = new WarmCaches(catalogue(), 1_000_000);
    const [a, b] = [filled(warm, 1), filled(warm, 2)];
    const state = (cache: LruCache, t: number) => cache.keys().map((k) => cache.lookup(k, t));
    const half = state(a, TTL / 2);
    const fresh = half.filter((s) => s === 'hit').length;
    expect(fresh).toBeGreaterThan(half.length / 4);
    expect(fresh).toBeLessThan((3 * half.length) / 4);
    expect(state(b, TTL / 2)).not.toEqual(half);
    expect(state(a, TTL).every((s) => s === 'expired')).toBe(true);
  });

  it('keep versioned objects fresh for ever', () => {
    const cache = filled(new WarmCaches(catalogue({ versionedFraction: 1 }), 1_000_000), 3);
    expect(cache.count).toBeGreaterThan(10);
    expect(cache.keys().every((k) => cache.lookup(k, 100 * TTL) === 'hit')).toBe(true);
  });

  it('answer the first request for a popular object from the cache, where a cold cache asks the origin', () => {
    const first = (warmCaches: boolean) => {
      const { world, sandbox } = classroom({ loadFactor: 0, warmCaches });
      let obj = 0;
      while (!sandbox.catalogue.cacheable(obj)) obj++;
      sandbox.client(nodesOfKind(world, 'client')[0])!.request(obj);
      world.engine.runUntil(SECOND);
      return sandbox.sandboxStats();
    };
    expect(first(false)).toMatchObject({ requests: 1, hits: 0, originFetches: 1 });
    expect(first(true)).toMatchObject({ requests: 1, hits: 1, originFetches: 0 });
  });

  it('show in the inspector before the first request, and leave out what was purged', () => {
    const { world, sandbox } = classroom({ loadFactor: 0, warmCaches: true });
    const [edge, other] = nodesOfKind(world, 'edge');
    const before = sandbox.edgeCacheSummary(edge, 3);
    expect(before.objects).toBe(200); // 10 MB of 50 kB objects
    expect(before.top.map((o) => o.key)).toEqual(
      [0, 1, 2, 3, 4].filter((k) => sandbox.catalogue.cacheable(k)).slice(0, 3),
    );
    sandbox.purge(before.top[0].key);
    expect(sandbox.edgeCacheSummary(edge, 3).top[0].key).not.toBe(before.top[0].key);
    sandbox.purge();
    expect(sandbox.edgeCacheSummary(other, 3).objects).toBe(0);
  });

  it('raise the hit ratio of a short run and leave a cold run as it was', () => {
    const run = (config: object) => runSandbox({ scale: 'classroom', seconds: 3, config }, 5);
    const cold = run({});
    expect(run({ warmCaches: false }).digest).toBe(cold.digest);
    const warm = run({ warmCaches: true });
    expect(warm.stats.hitRatio).toBeGreaterThan(cold.stats.hitRatio + 0.05);
    expect(warm.stats.originFetches).toBeLessThan(cold.stats.originFetches);
  });
});
