/**
 * What the DNS model offers the other models of its world, in the same shard (the contract's
 * `InstalledModel.services`, reached with `context.peer<DnsServices>('dns')`). Another model
 * imports this type only, never the DNS model's code.
 */
import type { PublishedLoad } from '../mapping';

/** A data centre's load view as its monitor publishes it now (one table, owned by another model). */
export type LoadSource = (dc: number) => PublishedLoad;

export interface DnsServices {
  /**
   * A stub lookup from client group `client` (owned by this shard) through its recursive resolver
   * and the real root, .net and two-tier CDN name servers, as `dns.lookup` makes it. `done` gets
   * the answer's A records as node ids (edge servers, in the answer's order) and the TTL the
   * resolver gave them, ns; no addresses when the lookup failed or timed out (TTL 0).
   */
  resolve(client: number, name: string, done: (addresses: number[], ttlNs: number) => void): void;
  /**
   * From now on the low-level name servers answer from this load instead of the DNS model's own
   * table (`dns.setEdgeLoad`), which is then refused: one load table for the whole CDN. A
   * low-level server reads only its own data centre's view, which lives where it runs.
   */
  shareLoad(source: LoadSource): void;
}
