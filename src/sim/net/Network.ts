/**
 * The path-level network model: the facade models send messages through. A message from A to B
 * crosses the links its route lays out (see RouteProvider.ts: today hot-potato peering, A's
 * access link up, backbones and peering points, B's access link down).
 *
 * The parts, each in its own module:
 * - the nodes: where they are, which network and site, up or down (NetNodes.ts);
 * - the link table: classes, links created as messages need them, their counters (LinkTable.ts);
 * - routing: which link a message crosses at each hop (RouteProvider.ts), and the route service
 *   every model asks for a path's hops, round-trip time and loss (RouteService.ts);
 * - the shard look-ahead: how a network split across workers hands messages on (lookahead.ts).
 *
 * Latency = great-circle distance × path inflation ÷ 200 km/ms (carried by the last backbone)
 * + each link's hop latency + serialization + queueing +
 * optional jitter. Loss is drawn per link crossed. Queued links are handled by an event at the
 * moment the message reaches them, so their queues see arrivals in time order.
 *
 * Simplification: links without a queue (the backbones) are crossed at once when the message
 * leaves the queued link before them, so a loss or a cut there is decided, and reported, at
 * that moment rather than when the message would reach it.
 *
 * Each random decision about a message (lost on this link? how much jitter?) is a keyed draw
 * from (run seed, link, sender, sender's sequence number, hop): it does not depend on what else
 * the simulation drew before, so splitting nodes across workers cannot change it.
 */
import { assert, fail } from '../util/assert';
import { assertionsEnabled } from '../assert';
import { MessageLedger } from '../invariants/MessageLedger';
import { hashString, keyedUniform } from '../util/hash';
import type { Engine } from '../engine/Engine';
import { DROPS, LINK_STRIDE, PARAMS_AND_DOWN, transmitAt, type Link } from './Link';
import { CHUNK_BITS, CHUNK_MASK, LinkTable, type LinkInfo } from './LinkTable';
import type { LinkClassName, LinkParams } from './linkClasses';
import { minHandoffDelayNs, type Sharding } from './lookahead';
import type { DropReason, Message } from './Message';
import { NetNodes, type NetNodeSpec } from './NetNodes';
import { HotPotatoRoutes, type RouteProvider } from './RouteProvider';
import { RouteService } from './RouteService';

export { linkIds, linkNumbers } from './linkIds';
export type { LinkInfo } from './LinkTable';
export type { NetNodeSpec } from './NetNodes';
export type { Sharding } from './lookahead';

export interface NetworkOptions {
  /** run seed: feeds the keyed loss and jitter draws */
  seed: number;
  /** real paths are longer than the great circle by this factor (≥ 1) */
  inflation: number;
  /** per-class overrides of the defaults */
  classes?: Partial<Record<LinkClassName, Partial<LinkParams>>>;
  /** names of the interconnection sites, for peering links' ids (`peering:net-1/net-4@europe`) */
  siteNames?: readonly string[];
}

export type DeliverHandler = (msg: Message) => void;
/** `where` names the link (e.g. `peering:net-0/net-3`) or, for 'node-down', the node. */
export type TraceHandler = (msg: Message, outcome: 'delivered' | DropReason, where: string) => void;
export type DropHandler = (msg: Message, reason: DropReason, where: string) => void;

/** A message on its way, as the packet overlay draws it. */
export interface InFlight {
  from: number;
  to: number;
  type: string;
  sentAt: number;
  /** when it would arrive over an empty path (no queueing, no jitter), ns */
  expectedAt: number;
}

