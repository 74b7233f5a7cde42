/**
 * A caching recursive resolver (RFC 1034 §5.3.3), as a small state machine. For a name it does
 * not have cached it starts from the deepest delegation it holds (the root hints, always), asks
 * one server of that delegation's NS set, and follows referrals down until a server answers.
 *
 * Caching: answers with their TTL; referrals as an NS set plus glue, both with the referral's
 * TTL. A delegation lives exactly as long as the referral that taught it: NS records a child
 * zone's server puts in the authority section of its answers are not cached, so they cannot
 * extend it (the parent-centric rule resolvers adopted after the "ghost domain names" attack,
 * CVE-2012-1033; Unbound does not let child NS data prolong the delegation).
 *
 * Which server of an NS set, and how long to wait: the resolver remembers each server's round
 * trips and timeouts in its infrastructure cache (InfraCache, after Unbound's), asks the one it
 * expects to answer fastest (with `serverSelection: 'band'`, one at random among those within
 * 400 ms of it, Unbound's default), and waits that server's retransmission timeout (376 ms for a
 * server it does not know yet, Unbound's first: util/rtt.c). A server that timed out has its
 * timeout doubled, so the next lookup goes straight to another server of the set (once the
 * doubled timeout is more than 400 ms worse than the best, in 'band' mode too), until the
 * memory of it expires (900 s). Within one lookup each server is asked at most once; when
 * every one has failed the stub gets SERVFAIL.
 *
 * Client subnet (RFC 7871), when the config turns it on: queries to the CDN's name servers
 * carry the asking client's address, so the CDN can map the client rather than the resolver;
 * an answer tailored to it is cached for that client only (DnsCache), and a lookup for one
 * client does not wait on another's. Referrals are never tailored (RFC 7871 §7.4). The model
 * sends the client group's whole address (prefix 32): a group's one address stands for its
 * users' networks, where a real resolver sends a /24 (RFC 7871 §11.1).
 *
 * Anycast: an address may be announced by several instances of a server (the root and .net);
 * the route service decides which one a query reaches (DnsContext.reach). The resolver sees only
 * the address, so what it remembers of "the server" is what it saw of the instances it reached.
 */
import type { ResolutionSeen } from './observations';
import { MS } from '../../time';
import { counterPerRole, type DnsContext } from './DnsContext';
import { DnsCache, type CacheEntry } from './DnsCache';
import { InfraCache, UNKNOWN_SERVER_NICENESS_MS } from './InfraCache';
import type { RandomStream } from '../../random/RandomStream';
import {
  addressNode,
  CDN_ZONE,
  nodeAddress,
  isInZone,
  MAPPED_ZONE,
  ROOT_ZONE,
  TLD_ZONE,
  zoneLabel,
  type DnsRole,
} from './names';
import type { ClientSubnet, DnsMessage, DnsRecord, Rcode } from './wire';

/** Source prefix of the client subnets sent: the whole of a client group's address. */
const ECS_SOURCE_PREFIX = 32;

/** A query to a server the resolver does not remember waits this long (Unbound's first RTO). */
export const RESOLVER_TIMEOUT_NS = UNKNOWN_SERVER_NICENESS_MS * MS;

/** One query the resolver sent on behalf of a lookup, as the lab shows it. */
export interface ResolutionStep {
  role: DnsRole;
  /** the server's host name */
  server: string;
  /** the node the query reached: the server, or the anycast instance the route led to */
  serverNode: number;
  /** how long the resolver would wait for this server's reply, ms (its timeout) */
  timeoutMs: number;
  /** the zone the server was asked as an authority for, e.g. 'akamai.net.' */
  zone: string;
  kind: 'referral' | 'answer' | 'timeout' | 'nodata' | 'nxdomain' | 'servfail' | 'refused';
  /** TTL of the referral's NS records or of the answer, s; null for a timeout */
  ttl: number | null;
  sentAtNs: number;
}

interface Waiter {
  client: number;
  id: number;
}

