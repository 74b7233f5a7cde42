/**
 * BGP speakers, one per AS, exchanging UPDATE messages over sessions in simulated time.
 *
 * What each speaker does, as RFC 4271 and real implementations do:
 * - An UPDATE carries withdrawn prefixes and the prefixes (NLRI) that share one AS_PATH
 *   (NEXT_HOP the sender); what leaves a session at one instant is packed into as few as that
 *   allows. It takes the link's one-way latency; a session is a TCP connection, so nothing is
 *   lost while the link is up and everything sent while it is silent or down is.
 * - Received UPDATEs go into the Adj-RIB-In at once; the decision process runs over every
 *   prefix touched, one batch `batchSeconds` after the first UPDATE of the batch arrived (FRR's
 *   work-queue hold). A path that holds the speaker's own ASN is a loop and is dropped
 *   (§9.1.2).
 * - When a prefix's best route changes, the speaker works out what each neighbour should now
 *   hear (export policy; a path holding the neighbour's ASN becomes a withdrawal: a sender-side
 *   loop check, which leaves the neighbour's table as its own check would) and sends it, unless the MRAI timer of that (session, prefix) is
 *   running: then the latest state is sent when it expires (§9.2.1.1), if it still differs from
 *   what the neighbour last heard. Withdrawals wait too unless `mraiWithdrawals` is off.
 * - Keepalives every KeepaliveTime; a session whose hold timer expires (nothing heard for
 *   HoldTime) is closed. A link whose interface goes down closes its sessions at both ends at
 *   once; a link that goes silent is noticed only by the hold timer, or by BFD when it is on.
 *   A closed session's routes are dropped and the decision process runs.
 * - A link that comes back up gets a new session two round trips later (TCP handshake, then
 *   OPEN and KEEPALIVE), and each side sends its whole table at once (no MRAI timer is running
 *   on a new session). A session closed by its hold timer stays closed until its link comes
 *   back up (no ConnectRetry).
 */
import type { Engine } from '../../engine/Engine';
import { greatCircleKm, propagationNs } from '../../net/geo';
import { RandomStream } from '../../random/RandomStream';
import { secondsToNs } from '../../time';
import { findCity } from '../../topology/cities';
import type { AsTopology } from './asTopology';
import { JITTER_MIN, type BgpConfig } from './bgpConfig';
import { chooseBest, mayExport, type Candidate, type Relationship } from './decision';
import { formatPrefix, PrefixTrie, type Prefix } from './prefix';

/** nextHop's answer when the packet has arrived: the speaker originates the matching prefix */
export const DELIVERED = -1;
/** nextHop's answer when no prefix in the speaker's table covers the address */
export const NO_ROUTE = -2;

export type LinkState = 'up' | 'down' | 'silent' | 'shut';

/** One of an AS's neighbours as the AS sees it: what the neighbour is to it, and their link. */
export interface NeighbourState {
  asn: number;
  /** the neighbour is this AS's customer, peer or provider */
  rel: Relationship;
  /** 'down': cut; 'shut': de-peered; 'silent': carrying nothing unnoticed */
  state: LinkState;
}

interface BgpLink {
  a: number;
  b: number;
  latencyNs: number;
  state: LinkState;
  /** bumped at each new session, so messages of an old session are recognised and dropped */
  epoch: number;
}

interface OutState {
  /** AS_PATH the neighbour last heard (null: withdrawn or never announced) */
  sent: number[] | null;
  /** MRAI timer running until this time (ns) */
  mraiUntil: number;
  /** a change is waiting for the timer */
  pending: boolean;
}

interface Session {
  peer: number;
  peerAsn: number;
  rel: Relationship;
  link: BgpLink;
  /** this end considers the session established */
  up: boolean;
  /** Adj-RIB-In: prefix key → AS_PATH as received */
  ribIn: Map<string, number[]>;
  /** Adj-RIB-Out state per prefix key */
  out: Map<string, OutState>;
  /** what is to leave at this instant, prefix → AS_PATH or null, packed into UPDATEs by flush */
  outbox: Map<string, number[] | null>;
  lastHeardNs: number;
}

