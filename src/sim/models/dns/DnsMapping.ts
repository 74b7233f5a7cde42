/**
 * The DNS model's use of the CDN's one mapping system (src/sim/models/mapping): the top level
 * refers a resolver to the low-level name servers of the nearest available data centres, and a
 * low-level name server answers with the servers of its data centre a name is likely on.
 * The rules are the mapping system's; what is the DNS model's own is where the load comes from:
 * the lab sets an edge server's load by hand (`dns.setEdgeLoad`, "as monitoring reports it"),
 * which goes into the data centre's load table as a report that names no objects, and holds
 * until it is set again; or, composed with the delivery model, the load its edge servers report
 * to their data centres' monitors (shareLoad). Failures reach the mapping through `noteServerUp`, a detection delay
 * after they happen (see Health).
 */
import type { Network } from '../../net/Network';
import type { RandomStream } from '../../random/RandomStream';
import type { Topology } from '../../topology/types';
import { hashString } from '../../util/hash';
import {
  DEFAULT_RING_POINTS,
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
import type { SharedLoad } from './services';

export class DnsMapping {
  readonly system: MappingSystem;
  private readonly tables = new Map<number, LoadTable>();
  private readonly chosen: number[] = [];
  /** another model's load views, when it shares them (DnsServices.shareLoad) */
  private shared: SharedLoad | undefined;

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
      spread: c.spreadThreshold,
      withdraw: c.withdrawThreshold,
      dataCentre: c.dataCentreThreshold,
    };
  }

  /**
   * The name servers answer from another model's load from now on (the delivery model's
   * monitors, fed by its edge servers' load reports). A data centre's table lives only in the
   * shard that runs its low-level name server; the top level, which may run elsewhere, decides
   * from the summaries the monitors send it as messages.
   */
  shareLoad(source: SharedLoad): void {
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
    if (this.shared !== undefined) return toLoadView(this.shared.lowLevel(dc));
    const t = this.tables.get(dc);
    return t === undefined ? EMPTY_VIEW : toLoadView(t.publish(this.clock.now));
  }

  /**
   * What a name server at `node` knows of a data centre's load when it chooses data centres:
   * with a shared table, the summaries that reached it (a top-level server; a low-level one hears
   * none, and chooses by distance and health); else the DNS model's own table.
   */
  private topLevelView(dc: number, node: number): LoadView {
    if (this.shared === undefined) return this.viewOf(dc);
    return this.shared.topLevel(node, dc) ?? EMPTY_VIEW;
  }

  /** Round-trip time of an empty path between two nodes, ns. */
  rttNs(a: number, b: number): number {
    return pathRttNs(this.network, a, b);
  }

  /**
   * Name server `node`'s choice for a resolver (or a client subnet) at `locus`: available data
   * centres among the candidates, nearest first, at most `count`. With `rng`, a data centre
   * above its load threshold is left out of the share of referrals it cannot take (never
   * leaving none).
   */
  dataCentresFor(node: number, locus: number, count: number, rng?: RandomStream): number[] {
    const views = new Map<number, LoadView>();
    const viewOf = (dc: number) => {
      let view = views.get(dc);
      if (view === undefined) views.set(dc, (view = this.topLevelView(dc, node)));
      return view;
    };
    const available = this.system
      .rankDataCentres(locus)
      .filter((dc) => this.system.dataCentreAvailable(dc, viewOf(dc)));
    if (rng === undefined) return available.slice(0, count);
    const threshold = this.thresholds().dataCentre;
    const kept = available.filter((dc) => keepsShare(viewOf(dc).dcLoad, threshold, rng));
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
