/**
 * Warm caches: each edge server's cache starts filled, as after a long day of traffic, instead
 * of empty. At the 2002 and 2009 scales a few hundred requests per second are spread over tens
 * of thousands of servers, so a cold cache sees its second request for an object minutes later:
 * a minute of a cold run shows a hit ratio of a few per cent and teaches that CDNs barely cache,
 * which is an artefact of starting empty.
 *
 * A cache fed long enough by requests that follow the catalogue's popularity holds (nearly) the
 * most popular cacheable objects that fit, so that is what it starts with: in popularity order
 * (object id = rank − 1), skipping uncacheable ones, until the next one does not fit; the most
 * popular is the most recently used. Each copy's age is as if it had been fetched at a uniform
 * time within the TTL before the run began (a keyed draw on server and object), so the copies
 * do not all expire at once. Nothing here reads the clock or a random stream, so a cache's
 * contents do not depend on when its server is first touched, or by which shard.
 *
 * A purge from the content provider applies to caches filled later too: a purged object is no
 * longer filled in, and after a purge of everything new caches start empty.
 */
import { hashString, keyedUniform } from '../../util/hash';
import type { Catalogue } from './Catalogue';
import type { LruCache } from './LruCache';

const EXPIRY_KEY = hashString('sandbox/warm-expiry');

export class WarmCaches {
  /** the objects a warm cache starts with, most popular first; built on first use */
  private contents: number[] | null = null;
  private readonly purged = new Set<number>();
  private purgedAll = false;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly capacityBytes: number,
  ) {}

  /** The content provider purged an object (or, without one, everything). */
  purge(obj?: number): void {
    if (obj === undefined) this.purgedAll = true;
    else this.purged.add(obj);
    this.contents = null;
  }

  /** Fills the new, empty cache of edge server `server` with the warm contents. */
  fill(cache: LruCache, server: number): void {
    const objects = (this.contents ??= this.choose());
    const ttlNs = this.catalogue.spec.ttlNs;
    // Least popular first, so that the most popular ends as the most recently used.
    for (let i = objects.length - 1; i >= 0; i--) {
      const obj = objects[i];
      const expiresAtNs = this.catalogue.versioned(obj)
        ? Infinity
        : Math.floor(keyedUniform(EXPIRY_KEY, server, obj, 0) * ttlNs);
      cache.insert(obj, this.catalogue.sizeBytes(obj), expiresAtNs);
    }
  }

  /** The most popular cacheable, unpurged objects that fit together, most popular first. */
  private choose(): number[] {
    const chosen: number[] = [];
    if (this.purgedAll) return chosen;
    let free = this.capacityBytes;
    for (let obj = 0; obj < this.catalogue.size; obj++) {
      if (!this.catalogue.cacheable(obj) || this.purged.has(obj)) continue;
      const size = this.catalogue.sizeBytes(obj);
      if (size > free) break;
      chosen.push(obj);
      free -= size;
    }
    return chosen;
  }
}