interface Resolution {
  name: string;
  /** the client subnet the lookup is made for ('' without client subnet) */
  subnet: string;
  waiters: Waiter[];
  zone: string;
  /** the NS set's addresses, in the referral's order, and those not asked yet in this lookup */
  servers: number[];
  untried: number[];
  steps: ResolutionStep[];
  startedAtNs: number;
  /** the query in flight: its id, server address, the node it went to, timer, wait, send time */
  queryId: number;
  server: number;
  instance: number;
  timer: number;
  timeoutNs: number;
  sentAtNs: number;
}

const QUERIES = counterPerRole('dns.queries');

/** Zones a name may be delegated at, deepest first (the model's namespace has no others). */
const CUTS = [MAPPED_ZONE, CDN_ZONE, TLD_ZONE];

export class Resolver {
  readonly cache: DnsCache;
  /** what it remembers of the name servers it asked (their RTTs and timeouts) */
  readonly infra = new InfraCache();
  private rng: RandomStream | undefined;
  private readonly inFlight = new Map<string, Resolution>();
  private readonly byQuery = new Map<number, Resolution>();
  private nextQueryId = 1;

  constructor(
    private readonly ctx: DnsContext,
    readonly id: number,
  ) {
    this.cache = new DnsCache((change, entry) => this.cacheChanged(change, entry));
  }

  /** A stub query from a client. */
  onStubQuery(client: number, query: DnsMessage): void {
    const { ctx } = this;
    const name = query.question.name;
    const now = ctx.engine.now;
    const waiter = { client, id: query.id };
    const subnet = this.ctx.config().clientSubnet ? nodeAddress(client) : '';
    const cached = this.cache.get(name, 'A', now, subnet);
    if (cached !== undefined) {
      ctx.count('dns.resolver.cacheHits');
      this.report(name, [waiter], [], now, 'NOERROR', cached.records);
      this.replyToStub(waiter, name, 'NOERROR', this.remaining(cached));
      return;
    }
    const key = inFlightKey(name, subnet);
    const going = this.inFlight.get(key);
    if (going !== undefined) {
      going.waiters.push(waiter);
      return;
    }
    ctx.count('dns.resolver.resolutions');
    const r: Resolution = {
      name,
      subnet,
      waiters: [waiter],
      zone: ROOT_ZONE,
      servers: [],
      untried: [],
      steps: [],
      startedAtNs: now,
      queryId: -1,
      server: -1,
      instance: -1,
      timer: -1,
      timeoutNs: 0,
      sentAtNs: now,
    };
    [r.zone, r.servers] = this.deepestDelegation(name, now);
    r.untried = [...r.servers];
    this.inFlight.set(key, r);
    this.ask(r);
  }

