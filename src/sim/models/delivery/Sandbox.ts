/**
 * One installed sandbox (one per engine, so one per shard): its statistics, per-node load and
 * read access to its nodes for inspectors and tests. Everything it returns is plain data.
 */
import type { WorldCommand } from '../../worldCommands';
import type { DeliveryCommand } from './commands';
import type { Topology } from '../../topology/types';
import { describeChange, type ChangeObservation } from './changes';
import type { ClientGroup } from './ClientGroup';
import { emptyCacheSummary, type CacheSummary, type EdgeServer } from './EdgeServer';
import { LruCache } from './LruCache';
import type { Observation } from '../../observations';
import type { Origin } from './Origin';
import type { SandboxContext } from './SandboxContext';
import type { SandboxConfig } from './sandboxConfig';
import type { SharedLoad } from '../dns/services';
import type { EdgeConnections } from './services';
import { summarizeStats, type SandboxStats, type SandboxStatsSnapshot } from './sandboxStats';
import type { SecondStats } from './secondStats';

export class Sandbox {
  /** 1 at the id of each node this installation runs (a Set's lookups cost every frame ~1 %) */
  private ownedMask: Uint8Array | undefined;

  constructor(
    private readonly ctx: SandboxContext,
    /** ids of the nodes this installation runs, ascending */
    readonly ownedNodes: Int32Array,
    private readonly clients: ReadonlyMap<number, ClientGroup>,
    private readonly edges: ReadonlyMap<number, EdgeServer>,
    private readonly origins: ReadonlyMap<number, Origin>,
    private readonly topology: Topology,
    /** the monitors' load, shared with the DNS model's name servers */
    readonly sharedLoad: SharedLoad,
    /** the edge servers' listening sockets, for another model's clients */
    readonly connections: EdgeConnections,
  ) {}

  /** The stub resolvers' counters (`delivery.dns.*`), when client groups resolve through DNS. */
  dnsCounters(): Record<string, number> {
    if (!this.ctx.params.config.dns) return {};
    return Object.fromEntries(
      Object.entries(this.ctx.dnsCounts).map(([k, v]) => [`delivery.dns.${k}`, v]),
    );
  }

  /**
   * A world change every shard has just applied: the mapping's monitoring agents learn of
   * failures (and see them after their detection delay), and routes are measured again.
   */
  networkChanged(cmd: WorldCommand): void {
    this.ctx.mapping.networkChanged(cmd);
  }

  /**
   * Records a change the student made (a command every shard applies at this instant) as a
   * `sim.change` observation, if the config asks for them. Only the installation that runs
   * node 0 records it, so that a run split across shards reports each change once.
   */
  noteChange(cmd: WorldCommand | DeliveryCommand): void {
    if (!this.config.observeChanges || this.ownedNodes[0] !== 0) return;
    const label = describeChange(cmd, this.topology);
    if (label === null) return;
    const change: ChangeObservation = {
      type: 'sim.change',
      timeNs: this.ctx.engine.now,
      command: cmd.type,
      label,
    };
    this.ctx.observations.add(change);
  }

  get config(): SandboxConfig {
    return this.ctx.params.config;
  }

  get catalogue() {
    return this.ctx.catalogue;
  }

  get mapping() {
    return this.ctx.mapping;
  }

  /**
   * Scales every owned client group's request rate to `loadFactor` × its users × the per-user
   * rate (a flash crowd, or a quiet night). Apply it at the same instant in every shard.
   */
  setLoadFactor(loadFactor: number): void {
    for (const group of this.clients.values()) group.setLoadFactor(loadFactor);
  }

  /**
   * The content provider purges an object (or everything) from every edge cache this shard
   * runs. Apply it at the same instant in every shard.
   */
  purge(obj?: number): void {
    for (const edge of this.edges.values()) edge.purge(obj);
    // Servers not yet touched start warm later: without what was purged.
    this.ctx.warmCaches?.purge(obj);
  }

  /** The provider publishes a new version of an object at every origin (every shard). */
  publish(obj: number): void {
    for (const [id, origin] of this.origins) if (this.owned(id)) origin.publish(obj);
  }

  /** The seconds this shard has finished since the last call (see secondStats). */
  takeSeconds(): SecondStats[] {
    return this.ctx.seconds.takeClosed(this.ctx.engine.now);
  }

  /** Servers withdrawn and content spread since the last call. */
  takeObservations(): Observation[] {
    return this.ctx.observations.take();
  }

  client(id: number): ClientGroup | undefined {
    return this.clients.get(id);
  }

  /** An edge server's state, if it has received anything yet. */
  edge(id: number): EdgeServer | undefined {
    return this.edges.get(id);
  }

  /**
   * An owned edge server's cache, with its `topN` most hit objects. Before its first request:
   * empty, or with warm caches what it starts with (filled into a copy; the server is not made).
   */
  edgeCacheSummary(id: number, topN: number): CacheSummary {
    const edge = this.edges.get(id);
    if (edge !== undefined) return edge.cacheSummary(topN);
    const summary = emptyCacheSummary(this.ctx.params.cacheBytes);
    const { warmCaches } = this.ctx;
    if (warmCaches === null) return summary;
    const cache = new LruCache(this.ctx.params.cacheBytes);
    warmCaches.fill(cache, id);
    return {
      ...summary,
      objects: cache.count,
      usedBytes: cache.usedBytes,
      top: cache.mostHit(topN),
    };
  }

  origin(id: number): Origin | undefined {
    return this.origins.get(id);
  }

  /** Load of a node now: 0 idle, 1 at capacity, above 1 overloaded; 0 for other kinds. */
  load(id: number): number {
    const now = this.ctx.engine.now;
    const edge = this.edges.get(id);
    if (edge !== undefined) return edge.load(now);
    const origin = this.origins.get(id);
    if (origin !== undefined) return origin.queue.load();
    return 0;
  }

  /**
   * Writes the load of every owned server into out[id] (pass a zeroed array); other entries are
   * left as they are.
   * Only servers that have been asked for anything exist, and only they can have load: this
   * runs every frame, so it does not visit the tens of thousands of idle nodes.
   */
  fillNodeLoad(out: Float32Array): void {
    const now = this.ctx.engine.now;
    for (const edge of this.edges.values()) if (this.owned(edge.id)) out[edge.id] = edge.load(now);
    for (const [id, origin] of this.origins) if (this.owned(id)) out[id] = origin.queue.load();
  }

  private owned(id: number): boolean {
    if (this.ownedMask === undefined) {
      const last = this.ownedNodes.length > 0 ? this.ownedNodes[this.ownedNodes.length - 1] : -1;
      this.ownedMask = new Uint8Array(last + 1);
      for (const n of this.ownedNodes) this.ownedMask[n] = 1;
    }
    return this.ownedMask[id] === 1;
  }

  /** This installation's statistics as plain data, ready to merge with other shards'. */
  statsSnapshot(): SandboxStatsSnapshot {
    const { ctx } = this;
    const now = ctx.engine.now;
    const counts = { ...ctx.counts };
    for (const client of this.clients.values()) counts.outstanding += client.outstandingCount;
    for (const { queue } of this.origins.values()) {
      counts.originBusyNs += queue.busyNs(now);
      counts.originCapacityNs += queue.spec.workers * (now - queue.startNs);
    }
    return {
      timeNs: now,
      counts,
      failures: { ...ctx.failures },
      latencyNs: ctx.latencyNs.toSnapshot(),
    };
  }

  sandboxStats(): SandboxStats {
    return summarizeStats(this.statsSnapshot());
  }
}
