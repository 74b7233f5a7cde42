/**
 * The AS-level Internet BGP runs on: autonomous systems (one BGP speaker each, at a city when the
 * topology says where) and the links between them, each either a peering or a customer-provider
 * relationship (Gao 2001). Built from the headless runner's JSON format, `clique:N`, `ring:N`, or
 * derived from the topology generator's networks (generatedAsTopology.ts).
 */
import { findCity } from '../../topology/cities';
import { parsePrefix, PrefixError, type Prefix } from './prefix';

export interface AsSpec {
  asn: number;
  /** city id from the catalogue, for link latencies from geography */
  city?: string;
  prefixes: Prefix[];
}

/** A link: `peer` between equals, or `transit` with `a` the customer and `b` the provider. */
export interface AsLinkSpec {
  a: number;
  b: number;
  rel: 'peer' | 'transit';
}

export interface AsTopology {
  ases: AsSpec[];
  links: AsLinkSpec[];
}

/** Topology input that cannot be used; the message names what is wrong. */
export class TopologyError extends Error {
  override name = 'TopologyError';
}

const isAsn = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 4294967295;

/** Reads `{ ases: [{ asn, city?, prefixes }], links: [{ a, b, rel: 'peer' } | { customer, provider }] }`. */
export function parseAsTopology(json: unknown): AsTopology {
  const root = json as { ases?: unknown; links?: unknown };
  if (
    typeof root !== 'object' ||
    root === null ||
    !Array.isArray(root.ases) ||
    !Array.isArray(root.links)
  )
    throw new TopologyError('a topology needs "ases" and "links" arrays');
  const ases = root.ases.map((raw: unknown, i): AsSpec => {
    const a = raw as { asn?: unknown; city?: unknown; prefixes?: unknown };
    if (!isAsn(a.asn))
      throw new TopologyError(`ases[${i}]: "asn" must be a whole number from 1 to 4294967295`);
    if (a.city !== undefined && (typeof a.city !== 'string' || !findCity(a.city)))
      throw new TopologyError(`AS${a.asn}: unknown city '${String(a.city)}'`);
    const prefixes = a.prefixes ?? [];
    if (!Array.isArray(prefixes))
      throw new TopologyError(`AS${a.asn}: "prefixes" must be an array`);
    return {
      asn: a.asn,
      city: a.city as string | undefined,
      prefixes: prefixes.map((p: unknown) => {
        try {
          return parsePrefix(String(p));
        } catch (err) {
          throw new TopologyError(`AS${a.asn}: ${(err as PrefixError).message}`);
        }
      }),
    };
  });
  const links = root.links.map((raw: unknown, i): AsLinkSpec => {
    const l = raw as {
      a?: unknown;
      b?: unknown;
      rel?: unknown;
      customer?: unknown;
      provider?: unknown;
    };
    if (l.rel === 'peer' && isAsn(l.a) && isAsn(l.b)) return { a: l.a, b: l.b, rel: 'peer' };
    if (isAsn(l.customer) && isAsn(l.provider))
      return { a: l.customer, b: l.provider, rel: 'transit' };
    throw new TopologyError(
      `links[${i}]: expected { "a", "b", "rel": "peer" } or { "customer", "provider" }`,
    );
  });
  return checkTopology({ ases, links });
}

/** Refuses duplicate ASes, links to unknown ASes, self-links and duplicate links. */
export function checkTopology(t: AsTopology): AsTopology {
  const known = new Set<number>();
  for (const a of t.ases) {
    if (known.has(a.asn)) throw new TopologyError(`AS${a.asn} is listed twice`);
    known.add(a.asn);
  }
  const seen = new Set<string>();
  for (const l of t.links) {
    for (const x of [l.a, l.b])
      if (!known.has(x)) throw new TopologyError(`a link names AS${x}, which is not in "ases"`);
    if (l.a === l.b) throw new TopologyError(`AS${l.a} cannot link to itself`);
    const key = linkKey(l.a, l.b);
    if (seen.has(key)) throw new TopologyError(`two links join AS${l.a} and AS${l.b}`);
    seen.add(key);
  }
  return t;
}

export const linkKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

/** AS k (1-based) originates 10.k.0.0/16 in the synthetic topologies (k up to 255). */
function syntheticAs(k: number): AsSpec {
  return { asn: k, prefixes: [{ address: ((10 << 24) | (k << 16)) >>> 0, length: 16 }] };
}

/** n ASes, each linked to every other as peers (Labovitz et al. 2000's complete graph). */
export function cliqueTopology(n: number): AsTopology {
  const ases = Array.from({ length: n }, (_, i) => syntheticAs(i + 1));
  const links: AsLinkSpec[] = [];
  for (let a = 1; a <= n; a++) for (let b = a + 1; b <= n; b++) links.push({ a, b, rel: 'peer' });
  return { ases, links };
}

/** n ASes in a ring of peerings. */
export function ringTopology(n: number): AsTopology {
  const ases = Array.from({ length: n }, (_, i) => syntheticAs(i + 1));
  const links: AsLinkSpec[] = ases.map((_, i) => ({ a: i + 1, b: ((i + 1) % n) + 1, rel: 'peer' }));
  return { ases, links: n === 2 ? links.slice(0, 1) : links };
}
