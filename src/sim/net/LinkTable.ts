/**
 * The network's links: the link classes (as the scenario set them and as changed while
 * running), every link created so far (access links by node, backbones by network, peering
 * links by network pair and site), which network pairs are cut apart, and the links' counters.
 *
 * Links are created lazily, the first time a message crosses one (or a command names it): a
 * 2009-scale world has hundreds of thousands of possible links and uses a few tens of thousands.
 * A link nobody has created behaves exactly as a fresh one of its class would, so code that only
 * asks about a path (its latency, its loss) reads the class instead of creating the link.
 *
 * State: a link's counters and queues live in chunks kept side by side, with each slot's link
 * number, so that a snapshot sweeps typed arrays instead of visiting every Link object.
 */
import { assert } from '../util/assert';
import { Link, LINK_STRIDE, LinkParamsBook } from './Link';
import { linkIds, linkNumbers, MAX_NETWORKS, MAX_SITES, pairKey } from './linkIds';
import { DEFAULT_LINK_CLASSES, type LinkClassName, type LinkParams } from './linkClasses';
import type { NetNodes } from './NetNodes';
import { PairSlots } from './PairSlots';

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

export class LinkTable {
  readonly classes: Record<LinkClassName, LinkParams>;
  /** the classes as the scenario set them up, before any change while running */
  private readonly baseClasses = {} as Record<LinkClassName, LinkParams>;
  private readonly backbones = new Map<number, Link>();
  private readonly peerings = new Map<number, Link>();
  /**
   * The same links' slots for the per-hop lookups (−1: not created yet), which lead straight to
   * a link's state line without its object: access links by node, backbones by network,
   * peering links per site by network pair.
   */
  private readonly accessSlots: Int32Array;
  private readonly backboneSlots = new Int32Array(MAX_NETWORKS).fill(-1);
  private readonly peeringSlotsAt: (PairSlots | undefined)[] = [];
  /** the parameter objects the links' state lines name (see Link's PARAMS_AND_DOWN) */
  readonly book = new LinkParamsBook();
  private readonly dePeered = new Set<number>();
  /** every link created, by slot (creation order) */
  private readonly slotLinks: Link[] = [];
  /**
   * each link's state (see Link's LINK_STRIDE), by slot: slot s is at (s & CHUNK_MASK) ×
   * LINK_STRIDE in chunk s >> CHUNK_BITS
   */
  readonly stateChunks: Float64Array[] = [];
  private readonly numberChunks: Float64Array[] = [];
  /** slots in ascending order of link number; links added since are merged in when asked */
  private slotOrder = new Int32Array(0);
  /** the link numbers in slotOrder's order */
  private orderedNumbers = new Float64Array(0);
  /** each slot's position in slotOrder */
  private rankOfSlot = new Int32Array(0);

  constructor(
    private readonly nodes: NetNodes,
    classes: Partial<Record<LinkClassName, Partial<LinkParams>>> | undefined,
    private readonly siteNames: readonly string[],
  ) {
    this.classes = {} as Record<LinkClassName, LinkParams>;
    for (const cls of Object.keys(DEFAULT_LINK_CLASSES) as LinkClassName[]) {
      // Frozen: links share their class's object until overridden, so changing it in place
      // would silently change every link of the class.
      this.classes[cls] = Object.freeze({ ...DEFAULT_LINK_CLASSES[cls], ...classes?.[cls] });
      checkParams(cls, this.classes[cls]);
      this.baseClasses[cls] = this.classes[cls];
    }
    this.accessSlots = new Int32Array(nodes.count).fill(-1);
  }

  // --- finding and creating links ---

  /** The node's access link if any message has used it yet (snapshots must not create links). */
  existingAccessLink(node: number): Link | undefined {
    const slot = this.accessSlots[node];
    return slot >= 0 ? this.slotLinks[slot] : undefined;
  }

  accessLink(node: number): Link {
    return this.slotLinks[this.accessSlot(node)];
  }

  backboneLink(network: number): Link {
    return this.slotLinks[this.backboneSlot(network)];
  }

  /** The interconnect between two networks at one site (region). */
  peeringLink(netA: number, netB: number, site = 0): Link {
    return this.slotLinks[this.peeringSlot(netA, netB, site)];
  }

  // The same as slots (see stateChunks), for the per-hop path: created if absent.
  // Creation apart from lookup keeps the lookups small enough to inline there.

  accessSlot(node: number): number {
    const slot = this.accessSlots[node];
    return slot >= 0 ? slot : this.newAccessLink(node).slot;
  }

  backboneSlot(network: number): number {
    const slot = this.backboneSlots[network];
    return slot >= 0 ? slot : this.newBackbone(network).slot;
  }

  peeringSlot(netA: number, netB: number, site = 0): number {
    const slot = this.peeringSlotsAt[site]?.get(pairKey(netA, netB)) ?? -1;
    return slot >= 0 ? slot : this.newPeering(netA, netB, site).slot;
  }