interface BestRoute {
  /** index of the session it came from, -1 for the speaker's own prefix */
  session: number;
  path: number[];
}

interface Speaker {
  asn: number;
  sessions: Session[];
  /** peer speaker index → session index */
  sessionOf: Map<number, number>;
  originated: Set<string>;
  best: Map<string, BestRoute>;
  /** forwarding table: prefix → next speaker index, or DELIVERED for the speaker's own prefixes */
  fib: PrefixTrie<number>;
  dirty: Set<string>;
  processing: boolean;
}

/** Where the forwarding of a packet from one AS to an address ends. */
export interface ForwardingResult {
  /** the AS that delivers it (the origin its forwarding reaches), or null */
  origin: number | null;
  /** ASNs crossed, the first AS first */
  path: number[];
  /** why it was lost: no route at the last AS, a forwarding loop, or a link that carries nothing */
  lost: 'no-route' | 'loop' | 'dead-link' | null;
}

/**
 * An UPDATE message (RFC 4271 §4.3): withdrawn routes, and reachable prefixes (NLRI) that share
 * one set of path attributes: here the AS_PATH (ORIGIN is IGP, NEXT_HOP the sender).
 */
export interface UpdateMessage {
  withdrawn: string[];
  nlri: string[];
  /** AS_PATH of the NLRI, the sender first; null when the message only withdraws */
  path: number[] | null;
}

export interface BgpListener {
  /** an UPDATE leaves a speaker (ASNs of both ends) */
  updateSent?(timeNs: number, from: number, to: number, update: UpdateMessage): void;
  /** some forwarding table changed, or a link's ability to carry packets did */
  forwardingChanged?(timeNs: number): void;
}

/** Input the network cannot act on (an unknown AS or link); the message names it. */
export class BgpInputError extends Error {
  override name = 'BgpInputError';
}

const samePath = (x: number[] | null, y: number[] | null) =>
  x === y || (x !== null && y !== null && x.length === y.length && x.every((v, i) => v === y[i]));

export class BgpNetwork {
  readonly speakers: Speaker[] = [];
  private readonly links = new Map<string, BgpLink>();
  private readonly indexOfAsn = new Map<number, number>();
  private readonly prefixes = new Map<string, Prefix>();
  private readonly jitter: RandomStream;
  private readonly kinds: Record<
    'deliver' | 'process' | 'mrai' | 'keepalive' | 'hold' | 'open' | 'closeEnd' | 'bfd' | 'flush',
    number
  >;
  private readonly visitStamp: Int32Array;
  private stamp = 0;
  /** UPDATE messages sent so far */
  updatesSent = 0;
  lastUpdateNs = -1;

