/**
 * A route provider (src/sim/net/RouteProvider.ts) that follows BGP: a message from a node of
 * network A to a node of network B crosses A's access link, then, for each AS on the path A's
 * forwarding gives now for B's address (hop by hop along each AS's own table, longest prefix
 * first), that AS's backbone and the interconnect to the next AS, and at last B's backbone and
 * B's access link. Within one network it is access, backbone, access, as with hot potato.
 *
 * - Interconnects are the link table's peering links at the sender's site, as hot potato picks
 *   them: every link before the last stays one the sender's shard owns (see RouteProvider).
 * - No route, a forwarding loop, a link that no longer carries, or a path that ends at another
 *   origin (a hijacker, which has no such node) is `noRouteAt`: the network drops the message as
 *   'no-route' at the link named.
 * - Propagation: along the AS path, each AS in the middle entered at its city that makes the
 *   shortest detour, never less than the great circle. A longer AS path is slower by its extra
 *   hops and its detour.
 * - A message keeps the path it was sent on (`pin`): forwarding may change while it is on its
 *   way, and the network's hop indices only mean something on one path.
 *
 * Paths are cached per (sender, receiver), their AS paths per (site, sender's network, receiver's
 * network) until some prefix other than the networks' own is announced, and both caches are
 * dropped whenever any forwarding table changes (`forwardingChanged`); pinned paths are interned
 * by (site, AS path), so their number stays bounded by the paths BGP ever chose.
 */
import { greatCircleKm, propagationNs } from '../../net/geo';
import { linkIds, linkNumbers, MAX_NETWORKS } from '../../net/linkIds';
import type { RouteContext, RouteProvider } from '../../net/RouteProvider';
import type { Topology } from '../../topology/types';
import type { ForwardingResult } from './BgpNetwork';

/** What the provider asks of BGP: message-level (BgpNetwork) or computed (PolicyForwarding). */
export interface Forwarding {
  /** where a packet from AS `fromAsn` to `address` goes now, hop by hop */
  forward(fromAsn: number, address: number): ForwardingResult;
  /** the next AS (ASN) from `asn` towards `address` now, or null */
  nextAsn(asn: number, address: number): number | null;
}

import { asnOfNetwork, networkOfAsn } from './networkAddresses';

export { asnOfNetwork, networkOfAsn };

/** A pin packs the path's hop count in its low bits, readable on any shard. */
const PIN_HOPS = 256;

/** The middle of a path (every link but the two access links), shared by all who use it. */
interface Middle {
  numbers: Float64Array;
  dirs: Uint8Array;
  /** the links' slots in the link table, as messages first cross them (−1 before) */
  slots: number[];
  id: number;
}

/** A route between two networks, from one site. */
interface NetRoute {
  nets: number[];
  middle: Middle;
  noRoute: string | null;
}

interface Path {
  /** the networks crossed, the sender's first */
  nets: number[];
  middle: Middle;
  hops: number;
  km: number;
  noRoute: string | null;
  pin: number;
}

export class BgpRoutes implements RouteProvider {
  readonly name = 'bgp';
  hopDir = 0;
  private readonly net: Int32Array;
  private readonly site: Int32Array;
  private readonly nodeCount: number;
  private readonly cache = new Map<number, Path>();
  private readonly byNetworks = new Map<number, NetRoute>();
  /** whether some address is routed apart from its network's (a more specific announcement) */
  private addressMatters = false;
  private readonly interned = new Map<string, Middle>();
  private readonly middles: Middle[] = [];
  /** the last path looked up, for the network's calls hop after hop on one message */
  private lastKey = -1;
  private last: Path | null = null;

  constructor(
    private readonly ctx: RouteContext,
    private readonly topology: Topology,
    private readonly bgp: Forwarding,
    /** per node: the IPv4 address BGP forwards it by */
    private readonly address: Float64Array,
  ) {
    this.net = ctx.nodes.net;
    this.site = ctx.nodes.site;
    this.nodeCount = ctx.nodes.count;
  }

  /** Forwarding changed somewhere: paths are looked up again from now on. */
  forwardingChanged(): void {
    this.cache.clear();
    this.byNetworks.clear();
    this.lastKey = -1;
    this.last = null;
  }

  /**
   * From now on each address is routed on its own: a prefix other than the networks' own was
   * announced or withdrawn, so nodes of one network may be routed apart.
   */
  routeByAddress(): void {
    this.addressMatters = true;
    this.forwardingChanged();
  }

  /** The networks a message from `from` to `to` crosses now (empty without a route). */
  asPath(from: number, to: number): readonly number[] {
    const p = this.path(from, to);
    return p.noRoute === null ? p.nets : [];
  }

  pin(from: number, to: number): number {
    return this.path(from, to).pin;
  }

  hopCount(from: number, to: number, route?: number): number {
    if (route !== undefined && route >= 0) return route % PIN_HOPS;
    return this.path(from, to).hops;
  }

  hopSlot(from: number, to: number, hop: number, route?: number): number {
    const links = this.ctx.linkTable;
    if (hop === 0) {
      this.hopDir = 0;
      return links.accessSlot(from);
    }
    const hops = this.hopCount(from, to, route);
    if (hop === hops - 1) {
      this.hopDir = 1;
      return links.accessSlot(to);
    }
    const middle =
      route !== undefined && route >= 0
        ? this.middles[Math.floor(route / PIN_HOPS)]
        : this.path(from, to).middle;
    const i = hop - 1;
    this.hopDir = middle.dirs[i];
    if (middle.slots[i] < 0) middle.slots[i] = links.slotOfNumber(middle.numbers[i]);
    return middle.slots[i];
  }

