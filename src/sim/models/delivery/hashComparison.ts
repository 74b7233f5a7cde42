/**
 * How much content moves when servers are added: consistent hashing (ConsistentHashRing) against
 * naive modulo hashing (key hash mod server count), for the `hash` experiment and the flash crowd
 * lab. Adding k servers to n should move about k/(n + k) of the objects on the ring, none of them
 * between servers that were already there; modulo hashing moves all but gcd(n, k)/(n + k) (an
 * object stays only if h mod n = h mod (n + k), one residue class in lcm(n, n + k)/n), most of
 * them from one old server to another.
 */
import { RandomStream } from '../../random/RandomStream';
import { assert } from '../../util/assert';
import { ConsistentHashRing, ringKeyHash } from '../mapping/ConsistentHashRing';

export interface HashComparisonParams {
  /** n, servers before */
  servers: number;
  /** m, objects (ids 0 … m − 1) */
  objects: number;
  /** k, servers added */
  add: number;
  /** points per server on the ring */
  vnodes: number;
}

export interface HashComparison {
  /** share of objects whose server changed */
  movedShare: number;
  /** objects moved from one old server to another (0 for a correct ring) */
  movedBetweenSurvivors: number;
  /** the most objects on one server over the mean, after adding */
  maxOverMean: number;
  modulo: { movedShare: number; movedBetweenSurvivors: number; maxOverMean: number };
}

/** One placement before and after the servers are added. */
interface Placement {
  before: (key: number) => number;
  after: (key: number) => number;
}

/**
 * Server ids come from the seed, as node ids would (the ring's points depend on them); the
 * first n are the servers present before.
 */
function serverIds(count: number, seed: number): number[] {
  const rng = new RandomStream(seed, 'hash/servers');
  const ids = new Set<number>();
  while (ids.size < count) ids.add(rng.int(0, 0x7fffffff));
  return [...ids];
}

function measure(
  p: Placement,
  ids: readonly number[],
  params: HashComparisonParams,
): HashComparison['modulo'] {
  const old = new Set(ids.slice(0, params.servers));
  const load = new Map<number, number>();
  let moved = 0;
  let betweenSurvivors = 0;
  for (let key = 0; key < params.objects; key++) {
    const a = p.before(key);
    const b = p.after(key);
    load.set(b, (load.get(b) ?? 0) + 1);
    if (a === b) continue;
    moved++;
    if (old.has(b)) betweenSurvivors++;
  }
  let max = 0;
  for (const objects of load.values()) max = Math.max(max, objects);
  return {
    movedShare: moved / params.objects,
    movedBetweenSurvivors: betweenSurvivors,
    maxOverMean: max / (params.objects / ids.length),
  };
}

export function compareHashing(params: HashComparisonParams, seed: number): HashComparison {
  const { servers: n, add: k, objects: m, vnodes } = params;
  assert(Number.isInteger(n) && n >= 1, `servers must be a whole number ≥ 1, got ${n}`);
  assert(Number.isInteger(k) && k >= 0, `servers added must be a whole number ≥ 0, got ${k}`);
  assert(Number.isInteger(m) && m >= 1, `objects must be a whole number ≥ 1, got ${m}`);
  const ids = serverIds(n + k, seed);
  const ringBefore = new ConsistentHashRing(ids.slice(0, n), vnodes);
  const ringAfter = new ConsistentHashRing(ids, vnodes);
  const ring = measure(
    { before: (key) => ringBefore.owner(key), after: (key) => ringAfter.owner(key) },
    ids,
    params,
  );
  // The same well-mixed key hash as the ring, so the two differ only in the placement rule.
  const modulo = measure(
    { before: (key) => ids[ringKeyHash(key) % n], after: (key) => ids[ringKeyHash(key) % (n + k)] },
    ids,
    params,
  );
  return { ...ring, modulo };
}
