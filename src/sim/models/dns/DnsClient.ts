/**
 * A client (an end user's stub resolver and browser, for one client group): asks its recursive
 * resolver for a name, then connects to the first address (a TCP handshake with the delivery
 * model's edge server, the one its client groups load) and, if that edge does not answer within
 * the connect timeout, to the next (Dilley et al. 2002: "the DNS resolution can return
 * multiple IP addresses, so that the client can try another address").
 *
 * Timeouts: the stub waits 5 s, glibc's default (resolv.conf(5), "timeout:n", default 5); a
 * connection attempt waits 1 s, TCP's initial retransmission timeout (RFC 6298 §2.1), before
 * the next address.
 */
import type { AnswerSeen, ConnectedSeen } from './observations';
import { MS, SECOND } from '../../time';
import type { DnsContext } from './DnsContext';
import { addressNode } from './names';
import type { DnsMessage } from './wire';
import { assertionsEnabled, fail } from '../../assert';

export const STUB_TIMEOUT_NS = 5 * SECOND;
export const CONNECT_TIMEOUT_NS = 1000 * MS;

/** Another model's wait for a lookup (DnsServices.resolve): node ids and TTL in ns. */
export type LookupDone = (addresses: number[], ttlNs: number) => void;

interface Lookup {
  name: string;
  startedAtNs: number;
  timer: number;
  /** set when another model asked (it fetches from the answer itself: no connect here) */
  done?: LookupDone;
}

interface Attempt {
  lookup: number;
  name: string;
  addresses: string[];
  index: number;
  timer: number;
  /** when the current attempt's SYN left */
  sentAtNs: number;
}

export class DnsClient {
  private nextLookup = 1;
  private readonly lookups = new Map<number, Lookup>();
  private nextAttempt = 1;
  private readonly attempts = new Map<number, Attempt>();
  private workloadTimer = -1;
  private readonly opened = (attempt: number) => this.onConnectAck(attempt);
  /** background workload: Poisson lookups per second, over names a1…a<names>.g.akamai.net */
  private rateHz = 0;
  private names = 1;

  constructor(
    private readonly ctx: DnsContext,
    readonly id: number,
    /** the recursive resolver it asks (dns.useResolver changes it) */
    public resolver: number,
  ) {}

  /**
   * Asks the resolver for `name`; returns the lookup id (also the DNS id of the stub query).
   * With `done`, the answer goes to it instead of to a connection attempt.
   */
  lookup(name: string, done?: LookupDone): number {
    const { ctx } = this;
    const id = this.nextLookup;
    this.nextLookup = (this.nextLookup % 0xffff) + 1;
    const timer = ctx.engine.schedule(STUB_TIMEOUT_NS, this.id, this.id, ctx.kinds.stubTimeout, id);
    if (assertionsEnabled) this.checkedStart(id);
    this.lookups.set(id, { name, startedAtNs: ctx.engine.now, timer, done });
    ctx.count('dns.lookups');
    ctx.send(this.id, this.resolver, {
      id,
      response: false,
      recursionDesired: true,
      authoritative: false,
      rcode: 'NOERROR',
      question: { name, type: 'A' },
      answers: [],
      authorities: [],
      additionals: [],
    });
    return id;
  }

  onResponse(msg: DnsMessage): void {
    const l = this.lookups.get(msg.id);
    if (l === undefined || l.name !== msg.question.name) return;
    const { ctx } = this;
    ctx.engine.cancel(l.timer);
    this.lookups.delete(msg.id);
    if (assertionsEnabled) ctx.count('dns.lookupsInFlight', -1);
    const latencyNs = ctx.engine.now - l.startedAtNs;
    const addresses = msg.answers.filter((a) => a.type === 'A').map((a) => a.data);
    ctx.count(msg.rcode === 'NOERROR' ? 'dns.lookupsAnswered' : `dns.lookupsFailed`);
    ctx.lookupLatencyNs.record(latencyNs);
    ctx.observations.add({
      type: 'sim.queryAnswered',
      timeNs: ctx.engine.now,
      client: this.id,
      id: msg.id,
      name: l.name,
      rcode: msg.rcode,
      addresses,
      ttl: msg.answers[0]?.ttl ?? null,
      latencyNs,
      startedAtNs: l.startedAtNs,
    } satisfies AnswerSeen);
    if (l.done !== undefined) {
      const ttl = msg.rcode === 'NOERROR' ? (msg.answers[0]?.ttl ?? 0) : 0;
      l.done(msg.rcode === 'NOERROR' ? addresses.map(addressNode) : [], ttl * SECOND);
      return;
    }
    if (ctx.config().connect && addresses.length > 0) {
      const attempt: Attempt = {
        lookup: msg.id,
        name: l.name,
        addresses,
        index: 0,
        timer: -1,
        sentAtNs: 0,
      };
      const key = this.nextAttempt++;
      this.attempts.set(key, attempt);
      this.connect(key, attempt);
    }
  }

