/**
 * The delivery model's use of the CDN's one mapping system (src/sim/models/mapping): which edge
 * server a client group's request for an object goes to. The rules are the mapping system's:
 * - nearest: the client group's candidate data centres ranked by path score (RTT and loss to
 *   each data centre), memoised per client group until the network changes; later candidates
 *   are the fail-over order;
 * - likely: consistent hashing of the object id over the data centre's servers;
 * - healthy: servers as the monitoring agents see them, a detection delay after a failure; a
 *   data centre with no server seen up is skipped for the next candidate;
 * - available (when load feedback is on): the client's view of each data centre (LoadView,
 *   published by the data centre's LoadMonitor from the servers' load reports) leaves out
 *   withdrawn servers, hands a spread object out on its first few servers on the ring at random,
 *   and moves the share of requests a data centre above its threshold cannot take to the next
 *   candidate.
 * It also knows where the origins are (for edge servers' fetches and for clients without a CDN),
 * and, with parent caches on, which parent server an edge server fetches a miss from (ParentTier).
 */
import { greatCircleKm, type GeoPoint } from '../../net/geo';
import type { Network } from '../../net/Network';
import type { Topology } from '../../topology/types';
import type { RandomStream } from '../../random/RandomStream';
import type { WorldCommand } from '../../worldCommands';
import { ParentTier } from './ParentTier';
import {
  EMPTY_VIEW,
  keepsShare,
  MappingSystem,
  type ConsistentHashRing,
  type LoadView,
} from '../mapping';

/** What load-aware mapping needs from the client group asking. */
export interface LoadAwareness {
  view: (dc: number) => LoadView | undefined;
  /** the client's own stream for mapping choices */
  rng: RandomStream;
  dataCentreThreshold: number;
}

export interface MappingSpec {
  candidates: number;
  ringPointsPerServer: number;
  /** 'regional': one parent data centre per region between the edge and the origin */
  tiers?: 'none' | 'regional';
}

export class Mapping {
  readonly system: MappingSystem;
  private readonly dcPoints: GeoPoint[];
  private readonly clientDcs = new Map<number, Int32Array>();
  private readonly dcOrigins = new Map<number, Int32Array>();
  private readonly origins: number[];
  private readonly nodeOrigins = new Map<number, Int32Array>();
  private readonly chosen: number[] = [];
  /** the parent tier, or null without parent caches */
  readonly parents: ParentTier | null;

  constructor(
    private readonly topology: Topology,
    network: Network,
    clock: { readonly now: number },
    spec: MappingSpec,
  ) {
    this.system = new MappingSystem(topology, network, clock, spec);
    this.dcPoints = topology.dataCentres.map((dc) => topology.cities[dc.city]);
    this.origins = topology.nodes.filter((n) => n.kind === 'origin').map((n) => n.id);
    this.parents =
      spec.tiers === 'regional' ? new ParentTier(topology, network.routes, this.origins) : null;
    // Routing that changes by itself (BGP converging) is measured again like any change.
    network.routes.onChange(() => this.clientDcs.clear());
  }

  /**
   * The parent server an edge server fetches a cacheable miss for `obj` from, or −1 for the
   * origin: without parent caches, when the edge is itself the object's parent server, or when
   * no parent server is seen up. The first parent data centre (see ParentTier) with a server up
   * answers; within it, consistent hashing picks the object's server, as for a client.
   */
  parentFor(edge: number, obj: number): number {
    if (this.parents === null) return -1;
    for (const dc of this.parents.parentsFor(this.dataCentreOf(edge))) {
      const servers = this.system.serversFor(dc, obj, 1, EMPTY_VIEW, this.chosen);
      if (servers.length > 0) return servers[0] === edge ? -1 : servers[0];
    }
    return -1;
  }

  /** Candidate data centres of a client group, in preference order. */
  dataCentresFor(client: number): Int32Array {
    let list = this.clientDcs.get(client);
    if (list === undefined) {
      list = Int32Array.from(this.system.rankDataCentres(client));
      this.clientDcs.set(client, list);
    }
    return list;
  }

  /**
   * A world command every shard has applied: failures go to the monitoring agents, and any
   * change to the network makes the client groups' rankings be measured again.
   */
  networkChanged(cmd: WorldCommand): void {
    const health = this.system.health;
    if (cmd.type === 'node.setUp') health.noteChange(cmd.node, cmd.up);
    else if (cmd.type === 'dataCentre.setUp') {
      const dc = this.topology.dataCentres[cmd.dataCentre];
      for (const id of [...dc.servers, dc.lowLevelDns]) health.noteChange(id, cmd.up);
    } else this.clientDcs.clear();
  }

  /** Whether the monitoring agents have a node as up now. */
  seenUp(node: number): boolean {
    return this.system.health.seenUp(node);
  }

  ring(dc: number): ConsistentHashRing {
    return this.system.ring(dc);
  }

  /**
   * The edge server for (client, object), or −1 when no candidate data centre has a server up.
   * With `load`, the client's load views shape the choice (see the header); if they leave no
   * server anywhere, the choice falls back to health alone rather than refusing the request.
   */
  serverFor(client: number, obj: number, load?: LoadAwareness): number {
    const dcs = this.dataCentresFor(client);
    const { system, chosen } = this;
    if (load !== undefined) {
      const { rng, dataCentreThreshold } = load;
      for (let i = 0; i < dcs.length; i++) {
        const view = load.view(dcs[i]);
        if (view === undefined) {
          const servers = system.serversFor(dcs[i], obj, 1, EMPTY_VIEW, chosen);
          if (servers.length > 0) return servers[0];
          continue;
        }
        // Shed the share above the threshold, so the data centre is left with about its
        // threshold's worth; the last candidate takes whatever reaches it.
        if (i < dcs.length - 1 && !keepsShare(view.dcLoad, dataCentreThreshold, rng)) continue;
        const servers = system.serversFor(dcs[i], obj, 1, view, chosen);
        if (servers.length === 1) return servers[0];
        if (servers.length > 1) return servers[Math.floor(rng.uniform() * servers.length)];
      }
    }
    for (const dc of dcs) {
      const servers = system.serversFor(dc, obj, 1, EMPTY_VIEW, chosen);
      if (servers.length > 0) return servers[0];
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
}