export class Network {
  private inflationFactor: number;
  readonly nodes: NetNodes;
  readonly linkTable: LinkTable;
  /** the link classes now (changed in place by setClassParams) */
  readonly classes: Record<LinkClassName, LinkParams>;
  /** the provider every message is routed by; replace it through `routes.use` */
  routing: RouteProvider;
  /** the path between two nodes, its round-trip time and its loss, for every model */
  readonly routes: RouteService;
  private readonly nodeUp: Uint8Array;
  private readonly runKey: number;
  private readonly hopKind: number;
  private sharding: Sharding | null = null;
  private tracer: TraceHandler | null = null;
  private readonly deliverKind: number;
  private deliverHandler: DeliverHandler = () => {};
  /** per message type, the handler of the model that owns it (several models share a world) */
  private readonly deliverByType = new Map<string, DeliverHandler>();
  private readonly dropByType = new Map<string, DropHandler>();
  /** messages on their way by (sender, seq), when asked for (small topologies only) */
  private inFlight: Map<number, InFlight> | null = null;
  private dropHandler: DropHandler = () => {};
  /** with assertions on: every message's fate, checked (see invariants/MessageLedger) */
  private readonly ledger = assertionsEnabled ? new MessageLedger() : null;
  /** messages sent, delivered and dropped (by reason) so far */
  readonly counts = {
    sent: 0,
    delivered: 0,
    dropped: 0,
    byReason: { loss: 0, 'queue-full': 0, 'link-down': 0, 'no-route': 0, 'node-down': 0 } as Record<
      DropReason,
      number
    >,
  };

  constructor(
    private readonly engine: Engine,
    nodes: readonly NetNodeSpec[],
    options: NetworkOptions,
  ) {
    this.inflationFactor = checkInflation(options.inflation);
    this.nodes = new NetNodes(nodes);
    this.nodeUp = this.nodes.up;
    this.linkTable = new LinkTable(this.nodes, options.classes, options.siteNames ?? []);
    this.classes = this.linkTable.classes;
    this.routing = new HotPotatoRoutes(this);
    this.routes = new RouteService(this);
    this.runKey = hashString(`net/${options.seed}`);
    this.hopKind = engine.registerKind('net.hop', (_target, _arg, msg) =>
      this.advance(msg as Message),
    );
    this.deliverKind = engine.registerKind('net.deliver', (_target, _arg, msg) =>
      this.deliver(msg as Message),
    );
  }

  /** Real path length ÷ great-circle distance (≥ 1). Takes effect for messages sent from now on. */
  get inflation(): number {
    return this.inflationFactor;
  }

  set inflation(value: number) {
    this.inflationFactor = checkInflation(value);
  }

  get nodeCount(): number {
    return this.nodes.count;
  }

  /** The message counters as flat summable numbers: `net.sent`, `net.delivered`, `net.dropped.<reason>`. */
  counterSnapshot(): Record<string, number> {
    const out: Record<string, number> = {
      'net.sent': this.counts.sent,
      'net.delivered': this.counts.delivered,
      'net.dropped': this.counts.dropped,
    };
    for (const [reason, n] of Object.entries(this.counts.byReason))
      out[`net.dropped.${reason}`] = n;
    if (this.ledger) {
      out['net.inFlight'] = this.ledger.inFlight;
      out['net.handedOff'] = this.ledger.handedOff;
      out['net.takenOver'] = this.ledger.takenOver;
    }
    return out;
  }

  /**
   * Who takes delivered messages: with `types`, the handler of the model that owns those message
   * types (each type has one owner, so several models can share a world); without, every message
   * no model has claimed.
   */
  onDeliver(handler: DeliverHandler, types?: readonly string[]): void {
    if (types) claim(this.deliverByType, types, handler);
    else this.deliverHandler = handler;
  }

  /** Sees every delivery and drop (for event logs), besides the model's own handlers. */
  onTrace(tracer: TraceHandler | null): void {
    this.tracer = tracer;
  }

  /** Who hears of dropped messages; `types` as in onDeliver. */
  onDrop(handler: DropHandler, types?: readonly string[]): void {
    if (types) claim(this.dropByType, types, handler);
    else this.dropHandler = handler;
  }

