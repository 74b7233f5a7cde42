/**
 * The DNS mapping system, with the paper's three criteria as separate, testable functions
 * (Dilley et al. 2002, "Mapping"):
 * - nearest: data centres ranked by a score from the round-trip time and the loss on the path
 *   between the data centre's low-level name server and the asking resolver (the top level);
 * - available: a server that is down, or loaded past `stopLoad`, is never handed out; one past
 *   `spreadLoad` gets its content also assigned to one more server; a data centre with no low-level
 *   server up or no available server is skipped;
 * - likely: the servers a name hashes to on the data centre's consistent-hashing ring (the low level).
 * It reads only state every shard holds alike: the topology, which nodes are up (commands reach
 * every shard) and the load table (also set by commands), so every shard maps alike.
 */
import { accessClassOf } from '../../scenario/buildWorld';
import type { Network } from '../../net/Network';
import { greatCircleKm } from '../../net/geo';
import { ConsistentHashRing } from '../delivery/ConsistentHashRing';
import type { Topology } from '../../topology/types';
import { hashString } from '../../util/hash';
import type { DnsConfig } from './dnsConfig';

/**
 * A lost packet costs a retransmission timeout; 1 s is TCP's initial RTO (RFC 6298 §2.1), so a
 * path's score is its RTT plus the expected number of losses per exchange times that.
 */
const LOSS_PENALTY_NS = 1_000_000_000;
/** a typical DNS message, for the round-trip estimate */
const PROBE_BYTES = 100;
const RING_POINTS = 64;

export class DnsMapping {
  /** per node id: load as the monitoring system reports it (0 idle, 1 capacity) */
  readonly load: Float64Array;
  private readonly nearby = new Map<number, Int32Array>();
  private readonly rings = new Map<number, ConsistentHashRing>();

  constructor(
    private readonly topology: Topology,
    private readonly network: Network,
    private readonly config: () => DnsConfig,
  ) {
    this.load = new Float64Array(topology.nodes.length);
  }

  /** Round-trip time of an empty path between two nodes, ns. */
  rttNs(a: number, b: number): number {
    return (
      this.network.baseLatencyNs(a, b, PROBE_BYTES) + this.network.baseLatencyNs(b, a, PROBE_BYTES)
    );
  }

  /** Probability that a request and its reply both get through, from the links' loss rates. */
  deliveryProbability(a: number, b: number): number {
    const one = (from: number, to: number) => {
      const { classes } = this.network;
      const access = (n: number) =>
        (
          this.network.existingAccessLink(n)?.params ??
          classes[accessClassOf(this.topology.nodes[n])]
        ).lossRate;
      let q = (1 - access(from)) * (1 - access(to)) * (1 - classes.backbone.lossRate);
      if (this.topology.nodes[from].network !== this.topology.nodes[to].network)
        q *= (1 - classes.peering.lossRate) * (1 - classes.backbone.lossRate);
      return q;
    };
    return one(a, b) * one(b, a);
  }

  /** "Nearest": lower is better; RTT plus the expected cost of losses. */
  pathScoreNs(dataCentre: number, resolver: number): number {
    const ll = this.topology.dataCentres[dataCentre].lowLevelDns;
    const q = this.deliveryProbability(ll, resolver);
    const penalty = q > 0 ? ((1 - q) / q) * LOSS_PENALTY_NS : Number.MAX_SAFE_INTEGER;
    return this.rttNs(ll, resolver) + penalty;
  }

  /** "Available" for one edge server. */
  serverAvailable(server: number): boolean {
    return this.network.isNodeUp(server) && this.load[server] < this.config().stopLoad;
  }

  /** "Available" for a data centre: its low-level server is up and one of its servers is available. */
  dataCentreAvailable(dc: number): boolean {
    const d = this.topology.dataCentres[dc];
    return this.network.isNodeUp(d.lowLevelDns) && d.servers.some((s) => this.serverAvailable(s));
  }

  /**
   * The top level's choice for a resolver: available data centres among the nearest candidates
   * by distance, ordered by path score (ties: lower id), at most `count`.
   */
  dataCentresFor(resolver: number, count: number): number[] {
    const scored = [...this.candidates(resolver)]
      .filter((dc) => this.dataCentreAvailable(dc))
      .map((dc) => ({ dc, score: this.pathScoreNs(dc, resolver) }))
      .sort((a, b) => a.score - b.score || a.dc - b.dc);
    return scored.slice(0, count).map((s) => s.dc);
  }

  /**
   * The low level's choice within its data centre: the first `answerAddresses` available servers
   * clockwise from the name's point on the ring ("likely"), plus one more for each chosen server
   * loaded past `spreadLoad`.
   */
  serversFor(dc: number, name: string): number[] {
    const cfg = this.config();
    const ring = this.ring(dc);
    const key = hashString(name);
    const chosen: number[] = [];
    let want = cfg.answerAddresses;
    while (chosen.length < want) {
      const s = ring.ownerUp(key, (x) => this.serverAvailable(x) && !chosen.includes(x));
      if (s < 0) break;
      chosen.push(s);
      if (this.load[s] >= cfg.spreadLoad) want++;
    }
    return chosen;
  }

  ring(dc: number): ConsistentHashRing {
    let ring = this.rings.get(dc);
    if (ring === undefined) {
      ring = new ConsistentHashRing(this.topology.dataCentres[dc].servers, RING_POINTS);
      this.rings.set(dc, ring);
    }
    return ring;
  }

  /** The `candidateDataCentres` nearest a resolver by great-circle distance (memoised). */
  private candidates(resolver: number): Int32Array {
    let list = this.nearby.get(resolver);
    if (list === undefined) {
      const at = this.topology.nodes[resolver];
      const dcs = this.topology.dataCentres;
      const dist = dcs.map((d) => greatCircleKm(at, this.topology.cities[d.city]));
      list = Int32Array.from(
        dcs
          .map((d) => d.id)
          .sort((a, b) => dist[a] - dist[b] || a - b)
          .slice(0, this.config().candidateDataCentres),
      );
      this.nearby.set(resolver, list);
    }
    return list;
  }
}
