/**
 * Forwarding computed from the Gao-Rexford policy without messages, for Internets too big for
 * message-level BGP (the 2002 and 2009 scales): the tables BGP converges to, worked out on
 * demand, and changed at once by an event (no convergence time, no path exploration).
 *
 * An AS's route to a prefix, as decision.ts ranks them: its own; else a customer route (the
 * prefix's origin is below it: the shortest way down, ties to the neighbour with the lowest
 * ASN); else a peer route (a peer has a customer route or is the origin); else a provider route
 * (every provider exports its route to its customers: the shortest, ties as before). Customer
 * routes are found by a breadth-first search up from the origins (the origins' provider cone,
 * a few dozen ASes); provider routes by recursion up from the asking AS, memoised per prefix.
 * What differs from the converged message-level tables: RFC 5004's "keep the route already
 * chosen" has no history to keep here, and links are assumed to make no customer-provider
 * cycle (the generated topologies make none).
 */
import type { AsTopology } from './asTopology';
import type { ForwardingResult, NeighbourState } from './BgpNetwork';
import { BgpInputError } from './BgpNetwork';
import type { Relationship } from './decision';
import { covers, formatPrefix, type Prefix } from './prefix';

const NONE = -1;

interface Route {
  len: number;
  /** the next AS index, or −1 at the origin */
  next: number;
}

interface PrefixState {
  prefix: Prefix;
  origins: Set<number>;
  /** customer routes (and the origins' own), by AS index */
  cone: Map<number, Route> | null;
  /** every route worked out so far, null where the AS has none */
  memo: Map<number, Route | null>;
  /** the change the cone and memo were worked out after (see `generation`) */
  generation: number;
}

export class PolicyForwarding {
  private readonly asns: number[];
  private readonly indexOfAsn = new Map<number, number>();
  private readonly customers: number[][];
  private readonly providers: number[][];
  private readonly peers: number[][];
  /** links by `key` that carry no routes now (cut, or de-peered: 'shut'), and every link */
  private readonly cut = new Map<number, 'down' | 'shut'>();
  private readonly known = new Set<number>();
  private readonly prefixes = new Map<string, PrefixState>();
  /** prefixes by (length, address), and the lengths in use, longest first */
  private readonly byKey = new Map<number, PrefixState>();
  private lengths: number[] = [];
  /** bumped by every change: a prefix's routes worked out before it are out of date */
  private generation = 0;

  constructor(topology: AsTopology) {
    this.asns = topology.ases.map((a) => a.asn);
    this.asns.forEach((asn, i) => this.indexOfAsn.set(asn, i));
    const n = this.asns.length;
    this.customers = Array.from({ length: n }, () => []);
    this.providers = Array.from({ length: n }, () => []);
    this.peers = Array.from({ length: n }, () => []);
    for (const l of topology.links) {
      const a = this.index(l.a);
      const b = this.index(l.b);
      this.known.add(this.key(a, b));
      if (l.rel === 'peer') {
        this.peers[a].push(b);
        this.peers[b].push(a);
      } else {
        this.providers[a].push(b);
        this.customers[b].push(a);
      }
    }
    topology.ases.forEach((a, i) => {
      for (const p of a.prefixes) this.originate(i, p);
    });
  }

  /** One number per AS pair (indices), either way round. */
  private key(a: number, b: number): number {
    const n = this.asns.length;
    return a < b ? a * n + b : b * n + a;
  }

  index(asn: number): number {
    const i = this.indexOfAsn.get(asn);
    if (i === undefined) throw new BgpInputError(`AS${asn} is not in the topology`);
    return i;
  }

  hasLink(asnA: number, asnB: number): boolean {
    return this.known.has(this.key(this.index(asnA), this.index(asnB)));
  }

  /** The link stops carrying routes (cut: 'down', de-peered: 'shut') or carries them again. */
  setLink(asnA: number, asnB: number, state: 'up' | 'down' | 'shut'): void {
    const key = this.key(this.index(asnA), this.index(asnB));
    if (state === 'up') this.cut.delete(key);
    else this.cut.set(key, state);
    this.forget();
  }

  /** As BgpNetwork.neighbours: customers, then peers, then providers. */
  neighbours(asn: number): NeighbourState[] {
    const s = this.index(asn);
    const rows = (list: number[], rel: Relationship) =>
      list.map((o) => ({
        asn: this.asns[o],
        rel,
        state: this.cut.get(this.key(s, o)) ?? ('up' as const),
      }));
    return [
      ...rows(this.customers[s], 'customer'),
      ...rows(this.peers[s], 'peer'),
      ...rows(this.providers[s], 'provider'),
    ];
  }