  hopNumber(from: number, to: number, hop: number): number {
    const p = this.path(from, to);
    if (hop === 0) return linkNumbers.access(from);
    if (hop === p.hops - 1) return linkNumbers.access(to);
    return p.middle.numbers[hop - 1];
  }

  propagationNs(from: number, to: number): number {
    return propagationNs(this.path(from, to).km, this.ctx.inflation);
  }

  noRouteAt(from: number, to: number): string | null {
    return this.path(from, to).noRoute;
  }

  // ---- paths ------------------------------------------------------------------------------

  private path(from: number, to: number): Path {
    const key = from * this.nodeCount + to;
    if (key === this.lastKey) return this.last!;
    let p = this.cache.get(key);
    if (p === undefined) {
      p = this.lookUp(from, to);
      this.cache.set(key, p);
    }
    this.lastKey = key;
    this.last = p;
    return p;
  }

  private lookUp(from: number, to: number): Path {
    const a = this.net[from];
    const b = this.net[to];
    if (a === b) return this.make(from, to, this.middleOf(this.site[from], [a]), [a], null);
    // While every network announces its one prefix alone, all its nodes are routed alike: the
    // AS path is worked out once per (site, sender's network, receiver's network).
    const key = this.addressMatters ? -1 : (this.site[from] * MAX_NETWORKS + a) * MAX_NETWORKS + b;
    let r = key < 0 ? undefined : this.byNetworks.get(key);
    if (r === undefined) {
      r = this.netRoute(from, to);
      if (key >= 0) this.byNetworks.set(key, r);
    }
    return this.make(from, to, r.middle, r.nets, r.noRoute);
  }

  private netRoute(from: number, to: number): NetRoute {
    const a = this.net[from];
    const b = this.net[to];
    const f = this.bgp.forward(asnOfNetwork(a), this.address[to]);
    const nets = f.path.map(networkOfAsn);
    const end = nets[nets.length - 1];
    let noRoute: string | null = null;
    if (f.lost === 'no-route') noRoute = linkIds.backbone(end);
    else if (f.lost === 'loop') noRoute = linkIds.backbone(end);
    else if (f.lost === 'dead-link') noRoute = linkIds.peering(end, this.nextAfter(end, to));
    else if (f.origin !== asnOfNetwork(b)) noRoute = linkIds.backbone(end); // hijacked
    // Without a route the path is laid out as hot potato's, for whoever asks its links.
    const laid = noRoute === null ? nets : [a, b];
    return { nets: laid, middle: this.middleOf(this.site[from], laid), noRoute };
  }

  /** The network a dead link led to: where `net`'s table sends the receiver's address. */
  private nextAfter(net: number, to: number): number {
    return networkOfAsn(this.bgp.nextAsn(asnOfNetwork(net), this.address[to]) ?? 0);
  }

  private make(
    from: number,
    to: number,
    middle: Middle,
    nets: number[],
    noRoute: string | null,
  ): Path {
    const hops = middle.numbers.length + 2;
    return {
      nets,
      middle,
      hops,
      km: this.distanceKm(from, to, nets),
      noRoute,
      pin: middle.id * PIN_HOPS + hops,
    };
  }

  private middleOf(site: number, nets: number[]): Middle {
    const key = `${site}:${nets.join(',')}`;
    const known = this.interned.get(key);
    if (known) return known;
    const count = 2 * nets.length - 1;
    if (count + 2 >= PIN_HOPS) throw new Error(`an AS path of ${nets.length} networks is too long`);
    const numbers = new Float64Array(count);
    const dirs = new Uint8Array(count);
    const n = this.nodeCount;
    for (let i = 0; i < nets.length; i++) {
      numbers[2 * i] = linkNumbers.backbone(n, nets[i]);
      if (i + 1 < nets.length) {
        numbers[2 * i + 1] = linkNumbers.peering(n, nets[i], nets[i + 1], site);
        dirs[2 * i + 1] = nets[i] < nets[i + 1] ? 0 : 1;
      }
    }
    const middle: Middle = {
      numbers,
      dirs,
      slots: Array.from(numbers, () => -1),
      id: this.middles.length,
    };
    this.middles.push(middle);
    this.interned.set(key, middle);
    return middle;
  }

  /**
   * From the sender through each AS in the middle, entered at the city of its that adds the
   * least to the way to the receiver, to the receiver; at least the great circle.
   */
  private distanceKm(from: number, to: number, nets: number[]): number {
    const { nodes } = this.ctx;
    const direct = nodes.distanceKm(from, to);
    if (nets.length <= 2) return direct;
    const dest = { lat: nodes.lat[to], lon: nodes.lon[to] };
    let here = { lat: nodes.lat[from], lon: nodes.lon[from] };
    let km = 0;
    for (let i = 1; i < nets.length - 1; i++) {
      let best = Infinity;
      let at = here;
      for (const c of this.topology.networks[nets[i]].cities) {
        const city = this.topology.cities[c];
        const d = greatCircleKm(here, city) + greatCircleKm(city, dest);
        if (d < best) {
          best = d;
          at = city;
        }
      }
      km += greatCircleKm(here, at);
      here = at;
    }
    return Math.max(direct, km + greatCircleKm(here, dest));
  }
}