  onStubTimeout(id: number): void {
    const l = this.lookups.get(id);
    if (l === undefined) return;
    this.lookups.delete(id);
    if (assertionsEnabled) this.ctx.count('dns.lookupsInFlight', -1);
    this.ctx.count('dns.lookupsTimedOut');
    this.ctx.observations.add({
      type: 'sim.queryTimedOut',
      timeNs: this.ctx.engine.now,
      client: this.id,
      id,
      name: l.name,
    });
    l.done?.([], 0);
  }

  /**
   * With assertions on: a lookup id (16 bits, as on the wire) must not be reused while a lookup
   * with it is still waiting, or that lookup would vanish uncounted; and the in-flight gauge
   * (`dns.lookupsInFlight`) makes `lookups = answered + failed + timed out + in flight` checkable.
   */
  private checkedStart(id: number): void {
    if (this.lookups.has(id))
      fail(`dns client ${this.id}: lookup id ${id} reused while that lookup is still waiting`);
    this.ctx.count('dns.lookupsInFlight');
  }

  onConnectAck(attempt: number): void {
    const a = this.attempts.get(attempt);
    if (a === undefined) return;
    this.ctx.engine.cancel(a.timer);
    this.attempts.delete(attempt);
    this.ctx.count('dns.connects');
    this.ctx.observations.add({
      type: 'sim.connected',
      timeNs: this.ctx.engine.now,
      client: this.id,
      id: a.lookup,
      name: a.name,
      address: a.addresses[a.index],
      tries: a.index + 1,
      handshakeNs: this.ctx.engine.now - a.sentAtNs,
    } satisfies ConnectedSeen);
  }

  onConnectTimeout(key: number): void {
    const a = this.attempts.get(key);
    if (a === undefined) return;
    const { ctx } = this;
    ctx.count('dns.connectTimeouts');
    ctx.observations.add({
      type: 'sim.connectTimedOut',
      timeNs: ctx.engine.now,
      client: this.id,
      id: a.lookup,
      address: a.addresses[a.index],
    });
    a.index++;
    if (a.index < a.addresses.length) {
      this.connect(key, a);
      return;
    }
    this.attempts.delete(key);
    ctx.count('dns.connectsFailed');
    ctx.observations.add({
      type: 'sim.connectFailed',
      timeNs: ctx.engine.now,
      client: this.id,
      id: a.lookup,
    });
  }

  /** Starts (or restarts) a Poisson stream of lookups at `rateHz`. */
  setWorkload(rateHz: number, names: number): void {
    if (this.workloadTimer >= 0) this.ctx.engine.cancel(this.workloadTimer);
    this.workloadTimer = -1;
    this.rateHz = rateHz;
    this.names = names;
    if (rateHz > 0) this.scheduleWorkload();
  }

  onWorkloadTime(): void {
    const rng = this.ctx.streams.get(`dns:client:${this.id}/names`);
    this.lookup(`a${rng.int(1, this.names)}.g.akamai.net`);
    this.scheduleWorkload();
  }

  private scheduleWorkload(): void {
    const rng = this.ctx.streams.get(`dns:client:${this.id}/lookups`);
    const gap = Math.max(1, Math.round(rng.exponential(SECOND / this.rateHz)));
    this.workloadTimer = this.ctx.engine.schedule(
      gap,
      this.id,
      this.id,
      this.ctx.kinds.workloadLookup,
    );
  }

  private connect(key: number, a: Attempt): void {
    const { ctx } = this;
    const edge = addressNode(a.addresses[a.index]);
    a.sentAtNs = ctx.engine.now;
    a.timer = ctx.engine.schedule(
      CONNECT_TIMEOUT_NS,
      this.id,
      this.id,
      ctx.kinds.connectTimeout,
      key,
    );
    ctx.edges().open(this.id, edge, key, this.opened);
  }
}