  /** Sends a message now. Its fate (delivery or a drop with a reason) is reported through the handlers. */
  send(from: number, to: number, sizeBytes: number, type: string, body?: unknown): Message {
    // Tested inline: `assert`'s message is a template built before the call, for every
    // message sent (150,000 a simulated second at the 2009 scale), failing or not.
    if (!(from >= 0 && from < this.nodeCount && to >= 0 && to < this.nodeCount))
      fail(`no such node: ${from} → ${to}`);
    if (!(sizeBytes > 0 && Number.isFinite(sizeBytes)))
      fail(`message size must be positive, got ${sizeBytes}`);
    const msg: Message = {
      from,
      to,
      seq: this.engine.nextSeq(from),
      sizeBytes,
      type,
      body,
      sentAt: this.engine.now,
      propagationNs: this.routing.propagationNs(from, to),
      hop: 0,
    };
    // Only a provider that pins gives its messages a `route`: hot potato's keep the shape they
    // always had, which the per-hop code is compiled for.
    if (this.routing.pin !== undefined)
      (msg as { route?: number }).route = this.routing.pin(from, to);
    this.counts.sent++;
    this.ledger?.sent(msg);
    if (!this.nodeUp[from]) return this.drop(msg, 'node-down', this.nodes.names[from]);
    const noRoute = this.routing.noRouteAt(from, to);
    if (noRoute !== null) return this.drop(msg, 'no-route', noRoute);
    this.track(msg);
    this.advance(msg);
    return msg;
  }

  /**
   * One-way latency of an empty path (no queueing, no jitter) for a message of `sizeBytes`.
   * The route service's (`routes.latencyNs`): models ask that; this stays for the mapping code
   * and the network's own tests.
   */
  baseLatencyNs(from: number, to: number, sizeBytes: number): number {
    return this.routes.latencyNs(from, to, sizeBytes);
  }

  distanceKm(from: number, to: number): number {
    return this.nodes.distanceKm(from, to);
  }

  setNodeUp(node: number, up: boolean): void {
    this.nodeUp[node] = up ? 1 : 0;
  }

  isNodeUp(node: number): boolean {
    return this.nodeUp[node] === 1;
  }

  /**
   * Writes into out[id], for each of `ids` (ascending, distinct), 1 if that node is up, else 0.
   * Every frame asks for a shard's nodes (tens of thousands at the 2009 scale): a lone shard's
   * are all of them, a copy of the whole array.
   */
  copyNodeUp(ids: Int32Array, out: Uint8Array): void {
    if (ids.length === this.nodeUp.length) out.set(this.nodeUp);
    else for (let i = 0; i < ids.length; i++) out[ids[i]] = this.nodeUp[ids[i]];
  }

  /** Cuts (or restores) the peering between two networks: their customers cannot reach each other. */
  setPeering(netA: number, netB: number, peered: boolean): void {
    this.linkTable.setPeering(netA, netB, peered);
  }

  /** Network pairs without peering now, flattened (a, b, a, b…) with a < b. */
  dePeeredPairs(): number[] {
    return this.linkTable.dePeeredPairs();
  }

  /**
   * Starts (or stops) keeping the messages on their way, for drawing them. Bookkeeping only: it
   * changes no event. A message handed to another shard moves to that shard's list.
   */
  trackInFlight(on: boolean): void {
    this.inFlight = on ? (this.inFlight ?? new Map()) : null;
  }

  /** Messages on their way now (empty unless tracked), at most `limit`, earliest sent first. */
  messagesInFlight(limit: number): InFlight[] {
    if (!this.inFlight) return [];
    const all = [...this.inFlight.values()];
    if (all.length > limit) all.sort((a, b) => a.sentAt - b.sentAt);
    return all.slice(0, limit);
  }

  private track(msg: Message): void {
    if (!this.inFlight) return;
    this.inFlight.set(flightKey(msg), {
      from: msg.from,
      to: msg.to,
      type: msg.type,
      sentAt: msg.sentAt,
      expectedAt: msg.sentAt + this.routes.latencyNs(msg.from, msg.to, msg.sizeBytes),
    });
  }

  // --- the link table (see LinkTable) ---

  /**
   * The link with this id (see linkIds), created if no message has used it yet; undefined if
   * the id names no link of this network.
   */
  linkById(id: string): Link | undefined {
    return this.linkTable.linkById(id);
  }