  /** The prefixes the AS announces as their origin now. */
  originatedBy(asn: number): string[] {
    const s = this.index(asn);
    return [...this.prefixes].filter(([, st]) => st.origins.has(s)).map(([key]) => key);
  }

  originate(s: number, p: Prefix): void {
    const key = formatPrefix(p);
    const state = this.prefixes.get(key) ?? {
      prefix: p,
      origins: new Set<number>(),
      cone: null,
      memo: new Map(),
      generation: this.generation,
    };
    state.origins.add(s);
    if (!this.prefixes.has(key)) {
      this.prefixes.set(key, state);
      this.byKey.set(p.length * 2 ** 32 + p.address, state);
      if (!this.lengths.includes(p.length))
        this.lengths = [...this.lengths, p.length].sort((x, y) => y - x);
    }
    this.forget();
  }

  withdraw(s: number, p: Prefix): void {
    const state = this.prefixes.get(formatPrefix(p));
    if (state?.origins.delete(s)) this.forget();
  }

  /** As BgpNetwork.forward: hop by hop, each AS on its longest prefix it has a route for. */
  forward(fromAsn: number, address: number): ForwardingResult {
    const covering: PrefixState[] = [];
    for (const len of this.lengths) {
      const masked = len === 0 ? 0 : (address & ((0xffffffff << (32 - len)) >>> 0)) >>> 0;
      const st = this.byKey.get(len * 2 ** 32 + masked);
      if (st && st.origins.size > 0 && covers(st.prefix, address)) covering.push(st);
    }
    let s = this.index(fromAsn);
    const path = [this.asns[s]];
    const seen = new Set<number>();
    for (;;) {
      seen.add(s);
      const route = this.firstRoute(covering, s);
      if (route === null) return { origin: null, path, lost: 'no-route' };
      if (route.next === NONE) return { origin: this.asns[s], path, lost: null };
      s = route.next;
      path.push(this.asns[s]);
      if (seen.has(s)) return { origin: null, path, lost: 'loop' };
    }
  }

  /** The next AS (ASN) from `asn` towards `address`, or null. */
  nextAsn(asn: number, address: number): number | null {
    const r = this.forward(asn, address);
    return r.path.length > 1 ? r.path[1] : null;
  }

  private firstRoute(covering: PrefixState[], s: number): Route | null {
    for (const st of covering) {
      const r = this.route(st, s);
      if (r !== null) return r;
    }
    return null;
  }

  /** Every prefix's routes are out of date; each is worked out again when next asked. */
  private forget(): void {
    this.generation++;
  }

  private fresh(st: PrefixState): void {
    if (st.generation === this.generation) return;
    st.generation = this.generation;
    st.cone = null;
    st.memo.clear();
  }

  private up(a: number, b: number): boolean {
    return this.cut.size === 0 || !this.cut.has(this.key(a, b));
  }

  /** Breadth-first up from the origins: every AS with a customer route, and the origins. */
  private coneOf(st: PrefixState): Map<number, Route> {
    this.fresh(st);
    if (st.cone) return st.cone;
    const cone = new Map<number, Route>();
    let level = [...st.origins].sort((x, y) => x - y);
    for (const o of level) cone.set(o, { len: 0, next: NONE });
    for (let len = 1; level.length > 0; len++) {
      const next: number[] = [];
      for (const c of level)
        for (const p of this.providers[c]) {
          if (!this.up(c, p)) continue;
          const had = cone.get(p);
          if (had === undefined) {
            cone.set(p, { len, next: c });
            next.push(p);
          } else if (had.len === len && this.asns[c] < this.asns[had.next]) had.next = c;
        }
      level = next;
    }
    st.cone = cone;
    return cone;
  }

  private route(st: PrefixState, s: number): Route | null {
    const cone = this.coneOf(st);
    const own = cone.get(s);
    if (own) return own;
    const memo = st.memo.get(s);
    if (memo !== undefined) return memo;
    st.memo.set(s, null); // a provider cycle would end here instead of looping
    let best: Route | null = null;
    const better = (len: number, via: number) =>
      best === null ||
      len < best.len ||
      (len === best.len && this.asns[via] < this.asns[best.next]);
    for (const p of this.peers[s]) {
      const r = cone.get(p);
      if (r && this.up(s, p) && better(r.len + 1, p)) best = { len: r.len + 1, next: p };
    }
    if (best === null)
      for (const q of this.providers[s]) {
        if (!this.up(s, q)) continue;
        const r = this.route(st, q);
        if (r && better(r.len + 1, q)) best = { len: r.len + 1, next: q };
      }
    st.memo.set(s, best);
    return best;
  }
}
