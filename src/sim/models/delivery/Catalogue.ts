/**
 * The content catalogue: N objects, popularity Zipf(s) by rank (object id = rank − 1). Each
 * object's size and cacheability are keyed hash draws on its id, so every shard derives the same
 * properties with no shared state and no table. Every object has the same TTL (the origin's
 * Cache-Control max-age) except versioned ones, whose name changes with every new version and
 * which may therefore be cached for ever; sizes are log-normal around a median when a sigma is
 * given.
 */
import { ZipfSampler } from '../../random/ZipfSampler';
import type { RandomStream } from '../../random/RandomStream';
import { hashString, keyedUniform } from '../../util/hash';

const SIZE_KEY = hashString('sandbox/object-size');
const CACHEABLE_KEY = hashString('sandbox/object-cacheable');
const VERSIONED_KEY = hashString('sandbox/object-versioned');

export interface CatalogueSpec {
  objects: number;
  zipfExponent: number;
  /** median size; the mean is larger by exp(sigma² / 2) when sigma > 0 */
  medianSizeBytes: number;
  sizeSigma: number;
  uncacheableFraction: number;
  /** fraction of cacheable objects with versioned names (infinite TTL) */
  versionedFraction: number;
  ttlNs: number;
}

export class Catalogue {
  private readonly zipf: ZipfSampler;

  constructor(readonly spec: CatalogueSpec) {
    this.zipf = new ZipfSampler(spec.objects, spec.zipfExponent);
  }

  get size(): number {
    return this.spec.objects;
  }

  /** An object id in [0, N), drawn by popularity. */
  pick(rng: RandomStream): number {
    return this.zipf.sample(rng) - 1;
  }

  /** Whole bytes, at least 1. */
  sizeBytes(obj: number): number {
    const { medianSizeBytes, sizeSigma } = this.spec;
    if (sizeSigma === 0) return medianSizeBytes;
    // Box–Muller on two keyed uniforms: a standard normal that belongs to this object alone.
    const u1 = 1 - keyedUniform(SIZE_KEY, obj, 1, 0);
    const u2 = keyedUniform(SIZE_KEY, obj, 2, 0);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(1, Math.round(medianSizeBytes * Math.exp(sizeSigma * z)));
  }

  cacheable(obj: number): boolean {
    return keyedUniform(CACHEABLE_KEY, obj, 0, 0) >= this.spec.uncacheableFraction;
  }

  /** How long a fetched copy stays fresh: Infinity for a versioned object. */
  ttlNs(obj: number): number {
    return this.versioned(obj) ? Infinity : this.spec.ttlNs;
  }

  versioned(obj: number): boolean {
    return keyedUniform(VERSIONED_KEY, obj, 0, 0) < this.spec.versionedFraction;
  }
}