  /** The slot of the link with this number (see linkNumbers), created if absent. */
  slotOfNumber(num: number): number {
    return this.linkByNumber(num).slot;
  }

  /** The link in a slot (see stateChunks). */
  linkAt(slot: number): Link {
    return this.slotLinks[slot];
  }

  private newAccessLink(node: number): Link {
    const cls = this.nodes.accessClass[node];
    const link = this.makeLink(
      linkNumbers.access(node),
      (...where) =>
        new Link(linkIds.access(this.nodes.names[node]), cls, this.classes[cls], ...where),
    );
    this.accessSlots[node] = link.slot;
    return link;
  }

  private newBackbone(network: number): Link {
    const link = this.makeLink(
      linkNumbers.backbone(this.nodes.count, network),
      (...where) =>
        new Link(linkIds.backbone(network), 'backbone', this.classes.backbone, ...where),
    );
    this.backbones.set(network, link);
    this.backboneSlots[network] = link.slot;
    return link;
  }

  private newPeering(netA: number, netB: number, site: number): Link {
    const a = Math.min(netA, netB);
    const b = Math.max(netA, netB);
    const link = this.makeLink(
      linkNumbers.peering(this.nodes.count, a, b, site),
      (...where) =>
        new Link(
          linkIds.peering(a, b, this.siteName(site)),
          'peering',
          this.classes.peering,
          ...where,
        ),
    );
    this.peerings.set(pairKey(a, b) * MAX_SITES + site, link);
    (this.peeringSlotsAt[site] ??= new PairSlots()).set(pairKey(a, b), link.slot);
    return link;
  }

  /** The link with this number (see linkNumbers), created if absent. */
  linkByNumber(num: number): Link {
    const n = this.nodes.count;
    if (num < n) return this.accessLink(num);
    if (num < n + MAX_NETWORKS) return this.backboneLink(num - n);
    const { a, b, site } = decodePeering(n, num);
    return this.peeringLink(a, b, site);
  }

  /** The link with this number if it exists yet. */
  existingLink(num: number): Link | undefined {
    const n = this.nodes.count;
    if (num < n) return this.existingAccessLink(num);
    if (num < n + MAX_NETWORKS) return this.backbones.get(num - n);
    const { a, b, site } = decodePeering(n, num);
    return this.peerings.get(pairKey(a, b) * MAX_SITES + site);
  }

  /** The class of the link with this number (whether or not it exists). */
  classOfNumber(num: number): LinkClassName {
    const n = this.nodes.count;
    if (num < n) return this.nodes.accessClass[num];
    return num < n + MAX_NETWORKS ? 'backbone' : 'peering';
  }

  /** The id of the link with this number, without creating it. */
  idOfNumber(num: number): string {
    const existing = this.existingLink(num);
    if (existing) return existing.id;
    const n = this.nodes.count;
    if (num < n) return linkIds.access(this.nodes.names[num]);
    if (num < n + MAX_NETWORKS) return linkIds.backbone(num - n);
    const { a, b, site } = decodePeering(n, num);
    return linkIds.peering(a, b, this.siteName(site));
  }

  /** The parameters of the link with this number: its own if it exists, else its class's. */
  paramsOfNumber(num: number): Readonly<LinkParams> {
    return this.existingLink(num)?.params ?? this.classes[this.classOfNumber(num)];
  }

  /** Whether the link with this number is up (a link not yet created is). */
  isUpNumber(num: number): boolean {
    return this.existingLink(num)?.up ?? true;
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
      const node = this.nodes.byNameOf(rest);
      return node === undefined ? undefined : this.accessLink(node);
    }
    const nets = new Set(this.nodes.net);
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

  /** Every link used so far (for snapshots of link traffic). */
  links(): Link[] {
    return [
      ...Array.from(this.accessSlots, (slot) => this.slotLinks[slot]).filter(
        (l) => l !== undefined,
      ),
      ...this.backbones.values(),
      ...this.peerings.values(),
    ];
  }

  /** The least hop latency any backbone has now (links not yet created have their class's). */
  minBackboneHopLatencyNs(): number {
    let hop = this.classes.backbone.hopLatencyNs;
    for (const link of this.backbones.values()) hop = Math.min(hop, link.params.hopLatencyNs);
    return hop;
  }

  // --- peering between networks ---

  /** Cuts (or restores) the peering between two networks. */
  setPeering(netA: number, netB: number, peered: boolean): void {
    if (peered) this.dePeered.delete(pairKey(netA, netB));
    else this.dePeered.add(pairKey(netA, netB));
  }

  isPeered(netA: number, netB: number): boolean {
    return this.dePeered.size === 0 || !this.dePeered.has(pairKey(netA, netB));
  }

  /** Network pairs without peering now, flattened (a, b, a, b…) with a < b. */
  dePeeredPairs(): number[] {
    const out: number[] = [];
    for (const key of [...this.dePeered].sort((x, y) => x - y))
      out.push(Math.floor(key / MAX_NETWORKS), key % MAX_NETWORKS);
    return out;
  }

