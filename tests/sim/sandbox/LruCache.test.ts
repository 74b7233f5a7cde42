import { describe, expect, it } from 'vitest';
import { LruCache } from '@sim/models/delivery/LruCache';
import { RandomStream } from '@sim/random/RandomStream';

const NEVER = Number.MAX_SAFE_INTEGER;

describe('the LRU cache', () => {
  it('evicts the least recently used entry first, where a hit counts as a use', () => {
    const cache = new LruCache(300);
    cache.insert(1, 100, NEVER);
    cache.insert(2, 100, NEVER);
    cache.insert(3, 100, NEVER);
    expect(cache.lookup(1, 0)).toBe('hit'); // 2 is now the least recently used
    cache.insert(4, 100, NEVER);
    expect(cache.keys()).toEqual([3, 1, 4]);
    expect(cache.lookup(2, 0)).toBe('miss');
    expect(cache.evictions).toBe(1);
  });

  it('evicts as many entries as a large object needs, and never stores one bigger than itself', () => {
    const cache = new LruCache(300);
    for (const k of [1, 2, 3]) cache.insert(k, 100, NEVER);
    cache.insert(9, 250, NEVER);
    expect(cache.keys()).toEqual([9]);
    expect(cache.insert(10, 301, NEVER)).toBe(false);
    expect(cache.keys()).toEqual([9]);
    expect(cache.usedBytes).toBe(250);
  });

  it('never holds more bytes than its capacity under random use, and counts its bytes exactly', () => {
    const rng = new RandomStream(5, 'test/lru');
    const cache = new LruCache(1_000_000);
    const sizes = new Map<number, number>();
    let maxUsed = 0;
    for (let i = 0; i < 20_000; i++) {
      const key = rng.int(0, 500);
      if (cache.lookup(key, i) === 'miss') {
        const size = rng.int(1, 60_000);
        if (cache.insert(key, size, i + rng.int(1, 5_000))) sizes.set(key, size);
      }
      maxUsed = Math.max(maxUsed, cache.usedBytes);
    }
    expect(maxUsed).toBeLessThanOrEqual(cache.capacityBytes);
    expect(maxUsed).toBeGreaterThan(0.9 * cache.capacityBytes);
    expect(cache.evictions).toBeGreaterThan(0);
    const held = cache.keys().reduce((sum, k) => sum + sizes.get(k)!, 0);
    expect(cache.usedBytes).toBe(held);
  });

  it('reports an entry as expired once its expiry time is reached, and keeps the stale copy to revalidate', () => {
    const cache = new LruCache(1000);
    cache.insert(7, 10, 500, 3);
    expect(cache.lookup(7, 499)).toBe('hit');
    expect(cache.lookup(7, 500)).toBe('expired');
    expect(cache.has(7)).toBe(true);
    expect(cache.version(7)).toBe(3);
    expect(cache.usedBytes).toBe(10);
    cache.refresh(7, 900);
    expect(cache.lookup(7, 899)).toBe('hit');
    expect(cache.lookup(7, 900)).toBe('expired');
  });

  it('purges one entry or all of them, freeing their bytes', () => {
    const cache = new LruCache(1000);
    cache.insert(1, 100, 500);
    cache.insert(2, 200, 500);
    expect(cache.remove(1)).toBe(true);
    expect(cache.remove(1)).toBe(false);
    expect(cache.usedBytes).toBe(200);
    expect(cache.version(1)).toBe(-1);
    cache.clear();
    expect(cache.count).toBe(0);
    expect(cache.usedBytes).toBe(0);
  });
});
