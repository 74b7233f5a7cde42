/**
 * One installed DNS model (one per engine, so one per shard): commands, statistics,
 * observations and read access to resolvers' caches. Everything it returns is plain data.
 */
import type { TotalsSeen } from './observations';
import type { HistogramSnapshot } from '../../stats/Histogram';
import type { DnsClient, LookupDone } from './DnsClient';
import type { DnsConfig, DnsConfigInput } from './dnsConfig';
import type { DnsContext } from './DnsContext';
import { KIND_OF_ROLE, normalizeName, type DnsRole } from './names';
import type { Observation } from '../../observations';
import type { Resolver } from './Resolver';

export class DnsModel {
  constructor(
    private readonly ctx: DnsContext,
    private readonly owned: ReadonlySet<number>,
    private readonly clientAt: (id: number) => DnsClient,
    private readonly resolvers: ReadonlyMap<number, Resolver>,
    private readonly resolverOf: Map<number, number>,
    private readonly reconfigure: (next: Partial<DnsConfigInput>) => void,
  ) {}

  get config(): DnsConfig {
    return this.ctx.config();
  }

  get mapping() {
    return this.ctx.mapping;
  }

  /**
   * Client `client` looks `name` up now; only the shard owning the client acts. Returns the
   * lookup's id (the DNS id of its stub query), or −1 in other shards.
   */
  lookup(client: number, name: string): number {
    const node = this.ctx.topology.nodes[client];
    if (node?.kind !== 'client') throw new Error(`bad command: node ${client} is not a client`);
    return this.owned.has(client) ? this.clientAt(client).lookup(normalizeName(name)) : -1;
  }

  /**
   * Client `client` (owned by this shard) looks `name` up for another model; `done` gets the
   * answer (see DnsServices.resolve).
   */
  resolve(client: number, name: string, done: LookupDone): void {
    if (!this.owned.has(client))
      throw new Error(`dns.resolve: client ${client} is not in this shard`);
    this.clientAt(client).lookup(normalizeName(name), done);
  }

  /** The node id of the `index`-th server of a role (in node-id order). */
  serverNode(role: DnsRole, index: number): number {
    const kind = KIND_OF_ROLE[role];
    const ids = this.ctx.topology.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    const id = ids[index];
    if (id === undefined)
      throw new Error(`bad command: no ${role} server ${index} (there are ${ids.length})`);
    return id;
  }

  /** Fails or restores a node: it stops answering (apply in every shard, like node.setUp). */
  setServerUp(node: number, up: boolean): void {
    this.ctx.network.setNodeUp(node, up);
    this.ctx.mapping.noteServerUp(node, up);
  }

  /** Sets an edge server's load as monitoring reports it (apply in every shard). */
  setEdgeLoad(node: number, load: number): void {
    if (this.ctx.topology.nodes[node]?.kind !== 'edge')
      throw new Error(`bad command: node ${node} is not an edge server`);
    this.ctx.mapping.setLoad(node, load);
  }

  /** Changes the CDN's TTLs from now on (apply in every shard). */
  setTtl(change: { answerTtl?: number; delegationTtl?: number }): void {
    this.reconfigure(change);
  }

  /**
   * Switches the design (one tier or two) and the background lookups from now on (apply in
   * every shard): what is already cached stays until it expires, as in a real change-over.
   */
  configure(change: {
    oneTier?: boolean;
    lookupsPerClientPerSecond?: number;
    clientSubnet?: boolean;
  }): void {
    this.reconfigure(change);
  }

  /**
   * Client group `client` asks `resolver` from now on, or its own network's resolver when it is
   * left out (apply in every shard: the shard owning the client acts on it). A lookup already
   * waiting keeps waiting on the resolver it asked.
   */
  useResolver(client: number, resolver?: number): void {
    const { nodes } = this.ctx.topology;
    if (nodes[client]?.kind !== 'client')
      throw new Error(`bad command: node ${client} is not a client`);
    const chosen = resolver ?? nodes[client].resolver!;
    if (nodes[chosen]?.kind !== 'resolver')
      throw new Error(`bad command: node ${chosen} is not a resolver`);
    this.resolverOf.set(client, chosen);
    if (this.owned.has(client)) this.clientAt(client).resolver = chosen;
  }

  /**
   * Records this shard's totals so far as an observation (`sim.dnsTotals`): how a lab reads
   * counts at a moment it chooses, e.g. after an hour of traffic, before it resets the run.
   */
  reportTotals(): void {
    const h = this.ctx.lookupLatencyNs;
    this.ctx.observations.add({
      type: 'sim.dnsTotals',
      timeNs: this.ctx.engine.now,
      counters: { ...this.ctx.counters },
      lookupLatencyMs: {
        count: h.count,
        mean: h.count > 0 ? h.mean / 1e6 : null,
        p95: h.count > 0 ? h.percentile(95) / 1e6 : null,
      },
    } satisfies TotalsSeen);
  }

  /** A resolver's live cache entries, if this shard runs it. */
  resolverCache(resolver: number) {
    return this.resolvers.get(resolver)?.cache.view(this.ctx.engine.now) ?? [];
  }

  /** What a resolver remembers of the name servers it asked, if this shard runs it. */
  resolverMemory(resolver: number) {
    return this.resolvers.get(resolver)?.infra.view(this.ctx.engine.now) ?? [];
  }

  /** The observations recorded so far, without removing them. */
  observations(): readonly Observation[] {
    return this.ctx.observations.peek();
  }

  /** Removes and returns the observations recorded since the last take. */
  takeObservations(): Observation[] {
    return this.ctx.observations.take();
  }

  counters(): Record<string, number> {
    return { ...this.ctx.counters };
  }

  lookupLatency(): HistogramSnapshot {
    return this.ctx.lookupLatencyNs.toSnapshot();
  }
}
