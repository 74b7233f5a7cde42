/**
 * The mapping system, reduced to what the sandbox needs: which edge server a client group's
 * request for an object goes to. Computed from the read-only topology alone (so every shard
 * computes the same answer) and memoised per client group and per data centre on first use.
 *
 * - Data centres: the `candidates` nearest to the client by great-circle distance; a data centre
 *   inside the client's own network comes first when one is within `ownNetworkReachKm` (the
 *   paper's servers "inside ISPs"). Later candidates are the fail-over order.
 * - Servers: consistent hashing of the object id over the data centre's servers, skipping servers
 *   that are down; a data centre with no server up is skipped for the next candidate.
 * - Load (when load feedback is on): the client's view of each data centre (see LoadView and
 *   LoadMonitor) leaves out withdrawn servers, hands a spread object out on its first few servers
 *   on the ring at random, and moves the share of requests a data centre above its threshold
 *   cannot take to the next candidate.
 * Health is seen at once by every client (no failure detection delay is modelled).
 */
import { greatCircleKm, type GeoPoint } from '../../net/geo';
import type { Topology } from '../../topology/types';
import type { RandomStream } from '../../random/RandomStream';
import { ConsistentHashRing } from './ConsistentHashRing';
import type { LoadView } from './LoadView';

/** What load-aware mapping needs from the client group asking. */
export interface LoadAwareness {
  view: (dc: number) => LoadView | undefined;
  /** the client's own stream for mapping choices */
  rng: RandomStream;
  dataCentreThreshold: number;
}

export interface MappingSpec {
  candidates: number;
  ownNetworkReachKm: number;
  ringPointsPerServer: number;
}

export class Mapping {
  private readonly dcVectors: Float64Array;
  private readonly dcPoints: GeoPoint[];
  private readonly clientDcs = new Map<number, Int32Array>();
  private readonly rings = new Map<number, ConsistentHashRing>();
  private readonly dcOrigins = new Map<number, Int32Array>();
  private readonly origins: number[];
  private readonly nodeOrigins = new Map<number, Int32Array>();
  private readonly chosen: number[] = [];
  // The view and health test of the request being mapped, read by one `usable` made once: this
  // runs for every request, so it allocates no closure of its own.
  private viewNow: LoadView | null = null;
  private isUpNow: (node: number) => boolean = () => true;
  private readonly usable = (s: number) => this.isUpNow(s) && !this.viewNow!.withdrawn.has(s);

  constructor(
    private readonly topology: Topology,
    private readonly spec: MappingSpec,
  ) {
    const dcs = topology.dataCentres;
    this.dcPoints = dcs.map((dc) => topology.cities[dc.city]);
    this.dcVectors = new Float64Array(dcs.length * 3);
    this.dcPoints.forEach((p, i) => unitVector(p, this.dcVectors, i * 3));
    this.origins = topology.nodes.filter((n) => n.kind === 'origin').map((n) => n.id);
  }

  /** Candidate data centres of a client group, in preference order. */
  dataCentresFor(client: number): Int32Array {
    let list = this.clientDcs.get(client);
    if (list === undefined) {
      list = this.rank(client);
      this.clientDcs.set(client, list);
    }
    return list;
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

  /**
   * The edge server for (client, object), or −1 when no candidate data centre has a server up.
   * With `load`, the client's load views shape the choice (see the header); if they leave no
   * server anywhere, the choice falls back to health alone rather than refusing the request.
   */
  serverFor(
    client: number,
    obj: number,
    isUp: (node: number) => boolean,
    load?: LoadAwareness,
  ): number {
    const dcs = this.dataCentresFor(client);
    if (load !== undefined) {
      const { rng, dataCentreThreshold } = load;
      for (let i = 0; i < dcs.length; i++) {
        const view = load.view(dcs[i]);
        if (view === undefined) {
          const server = this.ring(dcs[i]).ownerUp(obj, isUp);
          if (server >= 0) return server;
          continue;
        }
        // Shed the share above the threshold, so the data centre is left with about its
        // threshold's worth; the last candidate takes whatever reaches it.
        const over = view.dcLoad > dataCentreThreshold && i < dcs.length - 1;
        if (over && rng.uniform() >= dataCentreThreshold / view.dcLoad) continue;
        this.viewNow = view;
        this.isUpNow = isUp;
        const servers = this.ring(dcs[i]).ownersUp(
          obj,
          view.spread.get(obj) ?? 1,
          this.usable,
          this.chosen,
        );
        if (servers.length === 1) return servers[0];
        if (servers.length > 1) return servers[Math.floor(rng.uniform() * servers.length)];
      }
    }
    for (const dc of dcs) {
      const server = this.ring(dc).ownerUp(obj, isUp);
      if (server >= 0) return server;
    }
    return -1;
  }

  /** Origins by distance from an edge server's data centre, nearest first. */
  originsFor(edge: number): Int32Array {
    const dc = this.topology.nodes[edge].dataCentre;
    let list = this.dcOrigins.get(dc);
    if (list === undefined) {
      list = this.originsByDistance(this.dcPoints[dc]);
      this.dcOrigins.set(dc, list);
    }
    return list;
  }

  /** Origins by distance from any node (a client group going to the origin directly). */
  originsNear(node: number): Int32Array {
    let list = this.nodeOrigins.get(node);
    if (list === undefined) {
      list = this.originsByDistance(this.topology.nodes[node]);
      this.nodeOrigins.set(node, list);
    }
    return list;
  }

  private originsByDistance(here: GeoPoint): Int32Array {
    const dist = (id: number) => greatCircleKm(here, this.topology.nodes[id]);
    return Int32Array.from([...this.origins].sort((a, b) => dist(a) - dist(b) || a - b));
  }

  dataCentreOf(node: number): number {
    return this.topology.nodes[node].dataCentre;
  }

  /** The node of a data centre's low-level name server (and load monitor). */
  lowLevelDnsOf(dc: number): number {
    return this.topology.dataCentres[dc].lowLevelDns;
  }

  private rank(client: number): Int32Array {
    const node = this.topology.nodes[client];
    const v = new Float64Array(3);
    unitVector(node, v, 0);
    // Ranking by the dot product of unit vectors is ranking by great-circle distance, and far
    // cheaper than a haversine per pair (14,000 clients × 2,500 data centres at 2009 scale).
    const k = Math.min(this.spec.candidates, this.topology.dataCentres.length);
    const best: number[] = [];
    const bestDot: number[] = [];
    let own = -1;
    let ownDot = -2;
    for (let dc = 0; dc < this.topology.dataCentres.length; dc++) {
      const d = this.dcVectors[dc * 3] * v[0];
      const dot = d + this.dcVectors[dc * 3 + 1] * v[1] + this.dcVectors[dc * 3 + 2] * v[2];
      if (this.topology.dataCentres[dc].network === node.network && dot > ownDot) {
        own = dc;
        ownDot = dot;
      }
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
    if (own >= 0 && greatCircleKm(node, this.dcPoints[own]) <= this.spec.ownNetworkReachKm) {
      const rest = best.filter((dc) => dc !== own);
      return Int32Array.from([own, ...rest].slice(0, Math.max(k, 1)));
    }
    return Int32Array.from(best);
  }
}

function unitVector(p: GeoPoint, out: Float64Array, at: number): void {
  const lat = (p.lat * Math.PI) / 180;
  const lon = (p.lon * Math.PI) / 180;
  out[at] = Math.cos(lat) * Math.cos(lon);
  out[at + 1] = Math.cos(lat) * Math.sin(lon);
  out[at + 2] = Math.sin(lat);
}