  /** A reply from an authority. */
  onResponse(from: number, msg: DnsMessage): void {
    const r = this.byQuery.get(msg.id);
    // A late reply to a query already given up (or a stray one) is ignored, as real resolvers do.
    if (r === undefined || r.instance !== from || r.queryId !== msg.id) return;
    const { ctx } = this;
    const now = ctx.engine.now;
    ctx.engine.cancel(r.timer);
    this.byQuery.delete(msg.id);
    this.infra.answered(r.server, now - r.sentAtNs, now);
    const name = r.name;
    const answers = msg.answers.filter((a) => a.type === 'A' && a.name === name);
    const nsSet = msg.authorities.filter((a) => a.type === 'NS');
    const child = nsSet[0]?.name;
    const isReferral =
      msg.rcode === 'NOERROR' &&
      answers.length === 0 &&
      child !== undefined &&
      isInZone(name, child) &&
      isInZone(child, r.zone) &&
      child !== r.zone;
    const kind: ResolutionStep['kind'] =
      msg.rcode !== 'NOERROR'
        ? (msg.rcode.toLowerCase() as ResolutionStep['kind'])
        : answers.length > 0
          ? 'answer'
          : isReferral
            ? 'referral'
            : 'nodata';
    const ttl = answers.length > 0 ? minTtl(answers) : isReferral ? minTtl(nsSet) : null;
    this.step(r, kind, ttl);
    if (kind === 'servfail' || kind === 'refused') {
      // A lame or failing server: try another one of the same set.
      this.ask(r);
      return;
    }
    if (kind === 'answer') {
      const tailored = (msg.clientSubnet?.scopePrefix ?? 0) > 0 ? r.subnet : '';
      const entry = this.store(name, 'answer', answers, now, tailored);
      this.finish(r, 'NOERROR', entry);
      return;
    }
    if (kind === 'referral') {
      const zoneNs = nsSet.filter((a) => a.name === child);
      this.store(child, 'delegation', zoneNs, now);
      const servers: number[] = [];
      for (const ns of zoneNs) {
        const glue = msg.additionals.filter((a) => a.type === 'A' && a.name === ns.data);
        if (glue.length === 0) continue;
        this.store(ns.data, 'glue', glue, now);
        const node = addressNode(glue[0].data);
        if (node >= 0) servers.push(node);
      }
      r.zone = child;
      r.servers = servers;
      r.untried = [...servers];
      this.ask(r);
      return;
    }
    this.finish(r, kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR', undefined);
  }

  /** The query `queryId` has had no reply within the timeout. */
  onTimeout(queryId: number): void {
    const r = this.byQuery.get(queryId);
    if (r === undefined) return;
    this.byQuery.delete(queryId);
    this.infra.timedOut(r.server, r.timeoutNs, this.ctx.engine.now);
    this.ctx.count('dns.resolver.timeouts');
    this.step(r, 'timeout', null);
    this.ctx.observations.add({
      type: 'sim.queryTimeout',
      timeNs: this.ctx.engine.now,
      resolver: this.id,
      server: r.server,
      zone: zoneLabel(r.zone),
      name: r.name,
    });
    this.ask(r);
  }

  /**
   * Sends the next query of a resolution to the server of the set not yet asked that the
   * infrastructure cache ranks best, or gives up with SERVFAIL when the set is spent.
   */
  private ask(r: Resolution): void {
    const { ctx } = this;
    const now = ctx.engine.now;
    const server = this.infra.choose(r.untried, now, ctx.config().serverSelection, () =>
      this.selectionRng(),
    );
    if (server < 0) {
      this.finish(r, 'SERVFAIL', undefined);
      return;
    }
    r.untried.splice(r.untried.indexOf(server), 1);
    r.server = server;
    // No instance reachable: the query goes towards the address and is lost on the way.
    const instance = ctx.reach(this.id, server);
    r.instance = instance >= 0 ? instance : server;
    r.timeoutNs = this.infra.timeoutNs(server, now);
    r.queryId = this.nextQueryId;
    this.nextQueryId = (this.nextQueryId % 0xffff) + 1;
    r.sentAtNs = ctx.engine.now;
    this.byQuery.set(r.queryId, r);
    ctx.count(QUERIES[ctx.role(r.server)]);
    ctx.send(this.id, r.instance, {
      id: r.queryId,
      response: false,
      recursionDesired: false,
      authoritative: false,
      rcode: 'NOERROR',
      question: { name: r.name, type: 'A' },
      answers: [],
      authorities: [],
      additionals: [],
      ...this.clientSubnetFor(r),
    });
    r.timer = ctx.engine.schedule(
      r.timeoutNs,
      this.id,
      this.id,
      ctx.kinds.resolverTimeout,
      r.queryId,
    );
  }

  private step(r: Resolution, kind: ResolutionStep['kind'], ttl: number | null): void {
    r.steps.push({
      role: this.ctx.role(r.server),
      server: this.ctx.hostName(r.server),
      serverNode: r.instance,
      timeoutMs: r.timeoutNs / MS,
      zone: zoneLabel(r.zone),
      kind,
      ttl,
      sentAtNs: r.sentAtNs,
    });
  }

  /** The client subnet option for a query of `r`: only to the CDN's servers, only if on. */
  private clientSubnetFor(r: Resolution): { clientSubnet?: ClientSubnet } {
    if (r.subnet === '' || !isInZone(r.zone, CDN_ZONE)) return {};
    return {
      clientSubnet: { address: r.subnet, sourcePrefix: ECS_SOURCE_PREFIX, scopePrefix: 0 },
    };
  }

  private finish(r: Resolution, rcode: Rcode, entry: CacheEntry | undefined): void {
    this.inFlight.delete(inFlightKey(r.name, r.subnet));
    this.report(r.name, r.waiters, r.steps, r.startedAtNs, rcode, entry?.records ?? []);
    const ttl = entry ? this.remaining(entry) : undefined;
    for (const w of r.waiters) this.replyToStub(w, r.name, rcode, ttl);
  }

  private report(
    name: string,
    waiters: Waiter[],
    steps: ResolutionStep[],
    startedAtNs: number,
    rcode: Rcode,
    records: DnsRecord[],
  ): void {
    const now = this.ctx.engine.now;
    for (const w of waiters)
      this.ctx.observations.add({
        type: 'sim.resolution',
        timeNs: now,
        resolver: this.id,
        client: w.client,
        id: w.id,
        name,
        rcode,
        fromCache: steps.length === 0 && rcode === 'NOERROR',
        steps,
        addresses: records.map((a) => a.data),
        startedAtNs,
      } satisfies ResolutionSeen);
  }

  private replyToStub(
    w: Waiter,
    name: string,
    rcode: Rcode,
    entry: { records: DnsRecord[]; ttl: number } | undefined,
  ): void {
    this.ctx.send(this.id, w.client, {
      id: w.id,
      response: true,
      recursionDesired: true,
      authoritative: false,
      rcode,
      question: { name, type: 'A' },
      answers: entry ? entry.records.map((a) => ({ ...a, ttl: entry.ttl })) : [],
      authorities: [],
      additionals: [],
    });
  }

  /** A cached entry's records with the TTL it has left (RFC 1035 §7.4: counted down). */
  private remaining(e: CacheEntry): { records: DnsRecord[]; ttl: number } {
    const left = Math.max(0, Math.ceil((e.expiresAtNs - this.ctx.engine.now) / 1e9));
    return { records: e.records, ttl: left };
  }

  /**
   * The deepest live delegation for a name: its zone and the servers whose glue is still cached;
   * the root hints otherwise (a resolver is preconfigured with the roots, Dilley et al. 2002).
   */
  private deepestDelegation(name: string, now: number): [string, number[]] {
    for (const zone of CUTS) {
      if (!isInZone(name, zone)) continue;
      const ns = this.cache.get(zone, 'NS', now);
      if (ns === undefined) continue;
      const servers: number[] = [];
      for (const r of ns.records) {
        const glue = this.cache.get(r.data, 'A', now);
        const node = glue ? addressNode(glue.records[0].data) : -1;
        if (node >= 0) servers.push(node);
      }
      if (servers.length > 0) return [zone, servers];
    }
    return [ROOT_ZONE, [...this.ctx.authority.servers.root]];
  }

  /** The resolver's own stream for choosing among servers it rates alike ('band' selection). */
  private selectionRng(): RandomStream {
    this.rng ??= this.ctx.streams.get(`resolver:${this.id}/servers`);
    return this.rng;
  }

  private store(
    name: string,
    kind: CacheEntry['kind'],
    records: DnsRecord[],
    now: number,
    subnet = '',
  ): CacheEntry {
    const ttl = minTtl(records);
    const entry: CacheEntry = {
      ...(subnet === '' ? {} : { subnet }),
      name,
      type: records[0].type,
      kind,
      records: records.map((r) => ({ ...r })),
      ttl,
      storedAtNs: now,
      expiresAtNs: now + ttl * 1e9,
    };
    this.cache.put(entry);
    return entry;
  }

  private cacheChanged(change: string, e: CacheEntry): void {
    this.ctx.count(`dns.cache.${change}`);
    this.ctx.observations.add({
      type: 'sim.resolverCacheChanged',
      timeNs: this.ctx.engine.now,
      resolver: this.id,
      change,
      name: e.name,
      rtype: e.type,
      kind: e.kind,
      ttl: e.ttl,
      expiresAtNs: e.expiresAtNs,
      records: e.records.map((r) => r.data),
    });
  }
}

function inFlightKey(name: string, subnet: string): string {
  return subnet === '' ? name : `${name}|${subnet}`;
}

function minTtl(records: DnsRecord[]): number {
  let t = Infinity;
  for (const r of records) t = Math.min(t, r.ttl);
  return Number.isFinite(t) ? t : 0;
}