  constructor(
    private readonly engine: Engine,
    topology: AsTopology,
    private readonly config: BgpConfig,
    seed: number,
    private readonly listener: BgpListener = {},
  ) {
    this.jitter = new RandomStream(seed, 'bgp/jitter');
    for (const spec of topology.ases) {
      this.indexOfAsn.set(spec.asn, this.speakers.length);
      this.speakers.push({
        asn: spec.asn,
        sessions: [],
        sessionOf: new Map(),
        originated: new Set(),
        best: new Map(),
        fib: new PrefixTrie(),
        dirty: new Set(),
        processing: false,
      });
    }
    this.visitStamp = new Int32Array(this.speakers.length);
    const cityOf = new Map(
      topology.ases.map((a) => [a.asn, a.city ? findCity(a.city) : undefined]),
    );
    for (const l of topology.links) {
      const ca = cityOf.get(l.a);
      const cb = cityOf.get(l.b);
      const latencyNs =
        ca && cb
          ? Math.max(1, propagationNs(greatCircleKm(ca, cb), config.inflation))
          : secondsToNs(config.defaultLatencySeconds);
      const link: BgpLink = {
        a: this.index(l.a),
        b: this.index(l.b),
        latencyNs,
        state: 'up',
        epoch: 0,
      };
      this.links.set(linkKeyOf(link.a, link.b), link);
      // a is the customer of a transit link: b is its provider, and it is b's customer
      this.addSession(link.a, link.b, link, l.rel === 'peer' ? 'peer' : 'provider');
      this.addSession(link.b, link.a, link, l.rel === 'peer' ? 'peer' : 'customer');
    }
    // Registered in a fixed order: the kind numbers are part of the trace digest.
    this.kinds = {
      deliver: engine.registerKind('bgp.update', (to, _arg, msg) =>
        this.receive(to, msg as Message),
      ),
      process: engine.registerKind('bgp.process', (s) => this.process(s)),
      mrai: engine.registerKind('bgp.mrai', (s, sess, prefix) =>
        this.mraiExpired(s, sess, prefix as string),
      ),
      keepalive: engine.registerKind('bgp.keepalive', (s, sess, epoch) =>
        this.keepaliveDue(s, sess, epoch as number),
      ),
      hold: engine.registerKind('bgp.hold', (s, sess, epoch) =>
        this.holdCheck(s, sess, epoch as number),
      ),
      open: engine.registerKind('bgp.open', (_t, _arg, link) => this.establish(link as BgpLink)),
      closeEnd: engine.registerKind('bgp.close', (s, i, epoch) => {
        const sess = this.speakers[s].sessions[i];
        if (sess.link.epoch === epoch && sess.up) this.closeEnd(s, i);
      }),
      // BFD closes the session only if the link is still silent when the detection time is up.
      bfd: engine.registerKind('bgp.bfd', (s, i, epoch) => {
        const sess = this.speakers[s].sessions[i];
        if (sess.link.epoch === epoch && sess.up && sess.link.state === 'silent')
          this.closeEnd(s, i);
      }),
      flush: engine.registerKind('bgp.flush', (s, i, epoch) => this.flush(s, i, epoch as number)),
    };
    for (const link of this.links.values()) this.establish(link);
    topology.ases.forEach((spec, i) => {
      for (const p of spec.prefixes) this.originate(i, p);
    });
  }

  /** Speaker index of an ASN; throws BgpInputError naming it. */
  index(asn: number): number {
    const i = this.indexOfAsn.get(asn);
    if (i === undefined) throw new BgpInputError(`AS${asn} is not in the topology`);
    return i;
  }

  hasAs(asn: number): boolean {
    return this.indexOfAsn.has(asn);
  }

  /** The link between two ASes; throws BgpInputError naming them. */
  link(asnA: number, asnB: number): BgpLink {
    const link = this.links.get(linkKeyOf(this.index(asnA), this.index(asnB)));
    if (!link) throw new BgpInputError(`there is no link between AS${asnA} and AS${asnB}`);
    return link;
  }

  /** The AS's neighbours, in the topology's order of its links. */
  neighbours(asn: number): NeighbourState[] {
    return this.speakers[this.index(asn)].sessions.map((s) => ({
      asn: s.peerAsn,
      rel: s.rel,
      state: s.link.state,
    }));
  }

  /** The prefixes the AS announces as their origin now. */
  originatedBy(asn: number): string[] {
    return [...this.speakers[this.index(asn)].originated];
  }

  /** Every prefix any AS has originated. */
  knownPrefixes(): Prefix[] {
    return [...this.prefixes.values()];
  }

  // ---- scenario events -------------------------------------------------------------------

  /** The AS starts announcing the prefix (its own, or a hijack of someone else's). */
  originate(s: number, p: Prefix): void {
    const key = formatPrefix(p);
    this.prefixes.set(key, p);
    this.speakers[s].originated.add(key);
    this.markDirty(s, key);
  }

