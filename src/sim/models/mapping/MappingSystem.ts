/**
 * The CDN's one mapping system (Dilley et al. 2002, "Mapping" and "Network Monitoring"): it
 * directs a request to the nearest available server likely to have the content, among the
 * servers the monitoring agents find healthy. The DNS model's top-level and low-level name
 * servers answer with it, and the delivery model's client groups are mapped by it.
 * - nearest: a data centre's path score from the asker (RTT plus the expected cost of loss, see
 *   route.ts), measured to its low-level name server, which sits with its edge servers;
 *   the `candidates` data centres nearest by great-circle distance are scored;
 * - available: the load view the data centre's monitor publishes (LoadTable): withdrawn servers
 *   are left out, hot content is handed out on more servers, a data centre above its threshold
 *   sheds the excess share of its clients (keepsShare);
 * - likely: the servers clockwise from the key on the data centre's consistent-hashing ring;
 * - healthy: servers and name servers as the monitoring agents see them, a detection delay
 *   after a failure (Health).
 * Every shard holds the same topology, health changes and load tables (or the same messages),
 * so every shard maps alike.
 */
import type { Network } from '../../net/Network';
import type { Topology } from '../../topology/types';
import { ConsistentHashRing } from './ConsistentHashRing';
import { Health } from './Health';
import { EMPTY_VIEW, type LoadView } from './LoadTable';
import { pathScoreNs } from './route';

export interface MappingSpec {
  /** data centres scored for each asker, nearest by distance */
  candidates: number;
  ringPointsPerServer: number;
}

export class MappingSystem {
  readonly health: Health;
  private readonly dcVectors: Float64Array;
  private readonly nearby = new Map<number, Int32Array>();
  private readonly rings = new Map<number, ConsistentHashRing>();
  private readonly all: number[] = [];
  // The view of the choice being made, read by one `usable` made once: this runs for every
  // request, so it allocates no closure of its own.
  private viewNow: LoadView = EMPTY_VIEW;
  private readonly usable = (s: number) => this.health.seenUp(s) && !this.viewNow.withdrawn.has(s);

  constructor(
    readonly topology: Topology,
    private readonly network: Network,
    clock: { readonly now: number },
    private readonly spec: MappingSpec,
  ) {
    this.health = new Health(network, clock);
    const dcs = topology.dataCentres;
    this.dcVectors = new Float64Array(dcs.length * 3);
    dcs.forEach((dc, i) => unitVector(topology.cities[dc.city], this.dcVectors, i * 3));
  }

  /** "Nearest" for one data centre and asker: lower is nearer. */
  scoreNs(dc: number, asker: number): number {
    return pathScoreNs(this.network, this.topology.dataCentres[dc].lowLevelDns, asker);
  }

  /**
   * The asker's candidate data centres, nearest first by path score (ties: lower id). Computed
   * afresh: loss and latency change while a run goes on.
   */
  rankDataCentres(asker: number): number[] {
    const scored = [...this.candidates(asker)].map((dc) => ({ dc, s: this.scoreNs(dc, asker) }));
    scored.sort((a, b) => a.s - b.s || a.dc - b.dc);
    return scored.map((x) => x.dc);
  }

  /**
   * The servers a key is handed out on in a data centre ("likely", "available", "healthy"):
   * clockwise from the key on the ring, skipping servers seen down and withdrawn ones, `base` of
   * them or as many as the view spreads the key to, and one more for each chosen server that
   * spreads all its content. Written to `out` (cleared first); fewer if fewer are usable.
   */
  serversFor(dc: number, key: number, base: number, view: LoadView, out: number[]): number[] {
    const want = Math.max(base, view.spread.get(key) ?? 0);
    const ring = this.ring(dc);
    this.viewNow = view;
    if (view.spreading.size === 0) return ring.ownersUp(key, want, this.usable, out);
    ring.ownersUp(key, ring.servers.length, this.usable, this.all);
    out.length = 0;
    let more = want;
    for (const s of this.all) {
      if (out.length >= more) break;
      out.push(s);
      if (view.spreading.has(s)) more++;
    }
    return out;
  }

  /** A data centre can be handed out: its low-level name server and one usable server are up. */
  dataCentreAvailable(dc: number, view: LoadView): boolean {
    const d = this.topology.dataCentres[dc];
    if (!this.health.seenUp(d.lowLevelDns)) return false;
    this.viewNow = view;
    return d.servers.some(this.usable);
  }

  ring(dc: number): ConsistentHashRing {
    let ring = this.rings.get(dc);
    if (ring === undefined) {
      ring = new ConsistentHashRing(
        this.topology.dataCentres[dc].servers,
        this.spec.ringPointsPerServer,
      );
      this.rings.set(dc, ring);
    }
    return ring;
  }

  /** The `candidates` data centres nearest a node by great-circle distance (memoised). */
  candidates(node: number): Int32Array {
    let list = this.nearby.get(node);
    if (list === undefined) {
      list = this.nearestByDistance(node);
      this.nearby.set(node, list);
    }
    return list;
  }

  private nearestByDistance(node: number): Int32Array {
    const v = new Float64Array(3);
    unitVector(this.topology.nodes[node], v, 0);
    // Ranking by the dot product of unit vectors is ranking by great-circle distance, and far
    // cheaper than a haversine per pair (14,000 clients × 2,500 data centres at 2009 scale).
    const n = this.topology.dataCentres.length;
    const k = Math.min(this.spec.candidates, n);
    const best: number[] = [];
    const bestDot: number[] = [];
    for (let dc = 0; dc < n; dc++) {
      const d = this.dcVectors[dc * 3] * v[0];
      const dot = d + this.dcVectors[dc * 3 + 1] * v[1] + this.dcVectors[dc * 3 + 2] * v[2];
      if (best.length === k && dot <= bestDot[k - 1]) continue;
      let i = best.length === k ? k - 1 : best.length;
      // Strictly greater moves up: equal distances keep the lower data-centre id first.
      while (i > 0 && dot > bestDot[i - 1]) {
        best[i] = best[i - 1];
        bestDot[i] = bestDot[i - 1];
        i--;
      }
      best[i] = dc;
      bestDot[i] = dot;
    }
    return Int32Array.from(best);
  }
}

function unitVector(p: { lat: number; lon: number }, out: Float64Array, at: number): void {
  const lat = (p.lat * Math.PI) / 180;
  const lon = (p.lon * Math.PI) / 180;
  out[at] = Math.cos(lat) * Math.cos(lon);
  out[at + 1] = Math.cos(lat) * Math.sin(lon);
  out[at + 2] = Math.sin(lat);
}
