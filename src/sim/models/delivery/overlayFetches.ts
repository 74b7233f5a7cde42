/**
 * The way an edge server's fetches to the origin take when the overlay routes them
 * (sandbox config `overlay`): the path the overlay's requests from the member in the server's
 * own data centre take now (its SureRoute winner, else its probed choice). The overlay measures
 * from one server per place, and the servers of a data centre share their paths out of it; a
 * data centre lies in one region, so its member runs on the same shard as its servers, and
 * every shard count decides alike.
 */
import type { Topology } from '../../topology/types';
import type { OverlayServices } from '../overlay/installOverlay';

export class OverlayFetches {
  private memberOfDc: Map<number, number> | null = null;

  constructor(
    private readonly topology: Topology,
    private readonly services: () => OverlayServices,
  ) {}

  /**
   * The edge server to send the fetch through, or −1 for straight to the origin: no member in
   * this data centre, nothing chosen yet, the direct path best, or a relay that is no edge
   * server (another origin serves no fetches for others).
   */
  relayFor(edge: number, origin: number): number {
    const member = this.memberOf(edge);
    if (member === undefined) return -1;
    const via = this.services().requestPath(member, origin);
    return via !== undefined && via >= 0 && via !== edge && this.topology.nodes[via].kind === 'edge'
      ? via
      : -1;
  }

  private memberOf(edge: number): number | undefined {
    if (this.memberOfDc === null) {
      this.memberOfDc = new Map();
      for (const m of this.services().members()) {
        const dc = this.topology.nodes[m].dataCentre;
        if (dc >= 0 && !this.memberOfDc.has(dc)) this.memberOfDc.set(dc, m);
      }
    }
    return this.memberOfDc.get(this.topology.nodes[edge].dataCentre);
  }
}
