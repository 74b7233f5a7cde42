/**
 * The path-level network model. A message from A to B crosses, in order: A's access link
 * (up), the backbone of A's network, and, if B is in another network, the peering point
 * between the two networks and B's backbone, then B's access link (down).
 *
 * Networks interconnect at every site (region) where both are present, and a network hands
 * traffic for another network over at the interconnect nearest the sender ("hot-potato"
 * routing, which is what real networks do to keep traffic off their own backbone). So the
 * peering link a message crosses is the one at its sender's site.
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
import { assert } from '../util/assert';
import { assertionsEnabled } from '../assert';
import { MessageLedger } from '../invariants/MessageLedger';
import { hashString, keyedUniform } from '../util/hash';
import type { Engine } from '../engine/Engine';
import { greatCircleKm, propagationNs } from './geo';
import { Link, LINK_COUNTERS } from './Link';
import {
  DEFAULT_LINK_CLASSES,
  serializationNs,
  type LinkClassName,
  type LinkParams,
} from './linkClasses';
import type { DropReason, Message } from './Message';

export interface NetNodeSpec {
  lat: number;
  lon: number;
  /** index of the network (autonomous system) the node sits in */
  network: number;
  /** class of the node's access link: `firstMile` for servers, `lastMile` for users */
  access: LinkClassName;
  /** stable name used for the access link's id */
  name?: string;
  /** the interconnection site (region) the node's network hands its traffic over at; default 0 */
  site?: number;
}

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

/** How a network split across workers finds the owner of a link and passes messages on. */
export interface Sharding {
  myShard: number;
  /**
   * per node id: the shard that owns it, its access link and the peering links at its site
   * (every node of a site must be in the same shard)
   */
  shardOfNode: Int32Array;
  /** called with a message that reaches, at time t, a link owned by `shard` */
  handoff: (shard: number, t: number, msg: Message) => void;
}

export type DeliverHandler = (msg: Message) => void;
/** `where` names the link (e.g. `peering:net-0/net-3`) or, for 'node-down', the node. */
export type TraceHandler = (msg: Message, outcome: 'delivered' | DropReason, where: string) => void;
export type DropHandler = (msg: Message, reason: DropReason, where: string) => void;

/** One link's state as plain data, for inspectors. */
export interface LinkInfo {
  id: string;
  cls: LinkClassName;
  up: boolean;
  lossRate: number;
  hopLatencyNs: number;
  /** the class's hop latency as the scenario set it: the floor of any change */
  baseHopLatencyNs: number;
}

/** A message on its way, as the packet overlay draws it. */
export interface InFlight {
  from: number;
  to: number;
  type: string;
  sentAt: number;
  /** when it would arrive over an empty path (no queueing, no jitter), ns */
  expectedAt: number;
}

/** Link ids, built in one place: commands name links by them. */
export const linkIds = {
  access: (nodeName: string) => `access:${nodeName}`,
  backbone: (network: number) => `backbone:net-${network}`,
  /** `site` is the site's name, or undefined for the whole world of a topology without regions */
  peering: (netA: number, netB: number, site?: string) =>
    `peering:net-${Math.min(netA, netB)}/net-${Math.max(netA, netB)}${site === undefined ? '' : `@${site}`}`,
};

/**
 * Stable link numbers, the same in every shard whatever links it has used so far, so shards'
 * per-link traffic can be summed by number: access links by node id, then backbones by network
 * id, then peering links by (network pair, site). Exact integers up to ~2^53 (keep them in a
 * Float64Array).
 */
export const linkNumbers = {
  access: (node: number) => node,
  backbone: (nodeCount: number, network: number) => nodeCount + network,
  peering: (nodeCount: number, netA: number, netB: number, site: number) =>
    nodeCount + MAX_NETWORKS + pairKey(netA, netB) * MAX_SITES + site,
  /** The two networks (lower id first) of a peering link's number; null for another link. */
  peeringPair: (nodeCount: number, num: number): [number, number] | null => {
    const key = Math.floor((num - nodeCount - MAX_NETWORKS) / MAX_SITES);
    return key < 0 ? null : [Math.floor(key / MAX_NETWORKS), key % MAX_NETWORKS];
  },
};

