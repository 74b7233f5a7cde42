/**
 * Consistent hashing (Karger et al. 1997) of object ids over a data centre's servers: each server
 * owns `pointsPerServer` pseudo-random points on a 32-bit ring and a key belongs to the first
 * point clockwise from its hash. Adding a server moves only the keys it takes over (about
 * 1/(n+1) of them); a down server's keys go to the next live point, so no other key moves.
 */
import { assert } from '../../util/assert';
import { fmix32, mix32 } from '../../util/hash';

/** virtual points per server on each data centre's ring, unless a model says otherwise */
export const DEFAULT_RING_POINTS = 128;

const POINT_SALT = 0x6a09e667;
const KEY_SALT = 0xbb67ae85;

/** Where a key sits on every ring: a pure function of the key. */
export function ringKeyHash(key: number): number {
  return fmix32(mix32(KEY_SALT, key));
}

export class ConsistentHashRing {
  /** point hashes, ascending */
  private readonly points: Uint32Array;
  /** the server (node id) owning each point */
  private readonly owners: Int32Array;

  constructor(
    readonly servers: readonly number[],
    pointsPerServer = 128,
  ) {
    assert(servers.length > 0, 'a hash ring needs at least one server');
    assert(
      Number.isInteger(pointsPerServer) && pointsPerServer >= 1,
      `points per server must be a whole number ≥ 1, got ${pointsPerServer}`,
    );
    // Sorted by id, and the sort below is stable, so ties on a point hash go to the lower id
    // whatever order the servers were listed in.
    const ids = Int32Array.from(servers).sort();
    const n = ids.length * pointsPerServer;
    const hashes = new Uint32Array(n);
    const owners = new Int32Array(n);
    let i = 0;
    for (let s = 0; s < ids.length; s++)
      for (let r = 0; r < pointsPerServer; r++) {
        hashes[i] = fmix32(mix32(mix32(POINT_SALT, ids[s]), r));
        owners[i++] = ids[s];
      }
    [this.points, this.owners] = radixSort(hashes, owners);
  }

  /** The server owning a key, ignoring health. */
  owner(key: number): number {
    return this.owners[this.firstPointAtOrAfter(ringKeyHash(key))];
  }

  /** The first server clockwise from the key that `isUp` accepts, or −1 if none is. */
  ownerUp(key: number, isUp: (server: number) => boolean): number {
    const n = this.points.length;
    const start = this.firstPointAtOrAfter(ringKeyHash(key));
    let last = -1;
    for (let k = 0; k < n; k++) {
      const s = this.owners[(start + k) % n];
      if (s === last) continue;
      if (isUp(s)) return s;
      last = s;
    }
    return -1;
  }

  /**
   * The first `count` distinct servers clockwise from the key that `isUp` accepts, written to
   * `out` (cleared first): the key's owner and the servers its content spreads to when the owner
   * is too loaded. Fewer if fewer are up.
   */
  ownersUp(key: number, count: number, isUp: (server: number) => boolean, out: number[]): number[] {
    out.length = 0;
    const n = this.points.length;
    const start = this.firstPointAtOrAfter(ringKeyHash(key));
    for (let k = 0; k < n && out.length < count; k++) {
      const s = this.owners[(start + k) % n];
      if (!out.includes(s) && isUp(s)) out.push(s);
    }
    return out;
  }

  /** Index of the first point with hash ≥ h, wrapping to 0 past the end. */
  private firstPointAtOrAfter(h: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.points[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    return lo === this.points.length ? 0 : lo;
  }
}

/**
 * Sorts 32-bit keys ascending, carrying values along: a stable LSD radix sort, four passes of
 * 8 bits. Several times faster than a comparison sort here (a 2009-scale run builds thousands
 * of rings of ~2,000 points).
 */
function radixSort(
  keys: Uint32Array<ArrayBuffer>,
  values: Int32Array<ArrayBuffer>,
): [Uint32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] {
  let k = keys;
  let v = values;
  let k2 = new Uint32Array(k.length);
  let v2 = new Int32Array(v.length);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < k.length; i++) counts[(k[i] >>> shift) & 255]++;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < k.length; i++) {
      const at = counts[(k[i] >>> shift) & 255]++;
      k2[at] = k[i];
      v2[at] = v[i];
    }
    const tk = k;
    k = k2;
    k2 = tk;
    const tv = v;
    v = v2;
    v2 = tv;
  }
  return [k, v];
}