  /** The AS stops announcing the prefix (nothing happens if it does not announce it now). */
  withdraw(s: number, p: Prefix): void {
    const key = formatPrefix(p);
    if (this.speakers[s].originated.delete(key)) this.markDirty(s, key);
  }

  /** The interface goes down: both ends close the session at once. */
  linkDown(link: BgpLink): void {
    link.state = 'down';
    this.closeEnd(link.a, this.sessionIndex(link.a, link.b));
    this.closeEnd(link.b, this.sessionIndex(link.b, link.a));
    this.listener.forwardingChanged?.(this.engine.now);
  }

  /** Packets and messages stop crossing, but neither end's interface notices. */
  linkSilent(link: BgpLink): void {
    link.state = 'silent';
    if (this.config.bfd) {
      // The last BFD packet each end heard left up to one transmit interval before the silence;
      // the session drops when the detection time has passed since it (RFC 5880 §6.8.4).
      const interval = secondsToNs(this.config.bfdIntervalSeconds);
      for (const end of [link.a, link.b]) {
        const detect =
          interval * this.config.bfdMultiplier - Math.floor(this.jitter.uniform() * interval);
        const i = this.sessionIndex(end, end === link.a ? link.b : link.a);
        this.engine.schedule(detect, end, end, this.kinds.bfd, i, link.epoch);
      }
    }
    this.listener.forwardingChanged?.(this.engine.now);
  }

  /** The link carries again; a new session is opened if the old one was closed. */
  linkUp(link: BgpLink): void {
    link.state = 'up';
    if (!this.endOf(link.a, link.b).up || !this.endOf(link.b, link.a).up) this.scheduleOpen(link);
    this.listener.forwardingChanged?.(this.engine.now);
  }

  /**
   * De-peering: `from` closes the session by administrative decision (a Cease NOTIFICATION),
   * which the other end hears one latency later; the link is not used again.
   */
  depeer(from: number, link: BgpLink): void {
    link.state = 'shut';
    const far = from === link.a ? link.b : link.a;
    this.closeEnd(from, this.sessionIndex(from, far));
    this.engine.schedule(
      link.latencyNs,
      from,
      far,
      this.kinds.closeEnd,
      this.sessionIndex(far, from),
      link.epoch,
    );
    this.listener.forwardingChanged?.(this.engine.now);
  }

  // ---- forwarding -----------------------------------------------------------------------

  /** The next speaker a packet for `address` goes to from speaker `s` now, or DELIVERED, or NO_ROUTE. */
  nextHop(s: number, address: number): number {
    return this.speakers[s].fib.longestMatch(address)?.value ?? NO_ROUTE;
  }

  /**
   * Where a packet from AS `fromAsn` to `address` goes now, hop by hop along the current tables,
   * longest prefix first. This is what a RouteProvider would ask.
   */
  forward(fromAsn: number, address: number): ForwardingResult {
    let s = this.index(fromAsn);
    const path = [this.speakers[s].asn];
    const stamp = ++this.stamp;
    for (;;) {
      this.visitStamp[s] = stamp;
      const next = this.nextHop(s, address);
      if (next === DELIVERED) return { origin: this.speakers[s].asn, path, lost: null };
      if (next === NO_ROUTE) return { origin: null, path, lost: 'no-route' };
      if (this.links.get(linkKeyOf(s, next))!.state !== 'up')
        return { origin: null, path, lost: 'dead-link' };
      path.push(this.speakers[next].asn);
      if (this.visitStamp[next] === stamp) return { origin: null, path, lost: 'loop' };
      s = next;
    }
  }

  /** The speaker's chosen route to a prefix: its AS_PATH ([] for its own), or null. */
  bestPath(asn: number, prefix: string): number[] | null {
    return this.speakers[this.index(asn)].best.get(prefix)?.path ?? null;
  }

  // ---- sessions -------------------------------------------------------------------------