const ACCESS_UP = 0;
const ACCESS_DOWN = 1;

export class Network {
  private inflationFactor: number;
  readonly classes: Record<LinkClassName, LinkParams>;
  /** the classes as the scenario set them up, before any change while running */
  private readonly baseClasses = {} as Record<LinkClassName, LinkParams>;
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly net: Int32Array;
  private readonly site: Int32Array;
  private readonly siteNames: readonly string[];
  private readonly accessClass: LinkClassName[];
  private readonly names: string[];
  private readonly nodeUp: Uint8Array;
  private readonly accessLinks: (Link | undefined)[];
  private readonly backbones = new Map<number, Link>();
  private readonly peerings = new Map<number, Link>();
  private readonly dePeered = new Set<number>();
  private readonly runKey: number;
  private readonly hopKind: number;
  private hopDir = 0;
  private sharding: Sharding | null = null;
  private tracer: TraceHandler | null = null;
  private readonly deliverKind: number;
  private deliverHandler: DeliverHandler = () => {};
  /** per message type, the handler of the model that owns it (several models share a world) */
  private readonly deliverByType = new Map<string, DeliverHandler>();
  private readonly dropByType = new Map<string, DropHandler>();
  /** messages on their way by (sender, seq), when asked for (small topologies only) */
  private inFlight: Map<number, InFlight> | null = null;
  private nodeByName: Map<string, number> | null = null;
  /** every link created, by slot (creation order) */
  private readonly slotLinks: Link[] = [];
  /**
   * The links' counters, side by side in chunks (a link's counters are a view into one), and
   * per slot the link's number: a snapshot sweeps them instead of visiting every Link object.
   */
  private readonly counterChunks: Float64Array[] = [];
  private readonly numberChunks: Float64Array[] = [];
  /** slots in ascending order of link number; links added since are merged in when asked */
  private slotOrder = new Int32Array(0);
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
    this.classes = {} as Record<LinkClassName, LinkParams>;
    for (const cls of Object.keys(DEFAULT_LINK_CLASSES) as LinkClassName[]) {
      // Frozen: links share their class's object until overridden, so changing it in place
      // would silently change every link of the class.
      this.classes[cls] = Object.freeze({
        ...DEFAULT_LINK_CLASSES[cls],
        ...options.classes?.[cls],
      });
      checkParams(cls, this.classes[cls]);
      this.baseClasses[cls] = this.classes[cls];
    }
    const n = nodes.length;
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.net = new Int32Array(n);
    this.site = new Int32Array(n);
    this.siteNames = options.siteNames ?? [];
    this.nodeUp = new Uint8Array(n).fill(1);
    this.accessClass = new Array<LinkClassName>(n);
    this.names = new Array<string>(n);
    this.accessLinks = new Array<Link | undefined>(n);
    nodes.forEach((node, i) => {
      assert(
        Number.isInteger(node.network) && node.network >= 0 && node.network < MAX_NETWORKS,
        `node ${i}: network must be an integer in [0, ${MAX_NETWORKS}), got ${node.network}`,
      );
      this.lat[i] = node.lat;
      this.lon[i] = node.lon;
      this.net[i] = node.network;
      const site = node.site ?? 0;
      assert(
        Number.isInteger(site) && site >= 0 && site < MAX_SITES,
        `node ${i}: site must be an integer in [0, ${MAX_SITES}), got ${node.site}`,
      );
      this.site[i] = site;
      this.accessClass[i] = node.access;
      this.names[i] = node.name ?? `node:${i}`;
    });
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
    return this.lat.length;
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
    assert(
      from >= 0 && from < this.nodeCount && to >= 0 && to < this.nodeCount,
      `no such node: ${from} → ${to}`,
    );
    assert(
      sizeBytes > 0 && Number.isFinite(sizeBytes),
      `message size must be positive, got ${sizeBytes}`,
    );
    const msg: Message = {
      from,
      to,
      seq: this.engine.nextSeq(from),
      sizeBytes,
      type,
      body,
      sentAt: this.engine.now,
      propagationNs: this.pathPropagationNs(from, to),
      hop: 0,
    };
    this.counts.sent++;
    this.ledger?.sent(msg);
    if (!this.nodeUp[from]) return this.drop(msg, 'node-down', this.names[from]);
    if (
      this.net[from] !== this.net[to] &&
      this.dePeered.has(pairKey(this.net[from], this.net[to]))
    ) {
      const a = Math.min(this.net[from], this.net[to]);
      const b = Math.max(this.net[from], this.net[to]);
      return this.drop(msg, 'no-route', linkIds.peering(a, b));
    }
    this.track(msg);
    this.advance(msg);
    return msg;
  }

  /** One-way latency of an empty path (no queueing, no jitter) for a message of `sizeBytes`. */
  baseLatencyNs(from: number, to: number, sizeBytes: number): number {
    let t = 0;
    const hops = this.hopCount(from, to);
    const total = this.pathPropagationNs(from, to);
    for (let hop = 0; hop < hops; hop++) {
      const link = this.hopLink(from, to, hop);
      t +=
        serializationNs(sizeBytes, link.params.bandwidthBps) +
        link.params.hopLatencyNs +
        this.propagationOnHop(total, hops, hop);
    }
    return t;
  }

  /**
   * The same as baseLatencyNs, without creating the path's links (a link nobody sent over stays
   * absent from the link table): for a model that only reports a trip, e.g. to draw it.
   */
  emptyPathLatencyNs(from: number, to: number, sizeBytes: number): number {
    let t = 0;
    const hops = this.hopCount(from, to);
    const total = this.pathPropagationNs(from, to);
    for (let hop = 0; hop < hops; hop++) {
      const p = this.hopParams(from, to, hop);
      t +=
        serializationNs(sizeBytes, p.bandwidthBps) +
        p.hopLatencyNs +
        this.propagationOnHop(total, hops, hop);
    }
    return t;
  }

  distanceKm(from: number, to: number): number {
    return greatCircleKm(
      { lat: this.lat[from], lon: this.lon[from] },
      { lat: this.lat[to], lon: this.lon[to] },
    );
  }

  setNodeUp(node: number, up: boolean): void {
    this.nodeUp[node] = up ? 1 : 0;
  }

  isNodeUp(node: number): boolean {
    return this.nodeUp[node] === 1;
  }

  /** Cuts (or restores) the peering between two networks: their customers cannot reach each other. */
  setPeering(netA: number, netB: number, peered: boolean): void {
    if (peered) this.dePeered.delete(pairKey(netA, netB));
    else this.dePeered.add(pairKey(netA, netB));
  }

  /** Network pairs without peering now, flattened (a, b, a, b…) with a < b. */
  dePeeredPairs(): number[] {
    const out: number[] = [];
    for (const key of [...this.dePeered].sort((x, y) => x - y))
      out.push(Math.floor(key / MAX_NETWORKS), key % MAX_NETWORKS);
    return out;
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
      expectedAt: msg.sentAt + this.baseLatencyNs(msg.from, msg.to, msg.sizeBytes),
    });
  }

  /**
   * The link with this id (see linkIds), created if no message has used it yet; undefined if
   * the id names no link of this network.
   */
  linkById(id: string): Link | undefined {
    const colon = id.indexOf(':');
    const kind = id.slice(0, colon);
    const rest = id.slice(colon + 1);
    if (kind === 'access') {
      this.nodeByName ??= new Map(this.names.map((name, i) => [name, i]));
      const node = this.nodeByName.get(rest);
      return node === undefined ? undefined : this.accessLink(node);
    }
    const nets = new Set(this.net);
    if (kind === 'backbone') {
      const m = /^net-(\d+)$/.exec(rest);
      return m && nets.has(Number(m[1])) ? this.backboneLink(Number(m[1])) : undefined;
    }
    if (kind === 'peering') {
      const m = /^net-(\d+)\/net-(\d+)(?:@(.+))?$/.exec(rest);
      if (!m) return undefined;
      const [a, b] = [Number(m[1]), Number(m[2])];
      if (a >= b || !nets.has(a) || !nets.has(b)) return undefined;
      const site = this.siteIndex(m[3]);
      if (site < 0) return undefined;
      const link = this.peeringLink(a, b, site);
      return link.id === id ? link : undefined;
    }
    return undefined;
  }

  private siteIndex(name: string | undefined): number {
    if (name === undefined) return 0;
    const named = this.siteNames.indexOf(name);
    if (named >= 0) return named;
    const m = /^site-(\d+)$/.exec(name);
    return m && Number(m[1]) < MAX_SITES ? Number(m[1]) : -1;
  }

  /**
   * Changes one link while running: up or down, its loss, and an extra latency on top of its
   * class's hop latency as the scenario set it (never below, so the run's lookahead stays valid).
   */
  setLink(link: Link, change: { up?: boolean; lossRate?: number; extraLatencyNs?: number }): void {
    if (change.up !== undefined) link.up = change.up;
    const params: Partial<LinkParams> = {};
    if (change.lossRate !== undefined) params.lossRate = change.lossRate;
    if (change.extraLatencyNs !== undefined) {
      assert(change.extraLatencyNs >= 0, `extra latency must be ≥ 0, got ${change.extraLatencyNs}`);
      params.hopLatencyNs = this.baseClasses[link.cls].hopLatencyNs + change.extraLatencyNs;
    }
    if (Object.keys(params).length > 0) this.overrideLink(link, params);
  }

  /** The node's access link as plain data, without creating it. */
  accessLinkInfo(node: number): LinkInfo {
    const link = this.accessLinks[node];
    const cls = this.accessClass[node];
    const p = link?.params ?? this.classes[cls];
    return {
      id: link?.id ?? linkIds.access(this.names[node]),
      cls,
      up: link?.up ?? true,
      lossRate: p.lossRate,
      hopLatencyNs: p.hopLatencyNs,
      baseHopLatencyNs: this.baseClasses[cls].hopLatencyNs,
    };
  }

  /**
   * Visits every link used (or changed) so far with its stable number (see linkNumbers), in
   * ascending order of number, so that shards' lists merge in one pass.
   */
  forEachLink(visit: (num: number, link: Link) => void): void {
    for (const slot of this.orderedSlots()) visit(this.slotNumber(slot), this.slotLinks[slot]);
  }

  /**
   * Traffic of every link that carried or dropped anything, by number, ascending: typed arrays
   * of equal length (bytes and messages over both directions).
   */
  linkTraffic(): {
    numbers: Float64Array;
    bytes: Float64Array;
    messages: Float64Array;
    drops: Float64Array;
  } {
    const order = this.orderedSlots();
    const count = order.length;
    const numbers = new Float64Array(count);
    const bytes = new Float64Array(count);
    const messages = new Float64Array(count);
    const drops = new Float64Array(count);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const slot = order[i];
      const c = this.counterChunks[slot >> CHUNK_BITS];
      const o = (slot & CHUNK_MASK) * LINK_COUNTERS;
      const m = c[o + 2] + c[o + 3];
      if (m + c[o + 4] === 0) continue;
      numbers[n] = this.slotNumber(slot);
      bytes[n] = c[o] + c[o + 1];
      messages[n] = m;
      drops[n] = c[o + 4];
      n++;
    }
    return {
      numbers: numbers.slice(0, n),
      bytes: bytes.slice(0, n),
      messages: messages.slice(0, n),
      drops: drops.slice(0, n),
    };
  }

  private slotNumber(slot: number): number {
    return this.numberChunks[slot >> CHUNK_BITS][slot & CHUNK_MASK];
  }

  /**
   * Slots by ascending link number. Snapshots ask many times a second while new links keep
   * appearing: the new ones are sorted alone and merged in (sorting all 25,000 links of a
   * 2009-scale run each time took ~20 ms).
   */
  private orderedSlots(): Int32Array {
    const had = this.slotOrder.length;
    const count = this.slotLinks.length;
    if (had === count) return this.slotOrder;
    const num = (slot: number) => this.slotNumber(slot);
    const fresh = Int32Array.from({ length: count - had }, (_, i) => had + i).sort(
      (a, b) => num(a) - num(b),
    );
    const old = this.slotOrder;
    const out = new Int32Array(count);
    let i = 0;
    let j = 0;
    for (let k = 0; k < count; k++) {
      // Link numbers are distinct: no ties.
      out[k] =
        j >= fresh.length || (i < had && num(old[i]) < num(fresh[j])) ? old[i++] : fresh[j++];
    }
    this.slotOrder = out;
    return out;
  }

  /** A new link's counters: the next slot of the chunks, remembered with the link's number. */
  private newCounters(num: number): Float64Array {
    const slot = this.slotLinks.length;
    const chunk = slot >> CHUNK_BITS;
    if (chunk === this.counterChunks.length) {
      this.counterChunks.push(new Float64Array(CHUNK_SIZE * LINK_COUNTERS));
      this.numberChunks.push(new Float64Array(CHUNK_SIZE));
    }
    this.numberChunks[chunk][slot & CHUNK_MASK] = num;
    const o = (slot & CHUNK_MASK) * LINK_COUNTERS;
    return this.counterChunks[chunk].subarray(o, o + LINK_COUNTERS);
  }

  /** Creates a link with its counters in the chunks, and numbers it. */
  private makeLink(num: number, make: (counters: Float64Array) => Link): Link {
    const link = make(this.newCounters(num));
    this.slotLinks.push(link);
    return link;
  }

  /** The node's access link if any message has used it yet (snapshots must not create links). */
  existingAccessLink(node: number): Link | undefined {
    return this.accessLinks[node];
  }

  accessLink(node: number): Link {
    let link = this.accessLinks[node];
    if (!link) {
      const cls = this.accessClass[node];
      link = this.makeLink(
        linkNumbers.access(node),
        (counters) => new Link(linkIds.access(this.names[node]), cls, this.classes[cls], counters),
      );
      this.accessLinks[node] = link;
    }
    return link;
  }

  backboneLink(network: number): Link {
    return getOrCreate(this.backbones, network, () =>
      this.makeLink(
        linkNumbers.backbone(this.nodeCount, network),
        (counters) =>
          new Link(linkIds.backbone(network), 'backbone', this.classes.backbone, counters),
      ),
    );
  }

  /** The interconnect between two networks at one site (region). */
  peeringLink(netA: number, netB: number, site = 0): Link {
    const a = Math.min(netA, netB);
    const b = Math.max(netA, netB);
    return getOrCreate(this.peerings, pairKey(a, b) * MAX_SITES + site, () =>
      this.makeLink(
        linkNumbers.peering(this.nodeCount, a, b, site),
        (counters) =>
          new Link(
            linkIds.peering(a, b, this.siteName(site)),
            'peering',
            this.classes.peering,
            counters,
          ),
      ),
    );
  }

  /**
   * Changes a whole class while the simulation runs: its loss and an extra latency on top of
   * the hop latency the scenario gave it (never below, so the run's lookahead stays valid).
   * Links with their own override keep it.
   */
  setClassParams(cls: LinkClassName, change: { lossRate?: number; extraLatencyNs?: number }): void {
    const old = this.classes[cls];
    const base = this.baseClasses[cls];
    const next = Object.freeze({
      ...old,
      ...(change.lossRate !== undefined && { lossRate: change.lossRate }),
      ...(change.extraLatencyNs !== undefined && {
        hopLatencyNs: base.hopLatencyNs + change.extraLatencyNs,
      }),
    });
    checkParams(cls, next);
    this.classes[cls] = next;
    for (const link of this.links()) if (link.params === old) link.params = next;
  }

  /** Replaces some parameters of one link (the link keeps its queue state). */
  overrideLink(link: Link, params: Partial<LinkParams>): void {
    const merged = Object.freeze({ ...link.params, ...params });
    checkParams(link.cls, merged);
    link.params = merged;
  }

  /** Unnamed site 0 is the whole world of a topology without regions: no name then. */
  private siteName(site: number): string | undefined {
    const name = this.siteNames[site];
    return name !== undefined ? name : site === 0 ? undefined : `site-${site}`;
  }

  /** Every link used so far (for snapshots of link traffic). */
  links(): Link[] {
    return [
      ...this.accessLinks.filter((l): l is Link => l !== undefined),
      ...this.backbones.values(),
      ...this.peerings.values(),
    ];
  }

  private hopCount(from: number, to: number): number {
    return this.net[from] === this.net[to] ? 3 : 5;
  }

  /**
   * The link crossed at `hop`. Its direction is left in `hopDir`, which saves an object per hop
   * on the busiest path of the model.
   */
  private hopLink(from: number, to: number, hop: number): Link {
    const last = this.hopCount(from, to) - 1;
    this.hopDir = 0;
    if (hop === 0) {
      this.hopDir = ACCESS_UP;
      return this.accessLink(from);
    }
    if (hop === last) {
      this.hopDir = ACCESS_DOWN;
      return this.accessLink(to);
    }
    if (last === 2 || hop === 1) return this.backboneLink(this.net[from]);
    if (hop === 3) return this.backboneLink(this.net[to]);
    this.hopDir = this.net[from] < this.net[to] ? 0 : 1;
    return this.peeringLink(this.net[from], this.net[to], this.site[from]);
  }

  /** The parameters of the link at `hop`: its own if it exists, else those it would be made with. */
  private hopParams(from: number, to: number, hop: number): Readonly<LinkParams> {
    const last = this.hopCount(from, to) - 1;
    if (hop === 0) return this.accessLinks[from]?.params ?? this.classes[this.accessClass[from]];
    if (hop === last) return this.accessLinks[to]?.params ?? this.classes[this.accessClass[to]];
    if (last === 2 || hop === 1)
      return this.backbones.get(this.net[from])?.params ?? this.classes.backbone;
    if (hop === 3) return this.backbones.get(this.net[to])?.params ?? this.classes.backbone;
    const a = Math.min(this.net[from], this.net[to]);
    const b = Math.max(this.net[from], this.net[to]);
    const peering = this.peerings.get(pairKey(a, b) * MAX_SITES + this.site[from]);
    return peering?.params ?? this.classes.peering;
  }

  private pathPropagationNs(from: number, to: number): number {
    return propagationNs(this.distanceKm(from, to), this.inflation);
  }

  /**
   * Propagation is carried by a backbone: the sender's within one network; across two, the
   * receiver's, because the sender's network hands the message over at its own site.
   */
  private propagationOnHop(total: number, hops: number, hop: number): number {
    return hop === hops - 2 ? total : 0;
  }

  /**
   * Carries a message across links from its current hop on, starting now. Stops at the next
   * queued link it reaches in the future (an event resumes it there) or delivers it.
   */
  private advance(msg: Message): void {
    const { from, to } = msg;
    const hops = this.hopCount(from, to);
    let t = this.engine.now;
    while (msg.hop < hops) {
      const link = this.hopLink(from, to, msg.hop);
      const dir = this.hopDir;
      // A message waits for an event where a queue must see arrivals in time order, and at
      // the one link where it may pass to another worker (the receiver's access link: every
      // earlier link is at the sender's site), whether or not the run is split, so that the
      // event trace does not depend on the split.
      const last = msg.hop === hops - 1;
      if (t > this.engine.now && (link.params.queued || last)) {
        const sharding = last ? this.sharding : null;
        if (sharding && sharding.shardOfNode[to] !== sharding.myShard) {
          this.inFlight?.delete(flightKey(msg));
          this.ledger?.handOff(msg);
          sharding.handoff(sharding.shardOfNode[to], t, msg);
        } else {
          this.engine.scheduleKeyed(t, from, msg.seq, to, this.hopKind, msg.hop, msg);
        }
        return;
      }
      if (!link.up) {
        link.drops++;
        this.drop(msg, 'link-down', link.id);
        return;
      }
      const leave = link.transmit(dir, t, msg.sizeBytes);
      if (leave < 0) {
        this.drop(msg, 'queue-full', link.id);
        return;
      }
      const p = link.params;
      if (
        p.lossRate > 0 &&
        keyedUniform(this.runKey ^ link.key, from, msg.seq, msg.hop) < p.lossRate
      ) {
        link.drops++;
        this.drop(msg, 'loss', link.id);
        return;
      }
      t = leave + p.hopLatencyNs + this.propagationOnHop(msg.propagationNs, hops, msg.hop);
      if (p.jitterMeanNs > 0) {
        const u = keyedUniform(this.runKey ^ link.key ^ 0x5bd1e995, from, msg.seq, msg.hop);
        t += Math.round(-p.jitterMeanNs * Math.log(1 - u));
      }
      msg.hop++;
    }
    this.engine.scheduleKeyed(t, from, msg.seq, to, this.deliverKind, hops, msg);
  }

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

  /**
   * The least time between an event and a hand-off to another shard it causes: the lookahead
   * of a conservative run. A hand-off happens only at the receiver's access link, and from
   * any earlier event of the message (its sending, its peering point) it still has a backbone
   * to cross, with the hop latency (which can only grow while running) and the whole distance
   * from a node of one shard to a node of another (inflation is never below 1).
   */
  minHandoffDelayNs(): number {
    let hop = this.classes.backbone.hopLatencyNs;
    for (const link of this.backbones.values()) hop = Math.min(hop, link.params.hopLatencyNs);
    return hop + (this.sharding ? this.minCrossShardPropagationNs(this.sharding.shardOfNode) : 0);
  }

  /** Over distinct places only: nodes stand at a few dozen cities, not at 60,000 points. */
  private minCrossShardPropagationNs(shardOf: Int32Array): number {
    const places = new Map<string, { lat: number; lon: number; shard: number }>();
    for (let i = 0; i < this.nodeCount; i++) {
      const key = `${shardOf[i]}|${this.lat[i]}|${this.lon[i]}`;
      if (!places.has(key))
        places.set(key, { lat: this.lat[i], lon: this.lon[i], shard: shardOf[i] });
    }
    const list = [...places.values()];
    let min = Infinity;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (list[i].shard !== list[j].shard)
          min = Math.min(min, propagationNs(greatCircleKm(list[i], list[j]), 1));
    return Number.isFinite(min) ? min : 0;
  }

  private deliver(msg: Message): void {
    this.inFlight?.delete(flightKey(msg));
    if (!this.nodeUp[msg.to]) {
      this.drop(msg, 'node-down', this.names[msg.to]);
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

/** Links' counters are kept in chunks of this many links. */
const CHUNK_BITS = 12;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** Network ids stay below this so that a pair of them packs into one number. */
const MAX_NETWORKS = 65536;
/** Sites stay below this so that a network pair and a site pack into one safe integer. */
const MAX_SITES = 1024;

function pairKey(a: number, b: number): number {
  return a < b ? a * MAX_NETWORKS + b : b * MAX_NETWORKS + a;
}

/** (sender, sequence number) as one number: node ids stay below 2^21, sequence numbers below 2^32. */
function flightKey(msg: Message): number {
  return msg.from * 4294967296 + msg.seq;
}

function checkInflation(f: number): number {
  assert(f >= 1 && Number.isFinite(f), `path inflation must be ≥ 1, got ${f}`);
  return f;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function checkParams(cls: string, p: LinkParams): void {
  assert(
    p.lossRate >= 0 && p.lossRate <= 1,
    `${cls}.lossRate must be in [0, 1], got ${p.lossRate}`,
  );
  assert(p.bandwidthBps > 0, `${cls}.bandwidthBps must be positive, got ${p.bandwidthBps}`);
  assert(p.queueBytes >= 0, `${cls}.queueBytes must be ≥ 0, got ${p.queueBytes}`);
  assert(
    Number.isSafeInteger(p.hopLatencyNs) && p.hopLatencyNs >= 0,
    `${cls}.hopLatencyNs must be a non-negative integer, got ${p.hopLatencyNs}`,
  );
  assert(
    p.jitterMeanNs >= 0 && Number.isFinite(p.jitterMeanNs),
    `${cls}.jitterMeanNs must be ≥ 0 and finite, got ${p.jitterMeanNs}`,
  );
}