  // --- changes while running ---

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
    const link = this.existingAccessLink(node);
    const cls = this.nodes.accessClass[node];
    const p = link?.params ?? this.classes[cls];
    return {
      id: link?.id ?? linkIds.access(this.nodes.names[node]),
      cls,
      up: link?.up ?? true,
      lossRate: p.lossRate,
      hopLatencyNs: p.hopLatencyNs,
      baseHopLatencyNs: this.baseClasses[cls].hopLatencyNs,
    };
  }

  // --- counters ---

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
    this.orderedSlots();
    const count = this.slotLinks.length;
    const rank = this.rankOfSlot;
    const bytes = new Float64Array(count);
    const messages = new Float64Array(count);
    const drops = new Float64Array(count);
    // The counters are read in slot order, the order they lie in memory, and written at each
    // link's rank: visiting them by number instead jumped about megabytes of counters and
    // missed the cache on nearly every link (about 8 ms of a 15 ms snapshot at 70,000 links).
    for (let chunk = 0; chunk * CHUNK_SIZE < count; chunk++) {
      const c = this.stateChunks[chunk];
      const first = chunk * CHUNK_SIZE;
      const end = Math.min(CHUNK_SIZE, count - first);
      for (let i = 0, o = 0; i < end; i++, o += LINK_STRIDE) {
        const r = rank[first + i];
        bytes[r] = c[o] + c[o + 1];
        messages[r] = c[o + 2] + c[o + 3];
        drops[r] = c[o + 4];
      }
    }
    const numbers = this.orderedNumbers.slice(0, count);
    let n = 0;
    for (let r = 0; r < count; r++) {
      if (messages[r] + drops[r] === 0) continue;
      numbers[n] = numbers[r];
      bytes[n] = bytes[r];
      messages[n] = messages[r];
      drops[n] = drops[r];
      n++;
    }
    if (n === count) return { numbers, bytes, messages, drops };
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
   * Slots by ascending link number (and with them each slot's rank and the numbers in that
   * order). Snapshots ask many times a second while new links keep appearing: the new ones are
   * sorted alone and merged in (sorting all 25,000 links of a 2009-scale run each time took
   * ~20 ms).
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
    const oldNumbers = this.orderedNumbers;
    const out = new Int32Array(count);
    const numbers = new Float64Array(count);
    const rank = new Int32Array(count);
    let i = 0;
    let j = 0;
    for (let k = 0; k < count; k++) {
      // Link numbers are distinct: no ties.
      let slot: number;
      if (j >= fresh.length || (i < had && oldNumbers[i] < num(fresh[j]))) {
        slot = old[i];
        numbers[k] = oldNumbers[i++];
      } else {
        slot = fresh[j++];
        numbers[k] = num(slot);
      }
      out[k] = slot;
      rank[slot] = k;
    }
    this.slotOrder = out;
    this.orderedNumbers = numbers;
    this.rankOfSlot = rank;
    return out;
  }

  /** Creates a link with its state in the next slot of the chunks, and numbers it. */
  private makeLink(
    num: number,
    make: (state: Float64Array, at: number, book: LinkParamsBook, slot: number) => Link,
  ): Link {
    const slot = this.slotLinks.length;
    const chunk = slot >> CHUNK_BITS;
    if (chunk === this.stateChunks.length) {
      this.stateChunks.push(new Float64Array(CHUNK_SIZE * LINK_STRIDE));
      this.numberChunks.push(new Float64Array(CHUNK_SIZE));
    }
    this.numberChunks[chunk][slot & CHUNK_MASK] = num;
    const link = make(this.stateChunks[chunk], (slot & CHUNK_MASK) * LINK_STRIDE, this.book, slot);
    this.slotLinks.push(link);
    return link;
  }

  // --- sites ---

  /** Unnamed site 0 is the whole world of a topology without regions: no name then. */
  private siteName(site: number): string | undefined {
    const name = this.siteNames[site];
    return name !== undefined ? name : site === 0 ? undefined : `site-${site}`;
  }

  private siteIndex(name: string | undefined): number {
    if (name === undefined) return 0;
    const named = this.siteNames.indexOf(name);
    if (named >= 0) return named;
    const m = /^site-(\d+)$/.exec(name);
    return m && Number(m[1]) < MAX_SITES ? Number(m[1]) : -1;
  }
}

/** Links' state is kept in chunks of this many links. */
export const CHUNK_BITS = 12;
const CHUNK_SIZE = 1 << CHUNK_BITS;
export const CHUNK_MASK = CHUNK_SIZE - 1;

function decodePeering(nodeCount: number, num: number): { a: number; b: number; site: number } {
  const rel = num - nodeCount - MAX_NETWORKS;
  const key = Math.floor(rel / MAX_SITES);
  return { a: Math.floor(key / MAX_NETWORKS), b: key % MAX_NETWORKS, site: rel % MAX_SITES };
}

export function checkParams(cls: string, p: LinkParams): void {
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
