/**
 * Routing: which links a message from one node to another crosses, in order. The network asks
 * its route provider at every hop of every message, so a provider answers from a few array
 * reads, allocating nothing. Today's hot-potato peering (HotPotatoRoutes) is the default; a
 * model may install another while the simulation runs (`world.routes.use`), and messages then
 * follow the new routes from their next hop on.
 *
 * What every provider must keep, because the network's sharding and look-ahead rely on it:
 * - hop 0 is the sender's access link (up, direction 0), the last hop the receiver's access link
 *   (down, direction 1);
 * - the hop before the last is a backbone, and it carries the path's whole propagation, which is
 *   at least the great-circle distance at the speed of light in fibre;
 * - every link before the last is one the sender's shard owns: its access link, backbones, and
 *   peering links at the sender's site.
 */
import { propagationNs } from './geo';
import type { LinkTable } from './LinkTable';
import { linkIds, linkNumbers } from './linkIds';
import type { NetNodes } from './NetNodes';

/** What a route provider reads: the nodes, the links, and the path inflation now. */
export interface RouteContext {
  readonly nodes: NetNodes;
  readonly linkTable: LinkTable;
  /** real path length ÷ great-circle distance (≥ 1), which can change while running */
  readonly inflation: number;
}

export interface RouteProvider {
  /** how the provider routes, for inspectors and errors */
  readonly name: string;
  /**
   * links crossed from `from` to `to` (at least 3: access up, a backbone, access down); with
   * `route` (a message's pin, see `pin`), those of the path the message was sent on
   */
  hopCount(from: number, to: number, route?: number): number;
  /**
   * The slot in the link table (LinkTable.accessSlot and its siblings, `Link.slot`) of the link
   * crossed at `hop`, created if absent: the network reads the link's state line by it, without
   * the link's object. Its direction (0 or 1) is left in `hopDir`, which saves an object per hop
   * on the busiest path of the simulation. `route` as in hopCount.
   */
  hopSlot(from: number, to: number, hop: number, route?: number): number;
  readonly hopDir: number;
  /** the stable number (see linkNumbers) of the link at `hop`, without creating it */
  hopNumber(from: number, to: number, hop: number): number;
  /** one-way propagation over the whole path, ns (carried by the hop before the last) */
  propagationNs(from: number, to: number): number;
  /** null if there is a route; else where it ends, a link id (a 'no-route' drop names it) */
  noRouteAt(from: number, to: number): string | null;
  /**
   * Anycast: which of `instances` (nodes announcing one address) a message from `from` reaches,
   * or −1 if none. Optional: a provider that leaves it out (hot potato) gets the route
   * service's default, the nearest reachable instance; BGP would decide by its own best path.
   */
  anycastInstance?(from: number, instances: readonly number[]): number;
  /**
   * Optional, for providers whose paths change length while messages are on their way (BGP):
   * a number the network keeps with a message sent now and hands back to hopCount and hopSlot,
   * so that the message finishes the path it started on (a hop index of one path means nothing
   * on a path of another length). It must tell the path's hop count on any shard (a message is
   * handed to another shard at its last hop); the rest may be the shard's own. Messages
   * of providers without it have no pin (undefined).
   */
  pin?(from: number, to: number): number;
}

/**
 * Hot-potato peering. A message from A to B crosses A's access link (up), the backbone of A's
 * network and, if B is in another network, the peering point between the two networks and B's
 * backbone, then B's access link (down). Networks interconnect at every site (region) where both
 * are present, and a network hands traffic for another network over at the interconnect nearest
 * the sender, which is what real networks do to keep traffic off their own backbone: the peering
 * link a message crosses is the one at its sender's site. Propagation is the great-circle
 * distance × the path inflation ÷ 200 km/ms, carried by the last backbone.
 */
export class HotPotatoRoutes implements RouteProvider {
  readonly name = 'hot-potato';
  hopDir = 0;
  private readonly net: Int32Array;
  private readonly site: Int32Array;
  private readonly links: LinkTable;

  constructor(private readonly ctx: RouteContext) {
    this.net = ctx.nodes.net;
    this.site = ctx.nodes.site;
    this.links = ctx.linkTable;
  }

  hopCount(from: number, to: number): number {
    return this.net[from] === this.net[to] ? 3 : 5;
  }

  hopSlot(from: number, to: number, hop: number): number {
    // Kept small: the network calls it for every hop of every message, inlined there.
    const a = this.net[from];
    const b = this.net[to];
    this.hopDir = 0;
    if (hop === 0) return this.links.accessSlot(from);
    if (hop === 1) return this.links.backboneSlot(a);
    if (hop === 3) return this.links.backboneSlot(b);
    if (hop === 2 && a !== b) {
      this.hopDir = a < b ? 0 : 1;
      return this.links.peeringSlot(a, b, this.site[from]);
    }
    this.hopDir = 1;
    return this.links.accessSlot(to);
  }

  hopNumber(from: number, to: number, hop: number): number {
    const a = this.net[from];
    const b = this.net[to];
    const n = this.net.length;
    if (hop === 0) return linkNumbers.access(from);
    if (hop === 1) return linkNumbers.backbone(n, a);
    if (hop === 3) return linkNumbers.backbone(n, b);
    if (hop === 2 && a !== b) return linkNumbers.peering(n, a, b, this.site[from]);
    return linkNumbers.access(to);
  }

  propagationNs(from: number, to: number): number {
    return propagationNs(this.ctx.nodes.distanceKm(from, to), this.ctx.inflation);
  }

  noRouteAt(from: number, to: number): string | null {
    const a = this.net[from];
    const b = this.net[to];
    return a === b || this.links.isPeered(a, b) ? null : linkIds.peering(a, b);
  }
}
