/**
 * The DNS lookups of a run as sequences, gathered from frames: the DNS messages the model
 * records (`sim.dnsMessage`, sent and received), the resolver's and the client's timeouts, the
 * answer, and the client's connection to an edge (its SYN and the edge's reply are network
 * messages, seen in the frame's messages in flight and its event log). Each frame adds only its
 * new records; a frame earlier than the last one means a new run, and everything starts over.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { duration } from '@lab/format';
import { addressNode, nodeAddress } from '@sim/models/dns/names';
import { FrameFollower } from '../charts/frameFollower';
import { formatMs, type Lane, type SeqMessage, type SeqWait, type Sequence } from './sequence';

/** A `sim.dnsMessage` observation (see DnsContext.record). */
interface DnsMessageRecord {
  type: 'sim.dnsMessage';
  timeNs: number;
  event: 'sent' | 'received';
  from: number;
  to: number;
  fromName: string;
  toName: string;
  fromRole: string;
  toRole: string;
  name: string;
  id: number;
  kind: string;
  ttl: number | null;
}

type Carrier = 'dns' | 'connect' | 'ack';

interface Msg extends SeqMessage {
  carrier: Carrier;
  fromNode: number;
  toNode: number;
  /** a query or SYN still waiting for its reply (no reply arrived, no timeout yet) */
  awaiting: boolean;
}

interface Lookup {
  client: number;
  resolver: number;
  id: number;
  name: string;
  startedNs: number;
  lastNs: number;
  messages: Msg[];
  waits: SeqWait[];
  roles: Map<number, { role: string; name: string }>;
  latencyNs: number | null;
  rcode: string | null;
  /** when the client may send its (next) SYN: the answer, then each connect timeout */
  connectFromNs: number | null;
  tries: number | null;
  finished: boolean;
}

/** Textbook order of the lanes. */
const ROLE_ORDER = ['client', 'resolver', 'root', 'tld', 'toplevel', 'lowlevel', 'edge'];
const ROLE_TITLE: Record<string, string> = {
  client: 'client',
  resolver: 'resolver',
  root: 'root',
  tld: '.net',
  toplevel: 'top-level',
  lowlevel: 'low-level',
  edge: 'edge',
};

/** Lookups kept (the diagram shows one; the rest are for choosing it). */
const KEEP_LOOKUPS = 50;

const CARRIER_OF: Record<string, Carrier> = {
  'dns.message': 'dns',
  'delivery.syn': 'connect',
  'delivery.synAck': 'ack',
};

/**
 * A place from a node's name when the caller gives none: "dns:low-new-york-n2" → "New York".
 * The root and .net servers' names carry no place ("dns:root-a"): ''.
 */
