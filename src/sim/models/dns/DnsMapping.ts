/**
 * The DNS model's use of the CDN's one mapping system (src/sim/models/mapping): the top level
 * refers a resolver to the low-level name servers of the nearest available data centres, and a
 * low-level name server answers with the servers of its data centre a name is likely on.
 * The rules are the mapping system's; what is the DNS model's own is where the load comes from:
 * the lab sets an edge server's load by hand (`dns.setEdgeLoad`, "as monitoring reports it"),
 * which goes into the data centre's load table as a report that names no objects, and holds
 * until it is set again. Failures reach the mapping through `noteServerUp`, a detection delay
 * after they happen (see Health).
 */
import type { Network } from '../../net/Network';
import type { RandomStream } from '../../random/RandomStream';
import type { Topology } from '../../topology/types';
import { hashString } from '../../util/hash';
import {
  DEFAULT_RING_POINTS,
  DEFAULT_THRESHOLDS,
  EMPTY_VIEW,
  keepsShare,
  LoadTable,
  MappingSystem,
  pathRttNs,
  toLoadView,
  type ConsistentHashRing,
  type LoadView,
  type Thresholds,
} from '../mapping';
import type { DnsConfig } from './dnsConfig';
import type { LoadSource } from './services';

export class DnsMapping {
  readonly system: MappingSystem;
  private readonly tables = new Map<number, LoadTable>();
  private readonly chosen: number[] = [];
  /** another model's load views, when it shares them (DnsServices.shareLoad) */
  private shared: LoadSource | undefined;

  constructor(
    private readonly topology: Topology,
    private readonly network: Network,
    private readonly clock: { readonly now: number },
    private readonly config: () => DnsConfig,
  ) {
    this.system = new MappingSystem(topology, network, clock, {
      candidates: config().candidateDataCentres,
      ringPointsPerServer: DEFAULT_RING_POINTS,
    });
  }

  thresholds(): Thresholds {
    const c = this.config();
    return {
      spread: c.spreadLoad,
      withdraw: c.stopLoad,
      dataCentre: DEFAULT_THRESHOLDS.dataCentre,
    };
  }

  /**
   * The low level answers from another model's load table from now on (the delivery model's
   * monitors, fed by its edge servers' load reports). That table lives only in the shard that
   * runs the data centre's low-level name server, so the top level, which may run elsewhere,
   * then chooses data centres by distance and health alone.
   */
  shareLoad(source: LoadSource): void {
    this.shared = source;
  }

  /** Whether another model's load table is used (see shareLoad). */
  get loadShared(): boolean {
    return this.shared !== undefined;
  }

  /** Monitoring reports an edge server's load (0 idle, 1 capacity). */
  setLoad(server: number, load: number): void {
    if (this.shared !== undefined)
      throw new Error(
        'bad command: dns.setEdgeLoad is refused while the delivery model shares its load table (its edge servers report their own load)',
      );
    this.table(this.topology.nodes[server].dataCentre).report(server, this.clock.now, load, null);
  }

  loadOf(server: number): number {
    const dc = this.topology.nodes[server].dataCentre;
    return this.tables.get(dc)?.loadOf(server, this.clock.now) ?? 0;
  }

  /** A server or name server failed or came back: the agents will see it after their delay. */
  noteServerUp(node: number, up: boolean): void {
    this.system.health.noteChange(node, up);
  }

  /** The load view a data centre's monitor publishes now (to its own low-level name server). */
  viewOf(dc: number): LoadView {
    if (this.shared !== undefined) return toLoadView(this.shared(dc));
    const t = this.tables.get(dc);
    return t === undefined ? EMPTY_VIEW : toLoadView(t.publish(this.clock.now));
  }

  /** What the top level knows of a data centre's load: nothing when the table is shared. */
  private topLevelView(dc: number): LoadView {
    return this.shared !== undefined ? EMPTY_VIEW : this.viewOf(dc);
  }

  /** Round-trip time of an empty path between two nodes, ns. */
  rttNs(a: number, b: number): number {
    return pathRttNs(this.network, a, b);
  }

  /**
   * The top level's choice for a resolver: available data centres among the candidates, nearest
   * first, at most `count`. With `rng`, a data centre above its load threshold is left out of
   * the share of referrals it cannot take (never leaving none).
   */
  dataCentresFor(resolver: number, count: number, rng?: RandomStream): number[] {
    const available = this.system
      .rankDataCentres(resolver)
      .filter((dc) => this.system.dataCentreAvailable(dc, this.topLevelView(dc)));
    if (rng === undefined) return available.slice(0, count);
    const threshold = this.thresholds().dataCentre;
    const kept = available.filter((dc) => keepsShare(this.topLevelView(dc).dcLoad, threshold, rng));
    return (kept.length > 0 ? kept : available).slice(0, count);
  }

  /** The low level's choice within its data centre: `answerAddresses` servers, or more. */
  serversFor(dc: number, name: string): number[] {
    const servers = this.system.serversFor(
      dc,
      hashString(name),
      this.config().answerAddresses,
      this.viewOf(dc),
      this.chosen,
    );
    return [...servers];
  }

  ring(dc: number): ConsistentHashRing {
    return this.system.ring(dc);
  }

  private table(dc: number): LoadTable {
    let t = this.tables.get(dc);
    if (t === undefined) {
      t = new LoadTable(this.topology.dataCentres[dc].servers, {
        thresholds: () => this.thresholds(),
        capacityRps: 1,
        freshNs: Infinity,
      });
      this.tables.set(dc, t);
    }
    return t;
  }
}
