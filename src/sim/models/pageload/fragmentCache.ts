/**
 * Edge Side Includes: the edge keeps each fragment of a page for its lifetime and asks the origin
 * only for the fragments it does not hold fresh (Dilley et al. 2002, "Globally distributed content
 * delivery"). A fragment fetched at time t is fresh while now < t + ttl; a ttl of 0 (personal)
 * is never kept. The copy counts from the moment the edge asks for it: a fetch lasts well under
 * a second, the lifetimes here are a minute or more.
 */
import type { Page } from './pages';

export type Fragment = NonNullable<Page['html']['fragments']>[number];

export class FragmentCache {
  /** fragment name → the time (s) its copy stops being fresh */
  private readonly freshUntilS = new Map<string, number>();

  /** The fragments the edge must fetch for a page assembled at `nowS`; records them as fetched. */
  due(fragments: readonly Fragment[], nowS: number): Fragment[] {
    const out: Fragment[] = [];
    for (const f of fragments) {
      const until = this.freshUntilS.get(f.name);
      if (until !== undefined && nowS < until) continue;
      out.push(f);
      if (f.ttlSeconds > 0) this.freshUntilS.set(f.name, nowS + f.ttlSeconds);
    }
    return out;
  }
}

/** What the edge needs to assemble pages: the fragment copies it keeps and the time of this load. */
export interface EsiState {
  cache: FragmentCache;
  /** the load's start, s, on the clock the fragments' lifetimes run on */
  nowS: number;
}