  /** The node's access link if any message has used it yet (snapshots must not create links). */
  existingAccessLink(node: number): Link | undefined {
    return this.linkTable.existingAccessLink(node);
  }

  accessLink(node: number): Link {
    return this.linkTable.accessLink(node);
  }

  backboneLink(network: number): Link {
    return this.linkTable.backboneLink(network);
  }

  /** The interconnect between two networks at one site (region). */
  peeringLink(netA: number, netB: number, site = 0): Link {
    return this.linkTable.peeringLink(netA, netB, site);
  }

  /** Every link used so far (for snapshots of link traffic). */
  links(): Link[] {
    return this.linkTable.links();
  }

  /** See LinkTable.setClassParams. */
  setClassParams(cls: LinkClassName, change: { lossRate?: number; extraLatencyNs?: number }): void {
    this.linkTable.setClassParams(cls, change);
  }

  /** Replaces some parameters of one link (the link keeps its queue state). */
  overrideLink(link: Link, params: Partial<LinkParams>): void {
    this.linkTable.overrideLink(link, params);
  }

  /** See LinkTable.setLink. */
  setLink(link: Link, change: { up?: boolean; lossRate?: number; extraLatencyNs?: number }): void {
    this.linkTable.setLink(link, change);
  }

  /** The node's access link as plain data, without creating it. */
  accessLinkInfo(node: number): LinkInfo {
    return this.linkTable.accessLinkInfo(node);
  }

  /** See LinkTable.forEachLink. */
  forEachLink(visit: (num: number, link: Link) => void): void {
    this.linkTable.forEachLink(visit);
  }

  /** See LinkTable.linkTraffic. */
  linkTraffic(): ReturnType<LinkTable['linkTraffic']> {
    return this.linkTable.linkTraffic();
  }

  // --- carrying messages ---

  /**
   * Carries a message across links from its current hop on, starting now. Stops at the next
   * queued link it reaches in the future (an event resumes it there) or delivers it.
   */
  private advance(msg: Message): void {
    const { from, to, route } = msg;
    const routing = this.routing;
    const table = this.linkTable;
    const params = table.book.list;
    const hops = routing.hopCount(from, to, route);
    let t = this.engine.now;
    while (msg.hop < hops) {
      // A message waits for an event where a queue must see arrivals in time order, and at
      // the one link where it may pass to another worker (the receiver's access link: every
      // earlier link is at the sender's site), whether or not the run is split, so that the
      // event trace does not depend on the split. At the last link it always waits: the link
      // is looked up when the message crosses it, not also now (a cache miss per message).
      const last = msg.hop === hops - 1;
      if (last && t > this.engine.now) {
        this.waitAt(msg, t, true);
        return;
      }
      // The link's state line is all of it read here (see Link's LINK_STRIDE); its object only
      // for a drop's id or a lossy or jittery link's key.
      const slot = routing.hopSlot(from, to, msg.hop, route);
      const dir = routing.hopDir;
      const s = table.stateChunks[slot >> CHUNK_BITS];
      const at = (slot & CHUNK_MASK) * LINK_STRIDE;
      const paramsAndDown = s[at + PARAMS_AND_DOWN];
      const p = params[paramsAndDown >> 1];
      if (t > this.engine.now && p.queued) {
        this.waitAt(msg, t, last);
        return;
      }
      if ((paramsAndDown & 1) !== 0) {
        s[at + DROPS]++;
        this.drop(msg, 'link-down', table.linkAt(slot).id);
        return;
      }
      const leave = transmitAt(s, at, p, dir, t, msg.sizeBytes);
      if (leave < 0) {
        this.drop(msg, 'queue-full', table.linkAt(slot).id);
        return;
      }
      if (p.lossRate > 0 && this.lost(table.linkAt(slot), msg, p.lossRate)) return;
      // Propagation is carried by the hop before the last (see RouteProvider).
      t = leave + p.hopLatencyNs + (msg.hop === hops - 2 ? msg.propagationNs : 0);
      if (p.jitterMeanNs > 0) t += this.jitterNs(table.linkAt(slot), msg, p.jitterMeanNs);
      msg.hop++;
    }
    this.engine.scheduleKeyed(t, from, msg.seq, to, this.deliverKind, hops, msg);
  }