  private addSession(s: number, peer: number, link: BgpLink, rel: Relationship): void {
    const sp = this.speakers[s];
    sp.sessionOf.set(peer, sp.sessions.length);
    sp.sessions.push({
      peer,
      peerAsn: this.speakers[peer].asn,
      rel,
      link,
      up: false,
      ribIn: new Map(),
      out: new Map(),
      outbox: new Map(),
      lastHeardNs: 0,
    });
  }

  private sessionIndex(s: number, peer: number): number {
    return this.speakers[s].sessionOf.get(peer)!;
  }

  private endOf(s: number, peer: number): Session {
    return this.speakers[s].sessions[this.sessionIndex(s, peer)];
  }

  /** Two round trips after the link comes up: TCP's handshake, then OPEN and KEEPALIVE. */
  private scheduleOpen(link: BgpLink): void {
    this.engine.schedule(4 * link.latencyNs, link.a, link.a, this.kinds.open, 0, link);
  }

  /**
   * A new session over the link. An end that still thought the old one up (its hold timer had
   * not expired) closes it first, as a router does when an OPEN arrives for an established peer.
   */
  private establish(link: BgpLink): void {
    if (link.state !== 'up') return;
    const ends: [number, number][] = [
      [link.a, this.sessionIndex(link.a, link.b)],
      [link.b, this.sessionIndex(link.b, link.a)],
    ];
    if (ends.every(([s, i]) => this.speakers[s].sessions[i].up)) return;
    for (const [s, i] of ends) if (this.speakers[s].sessions[i].up) this.closeEnd(s, i);
    link.epoch++;
    for (const [s, i] of ends) this.speakers[s].sessions[i].up = true;
    for (const [s, i] of ends) {
      const sess = this.speakers[s].sessions[i];
      sess.lastHeardNs = this.engine.now;
      if (this.config.holdSeconds > 0) {
        this.scheduleKeepalive(s, i, link.epoch);
        this.engine.schedule(
          secondsToNs(this.config.holdSeconds),
          s,
          s,
          this.kinds.hold,
          i,
          link.epoch,
        );
      }
      for (const key of this.speakers[s].best.keys()) this.refreshOut(s, i, key);
    }
  }

  /** One end's session closes: its routes go, and the decision process runs over them. */
  private closeEnd(s: number, i: number): void {
    const sess = this.speakers[s].sessions[i];
    if (!sess.up) return;
    sess.up = false;
    for (const key of sess.ribIn.keys()) this.markDirty(s, key);
    sess.ribIn.clear();
    sess.out.clear();
    sess.outbox.clear();
  }

  private scheduleKeepalive(s: number, i: number, epoch: number): void {
    const delay = secondsToNs(this.config.keepaliveSeconds * this.jitterFactor());
    this.engine.schedule(delay, s, s, this.kinds.keepalive, i, epoch);
  }

  private keepaliveDue(s: number, i: number, epoch: number): void {
    const sess = this.speakers[s].sessions[i];
    if (sess.link.epoch !== epoch || !sess.up) return;
    this.transmit(s, sess, { from: s, epoch, update: null });
    this.scheduleKeepalive(s, i, epoch);
  }

  private holdCheck(s: number, i: number, epoch: number): void {
    const sess = this.speakers[s].sessions[i];
    if (sess.link.epoch !== epoch || !sess.up) return;
    const expires = sess.lastHeardNs + secondsToNs(this.config.holdSeconds);
    if (this.engine.now >= expires) {
      // Hold Timer Expired: this end sends a NOTIFICATION and closes; if the link still carries,
      // the other end hears it one latency later, else its own hold timer will expire.
      this.closeEnd(s, i);
      if (sess.link.state === 'up')
        this.engine.schedule(
          sess.link.latencyNs,
          s,
          sess.peer,
          this.kinds.closeEnd,
          this.sessionIndex(sess.peer, s),
          epoch,
        );
    } else {
      this.engine.scheduleAt(expires, s, s, this.kinds.hold, i, epoch);
    }
  }

