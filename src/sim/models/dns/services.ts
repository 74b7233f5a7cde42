/**
 * What the DNS model offers the other models of its world, in the same shard (the contract's
 * `InstalledModel.services`, reached with `context.peer<DnsServices>('dns')`). Another model
 * imports this type only, never the DNS model's code.
 */
import type { LoadView, PublishedLoad } from '../mapping';

/** The load the CDN's monitors publish (owned by another model), for the name servers. */
export interface SharedLoad {
  /** a data centre's view, as its monitor publishes it to its own low-level name server now */
  lowLevel(dc: number): PublishedLoad;
  /**
   * What top-level name server `topLevel` last heard of a data centre's load (its servers' mean
   * load and which are withdrawn), from the summaries the monitors send it over the network;
   * undefined when none is fresh (the data centre is idle, or its summaries are lost). Made
   * ready to decide from once, when the summary arrives.
   */
  topLevel(topLevel: number, dc: number): LoadView | undefined;
}

export interface DnsServices {
  /**
   * A stub lookup from client group `client` (owned by this shard) through its recursive resolver
   * and the real root, .net and two-tier CDN name servers, as `dns.lookup` makes it. `done` gets
   * the answer's A records as node ids (edge servers, in the answer's order) and the TTL the
   * resolver gave them, ns; no addresses when the lookup failed or timed out (TTL 0).
   */
  resolve(client: number, name: string, done: (addresses: number[], ttlNs: number) => void): void;
  /**
   * From now on the name servers answer from this load instead of the DNS model's own table
   * (`dns.setEdgeLoad`), which is then refused: one load table for the whole CDN. A low-level
   * server reads only its own data centre's view, which lives where it runs; a top-level server
   * reads the summaries that reached it.
   */
  shareLoad(source: SharedLoad): void;
}