  /** Whether `msg` is lost crossing `link` now (it is then dropped). */
  private lost(link: Link, msg: Message, lossRate: number): boolean {
    if (keyedUniform(this.runKey ^ link.key, msg.from, msg.seq, msg.hop) >= lossRate) return false;
    link.drops++;
    this.drop(msg, 'loss', link.id);
    return true;
  }

  /** The exponential extra delay `msg` draws crossing `link` now. */
  private jitterNs(link: Link, msg: Message, meanNs: number): number {
    const u = keyedUniform(this.runKey ^ link.key ^ 0x5bd1e995, msg.from, msg.seq, msg.hop);
    return Math.round(-meanNs * Math.log(1 - u));
  }

  /** The message reaches its next link at `t`: an event there, or the receiver's shard's. */
  private waitAt(msg: Message, t: number, last: boolean): void {
    const sharding = last ? this.sharding : null;
    if (sharding && sharding.shardOfNode[msg.to] !== sharding.myShard) {
      this.inFlight?.delete(flightKey(msg));
      this.ledger?.handOff(msg);
      sharding.handoff(sharding.shardOfNode[msg.to], t, msg);
    } else {
      this.engine.scheduleKeyed(t, msg.from, msg.seq, msg.to, this.hopKind, msg.hop, msg);
    }
  }

  // --- sharding (see lookahead) ---

  /**
   * Splits the network across workers: this instance then runs only `myShard`'s part, and
   * hands a message to `handoff` when it reaches a link another shard owns.
   */
  setSharding(sharding: Sharding): void {
    this.sharding = sharding;
  }

  /** Takes over a message handed off by another shard; `t` is when it reaches its next link. */
  receive(t: number, msg: Message): void {
    this.track(msg);
    this.ledger?.takeOver(msg);
    this.engine.scheduleKeyed(t, msg.from, msg.seq, msg.to, this.hopKind, msg.hop, msg);
  }

  /** The lookahead of a conservative run (see lookahead.ts). */
  minHandoffDelayNs(): number {
    return minHandoffDelayNs(this.linkTable, this.nodes, this.sharding);
  }

  private deliver(msg: Message): void {
    this.inFlight?.delete(flightKey(msg));
    if (!this.nodeUp[msg.to]) {
      this.drop(msg, 'node-down', this.nodes.names[msg.to]);
      return;
    }
    this.ledger?.delivered(msg, this.engine.now);
    this.counts.delivered++;
    this.tracer?.(msg, 'delivered', '');
    (this.deliverByType.get(msg.type) ?? this.deliverHandler)(msg);
  }

  private drop(msg: Message, reason: DropReason, where: string): Message {
    this.inFlight?.delete(flightKey(msg));
    this.ledger?.dropped(msg);
    this.counts.dropped++;
    this.counts.byReason[reason]++;
    this.tracer?.(msg, reason, where);
    (this.dropByType.get(msg.type) ?? this.dropHandler)(msg, reason, where);
    return msg;
  }
}

/** Gives each message type one handler; a type two models claim is a mistake in their names. */
function claim<H>(byType: Map<string, H>, types: readonly string[], handler: H): void {
  for (const t of types) {
    if (byType.has(t)) throw new Error(`message type ${t} already has a handler`);
    byType.set(t, handler);
  }
}

/** (sender, sequence number) as one number: node ids stay below 2^21, sequence numbers below 2^32. */
function flightKey(msg: Message): number {
  return msg.from * 4294967296 + msg.seq;
}

function checkInflation(f: number): number {
  assert(f >= 1 && Number.isFinite(f), `path inflation must be ≥ 1, got ${f}`);
  return f;
}