  // ---- UPDATE messages ------------------------------------------------------------------

  private transmit(s: number, sess: Session, msg: Message): void {
    if (sess.link.state !== 'up') return; // silent or down: lost on the way
    this.engine.schedule(sess.link.latencyNs, s, sess.peer, this.kinds.deliver, 0, msg);
  }

  private receive(to: number, msg: Message): void {
    const sp = this.speakers[to];
    const i = sp.sessionOf.get(msg.from)!;
    const sess = sp.sessions[i];
    if (sess.link.epoch !== msg.epoch || !sess.up) return;
    sess.lastHeardNs = this.engine.now;
    const update = msg.update;
    if (update === null) return; // a KEEPALIVE
    for (const key of update.withdrawn) {
      sess.ribIn.delete(key);
      this.markDirty(to, key);
    }
    const path = update.path;
    for (const key of update.nlri) {
      if (path!.includes(sp.asn)) sess.ribIn.delete(key);
      else sess.ribIn.set(key, path!);
      this.markDirty(to, key);
    }
  }

  private markDirty(s: number, key: string): void {
    const sp = this.speakers[s];
    sp.dirty.add(key);
    if (!sp.processing) {
      sp.processing = true;
      this.engine.schedule(secondsToNs(this.config.batchSeconds), s, s, this.kinds.process);
    }
  }

  /** The decision process over every prefix touched since the last batch. */
  private process(s: number): void {
    const sp = this.speakers[s];
    sp.processing = false;
    const keys = [...sp.dirty];
    sp.dirty.clear();
    let fibChanged = false;
    for (const key of keys) {
      const before = sp.best.get(key);
      const after = this.decide(sp, key, before);
      if (after?.session === before?.session && samePath(after?.path ?? null, before?.path ?? null))
        continue;
      const prefix = this.prefixes.get(key)!;
      if (after) sp.best.set(key, after);
      else sp.best.delete(key);
      const nextBefore = this.nextOf(sp, before);
      const nextAfter = this.nextOf(sp, after);
      if (nextBefore !== nextAfter) {
        fibChanged = true;
        if (nextAfter === NO_ROUTE) sp.fib.delete(prefix);
        else sp.fib.set(prefix, nextAfter);
      }
      for (let i = 0; i < sp.sessions.length; i++) this.refreshOut(s, i, key);
    }
    if (fibChanged) this.listener.forwardingChanged?.(this.engine.now);
  }

  private nextOf(sp: Speaker, route: BestRoute | undefined): number {
    if (route === undefined) return NO_ROUTE;
    return route.session < 0 ? DELIVERED : sp.sessions[route.session].peer;
  }

  private decide(sp: Speaker, key: string, current: BestRoute | undefined): BestRoute | undefined {
    if (sp.originated.has(key)) return { session: -1, path: [] };
    const candidates: Candidate[] = [];
    const sessionOfCandidate: number[] = [];
    sp.sessions.forEach((sess, i) => {
      const path = sess.ribIn.get(key);
      if (path === undefined) return;
      candidates.push({ neighbourAsn: sess.peerAsn, rel: sess.rel, path });
      sessionOfCandidate.push(i);
    });
    const currentAsn = current && current.session >= 0 ? sp.sessions[current.session].peerAsn : -1;
    const k = chooseBest(candidates, this.config.policy, currentAsn);
    return k < 0
      ? undefined
      : { session: sessionOfCandidate[k], path: candidates[k].path as number[] };
  }

  /** What neighbour i should hear about the prefix now: an AS_PATH, or null (withdrawn). */
  private exportFor(sp: Speaker, i: number, key: string): number[] | null {
    const best = sp.best.get(key);
    if (!best) return null;
    const sess = sp.sessions[i];
    const from = best.session < 0 ? 'self' : sp.sessions[best.session].rel;
    if (!mayExport(from, sess.rel, this.config.policy)) return null;
    if (best.path.includes(sess.peerAsn)) return null; // the neighbour would drop it as a loop
    return [sp.asn, ...best.path];
  }

