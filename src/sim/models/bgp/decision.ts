/**
 * Route choice and export rules. The decision process is RFC 4271 §9.1.2.2 cut to what an
 * AS-level model distinguishes (one router per AS, no MEDs, every route learned over eBGP with
 * ORIGIN IGP): highest LOCAL_PREF, then the shortest AS_PATH, then (RFC 5004) the route already
 * chosen if it is among the equally good ones, then the lowest BGP identifier of the neighbour,
 * which here is the neighbour's ASN. Export follows Gao and Rexford (2001): routes from
 * customers (and one's own) go to everyone, routes from peers and providers only to customers,
 * so that no path goes down-up or crosses two peerings ("valley-free").
 */
import { LOCAL_PREF, type BgpPolicy } from './bgpConfig';

/** What the neighbour is to me. */
export type Relationship = 'customer' | 'peer' | 'provider';

/** A candidate route: learned from the neighbour with this ASN and relationship, with this AS_PATH. */
export interface Candidate {
  neighbourAsn: number;
  rel: Relationship;
  /** AS_PATH as received: the neighbour's ASN first, the origin last */
  path: readonly number[];
}

export function localPref(rel: Relationship, policy: BgpPolicy): number {
  return policy === 'gao-rexford' ? LOCAL_PREF[rel] : LOCAL_PREF.peer;
}

/**
 * The index of the best candidate, or -1 when there is none. `currentNeighbour` is the ASN the
 * current best route came from (RFC 5004: keep it among equally good external routes).
 */
export function chooseBest(
  candidates: readonly Candidate[],
  policy: BgpPolicy,
  currentNeighbour: number,
): number {
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    if (best < 0 || better(candidates[i], candidates[best], policy, currentNeighbour)) best = i;
  }
  return best;
}

function better(x: Candidate, y: Candidate, policy: BgpPolicy, current: number): boolean {
  const lx = localPref(x.rel, policy);
  const ly = localPref(y.rel, policy);
  if (lx !== ly) return lx > ly;
  if (x.path.length !== y.path.length) return x.path.length < y.path.length;
  if (x.neighbourAsn === current) return true;
  if (y.neighbourAsn === current) return false;
  return x.neighbourAsn < y.neighbourAsn;
}

/**
 * Whether a route may be announced to a neighbour of relationship `to`. `from` is where the route
 * was learned, or 'self' for the speaker's own prefixes.
 */
export function mayExport(
  from: Relationship | 'self',
  to: Relationship,
  policy: BgpPolicy,
): boolean {
  if (policy === 'shortest-path') return true;
  return from === 'self' || from === 'customer' || to === 'customer';
}