export function placeFromName(name: string): string {
  const label = name.replace(/^[^:]*:/, '');
  if (/^(root|net)-[a-z]$/.test(label)) return '';
  return label
    .replace(/^(top|low)-/, '')
    .replace(/-n\d+(-\d+)?$/, '')
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export class DnsSequence {
  private lookups: Lookup[] = [];
  /** requests by `${from}>${to}:${id}`, to attach replies to their lookup */
  private requests = new Map<string, { lookup: Lookup; msg: Msg }>();
  /** DNS messages sent since the run started: the index the message list uses */
  private sentCount = 0;
  private nowNs = 0;
  private readonly frames = new FrameFollower();

  /** Adds a frame's records; true if the picture may have changed. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') this.startOver();
    const moved = frame.timeNs !== this.nowNs;
    this.nowNs = frame.timeNs;
    let changed = turn === 'restart';
    for (const o of frame.observations ?? []) if (this.observe(o)) changed = true;
    for (const e of frame.log?.entries ?? []) {
      const carrier = CARRIER_OF[e.type];
      if (carrier !== undefined && this.logged(carrier, e)) changed = true;
    }
    const f = frame.inFlight;
    if (f) {
      for (let i = 0; i < f.types.length; i++) {
        const carrier = CARRIER_OF[f.types[i]];
        if (
          carrier !== undefined &&
          this.inFlight(carrier, f.from[i], f.to[i], f.sentAtNs[i], f.expectedAtNs[i])
        )
          changed = true;
      }
    }
    const latest = this.lookups.at(-1);
    return changed || (moved && latest !== undefined && isOpen(latest));
  }

  /**
   * The latest lookup (of `client`, when given) as a sequence, or null before there is one.
   * `placeOf` names a node's place; without it the place is read from the node's name.
   */
  view(client: number | null = null, placeOf?: (node: number) => string): Sequence | null {
    const l =
      client === null ? this.lookups.at(-1) : lastWhere(this.lookups, (x) => x.client === client);
    if (!l) return null;
    // An edge is known only by the address the answer gave (its name is not in the records).
    const place = (node: number) => {
      const name = l.roles.get(node)?.name ?? '';
      return placeOf?.(node) ?? (name ? placeFromName(name) : nodeAddress(node));
    };
    const nodes = [...l.roles.keys()];
    const rank = (n: number) => ROLE_ORDER.indexOf(l.roles.get(n)!.role);
    // Stable: lanes of one role stay in the order they were first met.
    nodes.sort((a, b) => rank(a) - rank(b));
    const lanes: Lane[] = nodes.map((n) => ({
      key: String(n),
      role: ROLE_TITLE[l.roles.get(n)!.role] ?? l.roles.get(n)!.role,
      place: place(n),
    }));
    const queries = l.messages.filter(
      (m) => m.carrier === 'dns' && m.kind === 'query' && m.fromNode === l.resolver,
    ).length;
    const open = isOpen(l);
    const outcome =
      l.latencyNs !== null
        ? `answered${l.rcode && l.rcode !== 'NOERROR' ? ` ${l.rcode}` : ''} in ${formatMs(l.latencyNs)}`
        : l.finished
          ? 'no answer'
          : 'in progress';
    const connect =
      l.tries !== null ? `; connected to an edge${l.tries > 1 ? ` at try ${l.tries}` : ''}` : '';
    return {
      lanes,
      messages: l.messages,
      waits: [...l.waits, ...this.waitingNow(l)],
      startNs: l.startedNs,
      endNs: l.lastNs,
      open,
      zeroNs: l.startedNs,
      axisZero: 'the query',
      summary: `Lookup of ${l.name} by the client in ${place(l.client)}: ${queries} ${
        queries === 1 ? 'query' : 'queries'
      } from the resolver, ${outcome}${connect}.`,
      note: '',
    };
  }

  /**
   * A request known lost (dropped) that its sender still waits on: a bracket growing to now, so
   * the wait is seen while it lasts; the timeout replaces it with the measured one.
   */
  private waitingNow(l: Lookup): SeqWait[] {
    if (l.finished) return [];
    return l.messages
      .filter((m) => m.awaiting && m.lost)
      .map((m) => ({
        lane: m.from,
        fromNs: m.sentNs,
        toNs: this.nowNs,
        label: `waiting for a reply: ${formatMs(this.nowNs - m.sentNs)}`,
      }));
  }

  private startOver(): void {
    this.lookups = [];
    this.requests.clear();
    this.sentCount = 0;
  }

  private observe(o: unknown): boolean {
    const r = o as { type?: string; timeNs: number };
    switch (r.type) {
      case 'sim.dnsMessage': {
        const m = o as DnsMessageRecord;
        if (m.event === 'sent') return this.sent(m, this.sentCount++);
        return this.received(m);
      }
      case 'sim.queryTimeout': {
        const t = o as { timeNs: number; resolver: number; server: number; name: string };
        const q = this.awaitingQuery(t);
        if (!q) return false;
        this.giveUp(
          q,
          t.timeNs,
          `no reply: resolver gave up after ${formatMs(t.timeNs - q.sentNs)}`,
        );
        return true;
      }
      case 'sim.queryAnswered': {
        const a = o as {
          client: number;
          id: number;
          latencyNs: number;
          rcode: string;
          timeNs: number;
        };
        const l = this.lookupOf(a.client, a.id);
        if (!l) return false;
        l.latencyNs = a.latencyNs;
        l.rcode = a.rcode;
        l.connectFromNs = a.timeNs;
        l.lastNs = Math.max(l.lastNs, a.timeNs);
        return true;
      }
      case 'sim.queryTimedOut': {
        const a = o as { client: number; id: number; timeNs: number };
        const l = this.lookupOf(a.client, a.id);
        if (!l) return false;
        l.waits.push({
          lane: String(l.client),
          fromNs: l.startedNs,
          toNs: a.timeNs,
          label: `no answer: client gave up after ${formatMs(a.timeNs - l.startedNs)}`,
        });
        return this.finish(l, a.timeNs);
      }
      case 'sim.connectTimedOut': {
        const a = o as { client: number; id: number; address: string; timeNs: number };
        const l = this.lookupOf(a.client, a.id);
        if (!l) return false;
        const edge = addressNode(a.address);
        const syn = lastWhere(
          l.messages,
          (m) => m.carrier === 'connect' && m.toNode === edge && m.awaiting,
        );
        if (syn)
          this.giveUp(
            syn,
            a.timeNs,
            `no reply: next address after ${formatMs(a.timeNs - syn.sentNs)}`,
          );
        l.connectFromNs = a.timeNs;
        return true;
      }
      case 'sim.connected': {
        const a = o as { client: number; id: number; tries: number; timeNs: number };
        const l = this.lookupOf(a.client, a.id);
        if (!l) return false;
        l.tries = a.tries;
        return this.finish(l, a.timeNs);
      }
      case 'sim.connectFailed': {
        const a = o as { client: number; id: number; timeNs: number };
        const l = this.lookupOf(a.client, a.id);
        return l ? this.finish(l, a.timeNs) : false;
      }
      default:
        return false;
    }
  }

  private sent(m: DnsMessageRecord, index: number): boolean {
    const response = m.kind !== 'query';
    let lookup: Lookup | undefined;
    if (!response && m.fromRole === 'client') {
      lookup = {
        client: m.from,
        resolver: m.to,
        id: m.id,
        name: m.name,
        startedNs: m.timeNs,
        lastNs: m.timeNs,
        messages: [],
        waits: [],
        roles: new Map(),
        latencyNs: null,
        rcode: null,
        connectFromNs: null,
        tries: null,
        finished: false,
      };
      this.lookups.push(lookup);
      if (this.lookups.length > KEEP_LOOKUPS) this.forgetOldest();
    } else if (!response) {
      // The resolver's query to an authority belongs to the lookup it is resolving.
      lookup = lastWhere(
        this.lookups,
        (l) => l.resolver === m.from && l.name === m.name && !l.finished && l.latencyNs === null,
      );
    } else {
      lookup = this.requests.get(`${m.to}>${m.from}:${m.id}`)?.lookup;
    }
    if (!lookup) return false;
    lookup.roles.set(m.from, lookup.roles.get(m.from) ?? { role: m.fromRole, name: m.fromName });
    lookup.roles.set(m.to, lookup.roles.get(m.to) ?? { role: m.toRole, name: m.toName });
    const ttl = m.ttl !== null ? ` · TTL ${duration(m.ttl)}` : '';
    const msg: Msg = {
      carrier: 'dns',
      fromNode: m.from,
      toNode: m.to,
      from: String(m.from),
      to: String(m.to),
      sentNs: m.timeNs,
      arriveNs: null,
      expectedNs: null,
      lost: false,
      lostNs: null,
      lostAlong: null,
      kind: m.kind,
      label: `${m.kind}${ttl}`,
      detail: `${m.fromName} → ${m.toName}: ${m.kind} for ${m.name}${ttl}`,
      index,
      awaiting: !response,
    };
    lookup.messages.push(msg);
    lookup.lastNs = Math.max(lookup.lastNs, m.timeNs);
    if (!response) this.requests.set(`${m.from}>${m.to}:${m.id}`, { lookup, msg });
    return true;
  }

  private received(m: DnsMessageRecord): boolean {
    const response = m.kind !== 'query';
    const key = response ? `${m.to}>${m.from}:${m.id}` : `${m.from}>${m.to}:${m.id}`;
    const request = this.requests.get(key);
    if (!request) return false;
    const { lookup } = request;
    const msg = lookup.messages.find(
      (x) =>
        x.carrier === 'dns' &&
        x.fromNode === m.from &&
        x.toNode === m.to &&
        x.arriveNs === null &&
        x.kind === m.kind &&
        x.sentNs <= m.timeNs,
    );
    if (!msg) return false;
    msg.arriveNs = m.timeNs;
    msg.lost = false;
    lookup.lastNs = Math.max(lookup.lastNs, m.timeNs);
    if (response) {
      request.msg.awaiting = false;
      this.requests.delete(key);
    }
    return true;
  }

  /** The resolver's query to `server` for `name` that is still waiting. */
  private awaitingQuery(t: { resolver: number; server: number; name: string }): Msg | undefined {
    const l = lastWhere(this.lookups, (x) => x.resolver === t.resolver && x.name === t.name);
    if (!l) return undefined;
    return lastWhere(
      l.messages,
      (m) =>
        m.carrier === 'dns' &&
        m.kind === 'query' &&
        m.fromNode === t.resolver &&
        m.toNode === t.server &&
        m.awaiting,
    );
  }

  /** A request nobody answered: a cross if it never arrived, and a bracket over the wait. */
  private giveUp(q: Msg, atNs: number, label: string): void {
    q.awaiting = false;
    if (q.arriveNs === null && !q.lost) {
      q.lost = true;
      q.lostNs = null;
    }
    const l = this.lookups.find((x) => x.messages.includes(q));
    if (!l) return;
    l.waits.push({ lane: q.from, fromNs: q.sentNs, toNs: atNs, label });
    l.lastNs = Math.max(l.lastNs, atNs);
  }

  private finish(l: Lookup, atNs: number): boolean {
    l.finished = true;
    l.lastNs = Math.max(l.lastNs, atNs);
    return true;
  }

  private lookupOf(client: number, id: number): Lookup | undefined {
    return lastWhere(this.lookups, (l) => l.client === client && l.id === id);
  }

  /** A network message between a client and an edge (or a dropped DNS message) in the log. */
  private logged(
    carrier: Carrier,
    e: { timeNs: number; from: number; to: number; outcome: string },
  ): boolean {
    if (carrier === 'dns' && e.outcome === 'delivered') return false; // seen as `received`
    const msg = this.pendingOf(carrier, e.from, e.to, e.timeNs) ?? this.connectSeenLate(carrier, e);
    if (!msg) return false;
    const l = this.lookups.find((x) => x.messages.includes(msg))!;
    if (e.outcome === 'delivered') {
      msg.arriveNs = e.timeNs;
      if (carrier === 'ack') {
        const syn = lastWhere(l.messages, (m) => m.carrier === 'connect' && m.toNode === e.from);
        if (syn) syn.awaiting = false;
      }
    } else {
      msg.lost = true;
      msg.lostNs = e.timeNs;
      // A message to a failed node is dropped on arrival; elsewhere, as far along as time says.
      msg.lostAlong =
        e.outcome === 'node-down'
          ? 1
          : msg.expectedNs !== null && msg.expectedNs > msg.sentNs
            ? Math.min(1, (e.timeNs - msg.sentNs) / (msg.expectedNs - msg.sentNs))
            : 0.5;
    }
    l.lastNs = Math.max(l.lastNs, e.timeNs);
    return true;
  }

  /** A SYN or its reply delivered before any frame saw it in flight: sent when it must have been. */
  private connectSeenLate(
    carrier: Carrier,
    e: { timeNs: number; from: number; to: number },
  ): Msg | null {
    if (carrier === 'dns') return null;
    const client = carrier === 'connect' ? e.from : e.to;
    const l = lastWhere(this.lookups, (x) => x.client === client && x.connectFromNs !== null);
    if (!l) return null;
    // The client sends its SYN the moment it has the answer (or a try times out); the edge
    // replies the moment the SYN arrives (DnsClient.connect, installDns.deliver).
    const sentNs =
      carrier === 'connect'
        ? l.connectFromNs!
        : lastWhere(l.messages, (m) => m.carrier === 'connect' && m.toNode === e.from)?.arriveNs;
    if (sentNs === undefined || sentNs === null) return null;
    return this.addConnect(l, carrier, e.from, e.to, sentNs, null);
  }

  private inFlight(
    carrier: Carrier,
    from: number,
    to: number,
    sentNs: number,
    expectedNs: number,
  ): boolean {
    const known = this.pendingOf(carrier, from, to, Infinity, sentNs);
    if (known) {
      if (known.expectedNs === expectedNs) return false;
      known.expectedNs = expectedNs;
      return true;
    }
    if (carrier === 'dns') return false;
    const client = carrier === 'connect' ? from : to;
    const l = lastWhere(this.lookups, (x) => x.client === client);
    if (!l || l.connectFromNs === null || sentNs < l.connectFromNs) return false;
    this.addConnect(l, carrier, from, to, sentNs, expectedNs);
    return true;
  }

  private addConnect(
    l: Lookup,
    carrier: Carrier,
    from: number,
    to: number,
    sentNs: number,
    expectedNs: number | null,
  ): Msg {
    const edge = carrier === 'connect' ? to : from;
    l.roles.set(edge, l.roles.get(edge) ?? { role: 'edge', name: '' });
    const label = carrier === 'connect' ? `SYN to ${nodeAddress(edge)}` : 'SYN-ACK';
    const msg: Msg = {
      carrier,
      fromNode: from,
      toNode: to,
      from: String(from),
      to: String(to),
      sentNs,
      arriveNs: null,
      expectedNs,
      lost: false,
      lostNs: null,
      lostAlong: null,
      kind: carrier,
      label,
      detail: `${label} (${carrier === 'connect' ? 'client to edge' : 'edge to client'})`,
      index: null,
      awaiting: carrier === 'connect',
    };
    l.messages.push(msg);
    l.lastNs = Math.max(l.lastNs, sentNs);
    return msg;
  }

  /** The message of this kind between these nodes that has not arrived (sent at `sentNs` if given). */
  private pendingOf(
    carrier: Carrier,
    from: number,
    to: number,
    beforeNs: number,
    sentNs?: number,
  ): Msg | null {
    for (let i = this.lookups.length - 1; i >= 0; i--) {
      const m = this.lookups[i].messages.find(
        (x) =>
          x.carrier === carrier &&
          x.fromNode === from &&
          x.toNode === to &&
          x.arriveNs === null &&
          !(x.lost && x.lostNs !== null) &&
          x.sentNs <= beforeNs &&
          (sentNs === undefined || x.sentNs === sentNs),
      );
      if (m) return m;
    }
    return null;
  }

  private forgetOldest(): void {
    const gone = this.lookups.shift()!;
    for (const [k, v] of this.requests) if (v.lookup === gone) this.requests.delete(k);
  }
}

/** The last element that satisfies `test` (ES2022 has no findLast). */
function lastWhere<T>(list: readonly T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return undefined;
}

/** More is to come: a message on its way, a request waiting for its reply, or no answer yet. */
function isOpen(l: Lookup): boolean {
  if (l.finished) return false;
  if (l.latencyNs === null) return true;
  return (l.messages as Msg[]).some((m) => m.awaiting || (m.arriveNs === null && !m.lost));
}