  /** Brings the neighbour up to date on the prefix, or leaves it pending on the MRAI timer. */
  private refreshOut(s: number, i: number, key: string): void {
    const sp = this.speakers[s];
    const sess = sp.sessions[i];
    if (!sess.up) return;
    const desired = this.exportFor(sp, i, key);
    let out = sess.out.get(key);
    if (!out) {
      if (desired === null) return; // never announced: nothing to withdraw
      out = { sent: null, mraiUntil: 0, pending: false };
      sess.out.set(key, out);
    }
    if (samePath(out.sent, desired)) {
      out.pending = false;
      return;
    }
    const limited = desired !== null || this.config.mraiWithdrawals;
    if (limited && this.engine.now < out.mraiUntil) {
      out.pending = true;
      return;
    }
    this.send(s, i, key, out, desired);
  }

  private send(s: number, i: number, key: string, out: OutState, path: number[] | null): void {
    const sess = this.speakers[s].sessions[i];
    out.sent = path;
    out.pending = false;
    // A later change at the same instant replaces an earlier one: only the latest state leaves.
    sess.outbox.delete(key);
    sess.outbox.set(key, path);
    if (sess.outbox.size === 1) this.engine.schedule(0, s, s, this.kinds.flush, i, sess.link.epoch);
    if (this.config.mraiSeconds > 0 && (path !== null || this.config.mraiWithdrawals)) {
      const delay = secondsToNs(this.config.mraiSeconds * this.jitterFactor());
      out.mraiUntil = this.engine.now + delay;
      this.engine.schedule(delay, s, s, this.kinds.mrai, i, key);
    }
  }

  /**
   * Packs what is to leave on a session at this instant into UPDATEs, as routers do: one message
   * per distinct AS_PATH with all its prefixes, the withdrawals riding in the first.
   */
  private flush(s: number, i: number, epoch: number): void {
    const sess = this.speakers[s].sessions[i];
    if (sess.link.epoch !== epoch) return; // a newer session's flush sends its own
    const entries = [...sess.outbox];
    sess.outbox.clear();
    if (!sess.up) return;
    const withdrawn = entries.filter(([, path]) => path === null).map(([key]) => key);
    const byPath = new Map<string, UpdateMessage>();
    for (const [key, path] of entries) {
      if (path === null) continue;
      const id = path.join(' ');
      const msg = byPath.get(id) ?? { withdrawn: [], nlri: [], path };
      msg.nlri.push(key);
      byPath.set(id, msg);
    }
    const messages = [...byPath.values()];
    if (messages.length === 0) messages.push({ withdrawn, nlri: [], path: null });
    else messages[0].withdrawn = withdrawn;
    for (const update of messages) {
      this.updatesSent++;
      this.lastUpdateNs = this.engine.now;
      this.listener.updateSent?.(this.engine.now, this.speakers[s].asn, sess.peerAsn, update);
      this.transmit(s, sess, { from: s, epoch, update });
    }
  }

  private mraiExpired(s: number, i: number, key: string): void {
    const out = this.speakers[s].sessions[i].out.get(key);
    // A closed session cleared its state; a newer timer may have replaced this one.
    if (!out || !out.pending || this.engine.now < out.mraiUntil) return;
    out.pending = false;
    this.refreshOut(s, i, key);
  }

  /** RFC 4271 §10: a random factor uniformly distributed in [0.75, 1]. */
  private jitterFactor(): number {
    return JITTER_MIN + (1 - JITTER_MIN) * this.jitter.uniform();
  }
}

interface Message {
  from: number;
  epoch: number;
  /** null for a KEEPALIVE */
  update: UpdateMessage | null;
}

function linkKeyOf(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
