/**
 * Parent caches (tiered distribution): which data centres act as parents, and in what order an
 * edge data centre tries them. Akamai's tiered distribution sends an edge server's cache misses
 * to a smaller set of parent servers, placed close to the origin, and only the parents' misses
 * go to the origin (Nygren, Sitaraman and Sun 2010; Akamai's "Tiered Distribution" behaviour,
 * whose parent maps are per area: Europe, Asia-Pacific, parts of the United States). Cloudflare's
 * Tiered Cache works the same way ("only upper tiers can ask your origin"), and its Smart Tiered
 * Cache keeps a fallback upper tier in another place for when the first is unavailable.
 *
 * The model's rule, one parent per region:
 * - the parent data centre of a region is the region's data centre with the shortest round trip
 *   to an origin (the route service's RTT; ties to the lower id), since parents sit near the
 *   origin on the path from the origin to the edge;
 * - within a parent data centre the object's server is chosen by consistent hashing over its
 *   servers, as for a client, so each parent server holds its own share of the objects;
 * - an edge data centre tries its own region's parent first, then the other regions' parents
 *   nearest first (the fall-back upper tiers); with no parent server up it fetches from the
 *   origin itself.
 * The choice is made once, from the network as it is when first asked: a real CDN's parent
 * maps are configuration, not something re-measured on each request.
 */
import type { RouteService } from '../../net/RouteService';
import type { Topology } from '../../topology/types';

/** size of a small packet, for the round-trip estimates */
const PROBE_BYTES = 100;

export class ParentTier {
  private parents: number[] | null = null;
  private readonly orders = new Map<number, Int32Array>();

  constructor(
    private readonly topology: Topology,
    private readonly routes: RouteService,
    private readonly origins: readonly number[],
  ) {}

  /** The parent data centre of each region that has data centres, in region order. */
  parentDataCentres(): readonly number[] {
    if (this.parents === null) this.parents = this.chooseParents();
    return this.parents;
  }

  /** The parent data centres an edge data centre tries, in order: its own region's first. */
  parentsFor(dc: number): Int32Array {
    let order = this.orders.get(dc);
    if (order === undefined) {
      const own = this.regionOf(dc);
      const here = this.anchor(dc);
      const rtt = (p: number) => this.routes.rttNs(here, this.anchor(p), PROBE_BYTES);
      order = Int32Array.from(
        [...this.parentDataCentres()].sort(
          (a, b) =>
            Number(this.regionOf(b) === own) - Number(this.regionOf(a) === own) ||
            rtt(a) - rtt(b) ||
            a - b,
        ),
      );
      this.orders.set(dc, order);
    }
    return order;
  }

  private chooseParents(): number[] {
    const { topology } = this;
    const best = new Map<string, { dc: number; rttNs: number }>();
    for (const dc of topology.dataCentres) {
      if (dc.servers.length === 0) continue;
      const rttNs = Math.min(
        ...this.origins.map((o) => this.routes.rttNs(dc.servers[0], o, PROBE_BYTES)),
      );
      const region = this.regionOf(dc.id);
      const held = best.get(region);
      if (held === undefined || rttNs < held.rttNs) best.set(region, { dc: dc.id, rttNs });
    }
    return topology.regions.flatMap((r) => {
      const b = best.get(r.id);
      return b === undefined ? [] : [b.dc];
    });
  }

  private regionOf(dc: number): string {
    const { topology } = this;
    return topology.cities[topology.dataCentres[dc].city].region;
  }

  /** The node a data centre's round trips are measured from: its first server. */
  private anchor(dc: number): number {
    return this.topology.dataCentres[dc].servers[0];
  }
}
