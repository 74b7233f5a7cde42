/**
 * One installed sandbox (one per engine, so one per shard): its statistics, per-node load and
 * read access to its nodes for inspectors and tests. Everything it returns is plain data.
 */
import type { ClientGroup } from './ClientGroup';
import { emptyCacheSummary, type CacheSummary, type EdgeServer } from './EdgeServer';
import type { ServiceQueue } from './ServiceQueue';
import type { SandboxContext } from './SandboxContext';
import type { SandboxConfig } from './sandboxConfig';
import { summarizeStats, type SandboxStats, type SandboxStatsSnapshot } from './sandboxStats';

/** A fetch waiting at or served by an origin. */
export interface OriginJob {
  edge: number;
  fetch: number;
  obj: number;
}

export class Sandbox {
  private ownedSet: Set<number> | undefined;

  constructor(
    private readonly ctx: SandboxContext,
    /** ids of the nodes this installation runs, ascending */
    readonly ownedNodes: Int32Array,
    private readonly clients: ReadonlyMap<number, ClientGroup>,
    private readonly edges: ReadonlyMap<number, EdgeServer>,
    private readonly origins: ReadonlyMap<number, ServiceQueue<OriginJob>>,
  ) {}

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
    for (const group of this.clients.values()) group.setRate(group.baseRateHz * loadFactor);
  }

  client(id: number): ClientGroup | undefined {
    return this.clients.get(id);
  }

  /** An edge server's state, if it has received anything yet. */
  edge(id: number): EdgeServer | undefined {
    return this.edges.get(id);
  }

  /** An owned edge server's cache, with its `topN` most hit objects; empty before any request. */
  edgeCacheSummary(id: number, topN: number): CacheSummary {
    return this.edges.get(id)?.cacheSummary(topN) ?? emptyCacheSummary(this.ctx.params.cacheBytes);
  }

  origin(id: number): ServiceQueue<OriginJob> | undefined {
    return this.origins.get(id);
  }

  /** Load of a node now: 0 idle, 1 at capacity, above 1 overloaded; 0 for other kinds. */
  load(id: number): number {
    const now = this.ctx.engine.now;
    const edge = this.edges.get(id);
    if (edge !== undefined) return edge.load(now);
    const origin = this.origins.get(id);
    if (origin !== undefined) return origin.load();
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
    const owned = (this.ownedSet ??= new Set(this.ownedNodes));
    for (const edge of this.edges.values()) if (owned.has(edge.id)) out[edge.id] = edge.load(now);
    for (const [id, origin] of this.origins) if (owned.has(id)) out[id] = origin.load();
  }

  /** This installation's statistics as plain data, ready to merge with other shards'. */
  statsSnapshot(): SandboxStatsSnapshot {
    const { ctx } = this;
    const now = ctx.engine.now;
    const counts = { ...ctx.counts };
    for (const client of this.clients.values()) counts.outstanding += client.outstandingCount;
    for (const origin of this.origins.values()) {
      counts.originBusyNs += origin.busyNs(now);
      counts.originCapacityNs += origin.spec.workers * (now - origin.startNs);
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
