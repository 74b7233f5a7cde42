/**
 * The route service: every model's one idea of the path between two nodes. A route is the list
 * of links a message crosses (as the network's route provider lays it out), and from it the
 * service derives what models used to work out each on its own: the one-way latency of an empty
 * path, the round-trip time, and the probability that a message gets through.
 *
 * Nothing here creates a link: a link nobody has used yet is read as its class (which is exactly
 * how it would be created), so asking about a path leaves the link table, and every snapshot of
 * it, as it was.
 *
 * Routing itself is pluggable: `use` installs another provider while the simulation runs, and
 * models that keep something derived from a route (a TCP connection's loss) hear of it through
 * `onChange`.
 */
import { serializationNs } from './linkClasses';
import type { LinkTable } from './LinkTable';
import type { NetNodes } from './NetNodes';
import { HotPotatoRoutes, type RouteContext, type RouteProvider } from './RouteProvider';

/** a small message (a DNS query), for ranking anycast instances by round-trip time */
const ANYCAST_PROBE_BYTES = 100;

/** The path between two nodes as the network would carry a message now. */
export interface Route {
  from: number;
  to: number;
  /** ids of the links crossed, in order (see linkIds) */
  hops: string[];
  /** their stable numbers (see linkNumbers), in the same order */
  linkNumbers: number[];
  /** null if the route exists; else where it ends (a link id), as a 'no-route' drop names it */
  noRouteAt: string | null;
}

/** What the service needs of the network it serves. */
export interface RouteHost extends RouteContext {
  readonly nodes: NetNodes;
  readonly linkTable: LinkTable;
  /** the provider the network routes every message by */
  routing: RouteProvider;
}

export class RouteService {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly host: RouteHost) {}

  /** The provider routing every message now. */
  get provider(): RouteProvider {
    return this.host.routing;
  }

  /**
   * Routes every message from now on with `provider` (given, or made from the network's nodes
   * and links). A message on its way follows the new routes from its next hop on.
   */
  use(provider: RouteProvider | ((ctx: RouteContext) => RouteProvider)): RouteProvider {
    this.host.routing = typeof provider === 'function' ? provider(this.host) : provider;
    for (const listener of this.listeners) listener();
    return this.host.routing;
  }

  /** Back to the default: hot-potato peering. */
  useDefault(): RouteProvider {
    return this.use((ctx) => new HotPotatoRoutes(ctx));
  }

  /** Calls `listener` whenever the provider changes; returns a function that stops it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The links a message from `from` to `to` crosses now. */
  route(from: number, to: number): Route {
    const r = this.host.routing;
    const hops = r.hopCount(from, to);
    const numbers: number[] = [];
    for (let hop = 0; hop < hops; hop++) numbers.push(r.hopNumber(from, to, hop));
    return {
      from,
      to,
      hops: numbers.map((n) => this.host.linkTable.idOfNumber(n)),
      linkNumbers: numbers,
      noRouteAt: r.noRouteAt(from, to),
    };
  }

  /**
   * One-way latency of an empty path (no queueing, no jitter) for a message of `sizeBytes`:
   * per link, serialization and hop latency, and the path's propagation on the link that
   * carries it. What the network charges such a message crossing an idle path.
   */
  latencyNs(from: number, to: number, sizeBytes: number): number {
    const r = this.host.routing;
    const links = this.host.linkTable;
    const hops = r.hopCount(from, to);
    const total = r.propagationNs(from, to);
    let t = 0;
    for (let hop = 0; hop < hops; hop++) {
      const p = links.paramsOfNumber(r.hopNumber(from, to, hop));
      t +=
        serializationNs(sizeBytes, p.bandwidthBps) +
        p.hopLatencyNs +
        (hop === hops - 2 ? total : 0);
    }
    return t;
  }

  /**
   * Round-trip time of an empty path: a message of `sizeThere` bytes from `a` to `b` and one of
   * `sizeBack` bytes (by default the same) back.
   */
  rttNs(a: number, b: number, sizeThere: number, sizeBack = sizeThere): number {
    return this.latencyNs(a, b, sizeThere) + this.latencyNs(b, a, sizeBack);
  }

  /**
   * Probability that a message from `from` reaches `to`: the product over the links crossed of
   * (1 − loss); 0 if either end is down, a link on the way is down, or there is no route.
   * Queues are left out (an idle path drops nothing for lack of room).
   */
  deliveryProbability(from: number, to: number): number {
    const { nodes } = this.host;
    if (!nodes.up[from] || !nodes.up[to]) return 0;
    return this.pathDeliveryProbability(from, to);
  }

  /**
   * The same, with the two ends taken as up: what the path itself lets through (the mapping
   * system reads paths this way, and learns of failed servers from its monitoring, later).
   */
  pathDeliveryProbability(from: number, to: number): number {
    const { linkTable: links, routing: r } = this.host;
    if (r.noRouteAt(from, to) !== null) return 0;
    const hops = r.hopCount(from, to);
    let q = 1;
    for (let hop = 0; hop < hops; hop++) {
      const num = r.hopNumber(from, to, hop);
      if (!links.isUpNumber(num)) return 0;
      q *= 1 - links.paramsOfNumber(num).lossRate;
    }
    return q;
  }

  /**
   * Anycast (RFC 4786): the instance of `instances`, nodes that all announce one address, that a
   * message from `from` to that address reaches now, or −1 if none can be reached. The provider
   * decides when it knows how (a BGP provider: its best path); otherwise the nearest instance by
   * round-trip time among those a message can reach (an instance that is down or cut off has
   * withdrawn its route), ties to the lower node id. Routing towards a failed instance stops at
   * once: the model has no BGP convergence delay.
   */
  anycastInstance(from: number, instances: readonly number[]): number {
    const chosen = this.host.routing.anycastInstance?.(from, instances);
    if (chosen !== undefined) return chosen;
    let best = -1;
    let bestRtt = Infinity;
    for (const node of instances) {
      if (this.deliveryProbability(from, node) === 0) continue;
      const rtt = this.rttNs(from, node, ANYCAST_PROBE_BYTES);
      if (rtt < bestRtt || (rtt === bestRtt && node < best)) {
        best = node;
        bestRtt = rtt;
      }
    }
    return best;
  }

  /** 1 − deliveryProbability: the chance a message from `from` to `to` is lost on the way. */
  lossRate(from: number, to: number): number {
    return 1 - this.deliveryProbability(from, to);
  }
}
