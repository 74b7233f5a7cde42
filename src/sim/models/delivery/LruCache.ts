/**
 * An edge server's cache: least-recently-used eviction under a byte capacity, with a per-entry
 * expiry time. A JS Map keeps insertion order, so re-inserting on each hit makes its first key the
 * least recently used. An expired entry stays (stale) until it is refreshed, replaced, evicted or
 * purged: a real cache keeps it so it can revalidate it with the origin (If-Modified-Since) and
 * get a small "304 Not Modified" instead of the whole object again. Each entry remembers the
 * object version it holds, which is what revalidation compares.
 */
import { assert } from '../../util/assert';

export type Lookup = 'hit' | 'expired' | 'miss';

interface Entry {
  sizeBytes: number;
  expiresAtNs: number;
  version: number;
  /** hits since it was stored */
  hits: number;
}

/** One cached object, as an inspector shows it. */
export interface CachedObject {
  key: number;
  sizeBytes: number;
  hits: number;
}

export class LruCache {
  private readonly entries = new Map<number, Entry>();
  private used = 0;
  /** entries evicted to make room (not counting expiries) */
  evictions = 0;

  constructor(readonly capacityBytes: number) {
    assert(capacityBytes >= 0, `cache capacity must be ≥ 0 bytes, got ${capacityBytes}`);
  }

  get usedBytes(): number {
    return this.used;
  }

  get count(): number {
    return this.entries.size;
  }

  /**
   * Looks a key up at time nowNs; the entry (fresh or stale) becomes the most recently used.
   * 'expired' means a stale copy is still held: see `version` and `refresh`.
   */
  lookup(key: number, nowNs: number): Lookup {
    const e = this.entries.get(key);
    if (e === undefined) return 'miss';
    this.entries.delete(key);
    this.entries.set(key, e);
    if (nowNs >= e.expiresAtNs) return 'expired';
    e.hits++;
    return 'hit';
  }

  /** The version of the object held under key, or −1 if none is. */
  version(key: number): number {
    return this.entries.get(key)?.version ?? -1;
  }

  /** When the copy held under key stops being fresh (ns), or undefined if none is held. */
  expiresAtNs(key: number): number | undefined {
    return this.entries.get(key)?.expiresAtNs;
  }

  /** The origin confirmed a stale copy is current: fresh again until expiresAtNs. */
  refresh(key: number, expiresAtNs: number): void {
    const e = this.entries.get(key);
    if (e !== undefined) e.expiresAtNs = expiresAtNs;
  }

  /** Drops an entry (a purge); true if there was one. */
  remove(key: number): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    this.entries.delete(key);
    this.used -= e.sizeBytes;
    return true;
  }

  /** Drops every entry (a purge of everything). */
  clear(): void {
    this.entries.clear();
    this.used = 0;
  }

  has(key: number): boolean {
    return this.entries.has(key);
  }

  /**
   * Stores (or replaces) an entry as the most recently used, evicting least recently used ones
   * until it fits. An object larger than the whole cache is not stored.
   */
  insert(key: number, sizeBytes: number, expiresAtNs: number, version = 0): boolean {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.used -= old.sizeBytes;
    }
    if (sizeBytes > this.capacityBytes) return false;
    while (this.used + sizeBytes > this.capacityBytes) {
      const [lruKey, lru] = this.entries.entries().next().value as [number, Entry];
      this.entries.delete(lruKey);
      this.used -= lru.sizeBytes;
      this.evictions++;
    }
    this.entries.set(key, { sizeBytes, expiresAtNs, version, hits: 0 });
    this.used += sizeBytes;
    assert(this.used <= this.capacityBytes, 'cache holds more bytes than its capacity');
    return true;
  }

  /** The `n` entries with the most hits since stored (ties: smaller key first). */
  mostHit(n: number): CachedObject[] {
    const all: CachedObject[] = [];
    for (const [key, e] of this.entries) all.push({ key, sizeBytes: e.sizeBytes, hits: e.hits });
    all.sort((a, b) => b.hits - a.hits || a.key - b.key);
    return all.slice(0, n);
  }

  /** Keys from least to most recently used (for tests and inspectors). */
  keys(): number[] {
    return [...this.entries.keys()];
  }
}
