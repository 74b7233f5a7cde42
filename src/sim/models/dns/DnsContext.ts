/**
 * What every node of one DNS installation shares: read-only data (topology, mapping, config,
 * event kinds), the wire-level send, and the sinks for statistics and observations. No node
 * reads another node's state through it; nodes talk only by `network.send`.
 */
import type { Engine } from '../../engine/Engine';
import type { Network } from '../../net/Network';
import type { StreamRegistry } from '../../random/streams';
import type { Histogram } from '../../stats/Histogram';
import type { Topology } from '../../topology/types';
import type { AuthorityContext } from './authorities';
import type { DnsConfig } from './dnsConfig';
import type { DnsMapping } from './DnsMapping';
import type { EdgeConnections } from '../delivery/services';
import {
  anycastGroups,
  ROLE_OF_KIND,
  serverHostName,
  ZONE_OF_ROLE,
  zoneLabel,
  type DnsRole,
} from './names';
import type { Observations } from '../../observations';
import { encodeDns, type DnsMessage } from './wire';
import type { ModelLogEntry } from '../../model/SimModel';
import { dnsLogEntry } from './log';

import { MSG_DNS } from './messageTypes';

export { MSG_DNS, DNS_MESSAGE_TYPES } from './messageTypes';

/** What crosses the network for a DNS message: only the encoded bytes. */
export interface DnsBody {
  wire: Uint8Array;
}

export interface DnsKinds {
  /** at a resolver, arg = query id: an authority has not answered in time */
  resolverTimeout: number;
  /** at a client, arg = lookup id: its resolver has not answered in time */
  stubTimeout: number;
  /** at a client, arg = connection attempt id: the edge has not answered */
  connectTimeout: number;
  /** at a client: time for the next background lookup */
  workloadLookup: number;
}

const ROLES: readonly DnsRole[] = [
  'client',
  'resolver',
  'root',
  'tld',
  'toplevel',
  'lowlevel',
  'edge',
];

/**
 * A counter's name per role (`dns.sent.resolver`…), made once: a name built for every message
 * was a new string to hash before the counters object could be looked up by it.
 */
export function counterPerRole(prefix: string): Readonly<Record<DnsRole, string>> {
  return Object.fromEntries(ROLES.map((r) => [r, `${prefix}.${r}`])) as Record<DnsRole, string>;
}

const SENT = counterPerRole('dns.sent');
const RECEIVED = counterPerRole('dns.received');

export type DnsMessageKind =
  'query' | 'referral' | 'answer' | 'nodata' | 'nxdomain' | 'servfail' | 'refused';

export class DnsContext {
  /** statistics only: written by nodes, never read by the model */
  readonly counters: Record<string, number> = {};
  private readonly hostNames = new Map<number, string>();
  private readonly anycast: Map<number, number[]>;
  /**
   * each node's role, by id: every DNS message sent and received is counted under its node's,
   * and the topology's node records (70,000 at the 2009 scale) were a cache miss to read it
   */
  private readonly roles: readonly DnsRole[];

  constructor(
    readonly engine: Engine,
    readonly network: Network,
    readonly topology: Topology,
    readonly streams: StreamRegistry,
    readonly mapping: DnsMapping,
    readonly authority: AuthorityContext,
    readonly config: () => DnsConfig,
    readonly kinds: DnsKinds,
    readonly observations: Observations,
    readonly lookupLatencyNs: Histogram,
    /** the edge servers clients connect to after a lookup (the delivery model's) */
    readonly edges: () => EdgeConnections,
    /** the event log (ModelContext.log), when something reads it */
    private readonly log?: (entry: ModelLogEntry) => void,
  ) {
    this.anycast = anycastGroups(topology);
    this.roles = topology.nodes.map((n) => ROLE_OF_KIND[n.kind] ?? 'client');
  }

  /**
   * The node a message from `from` to `address`'s server reaches: the server itself, or for an
   * anycast server the instance the route service picks now (−1 if none is reachable).
   */
  reach(from: number, address: number): number {
    const instances = this.anycast.get(address);
    return instances === undefined ? address : this.network.routes.anycastInstance(from, instances);
  }

  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  role(node: number): DnsRole {
    return this.roles[node];
  }

  /** Encodes and sends a DNS message, and records it for the lab. */
  send(from: number, to: number, msg: DnsMessage): void {
    const wire = encodeDns(msg);
    this.count(SENT[this.role(from)]);
    this.record('sent', from, to, msg, wire);
    this.log?.(dnsLogEntry(this.engine.now, from, to, msg));
    this.network.send(from, to, wire.length, MSG_DNS, { wire } satisfies DnsBody);
  }

  /** Records a received message (after decoding at the receiver). */
  received(from: number, to: number, msg: DnsMessage, wire: Uint8Array): void {
    this.count(RECEIVED[this.role(to)]);
    this.record('received', from, to, msg, wire);
  }

  private record(
    event: 'sent' | 'received',
    from: number,
    to: number,
    msg: DnsMessage,
    wire: Uint8Array,
  ): void {
    if (!this.observations.enabled) return;
    const authority = msg.response ? from : to;
    const zone = ZONE_OF_ROLE[this.role(authority)];
    const first = msg.answers[0] ?? msg.authorities[0];
    this.observations.add({
      type: 'sim.dnsMessage',
      timeNs: this.engine.now,
      event,
      from,
      to,
      fromName: this.topology.nodes[from].name,
      toName: this.topology.nodes[to].name,
      fromRole: this.role(from),
      toRole: this.role(to),
      zone: zone === undefined ? null : zoneLabel(zone),
      name: msg.question.name,
      id: msg.id,
      kind: messageKind(msg),
      ttl: first?.ttl ?? null,
      bytes: wire.length,
      wire: Array.from(wire),
    });
  }

  hostName(node: number): string {
    let h = this.hostNames.get(node);
    if (h === undefined) {
      h = hostOf(this.topology, node);
      this.hostNames.set(node, h);
    }
    return h;
  }
}

function hostOf(topology: Topology, node: number): string {
  return serverHostName(topology, topology.nodes[node]);
}

/** How the lab names a message: a query, or what kind of reply it is. */
export function messageKind(msg: DnsMessage): DnsMessageKind {
  if (!msg.response) return 'query';
  if (msg.rcode !== 'NOERROR') return msg.rcode.toLowerCase() as DnsMessageKind;
  if (msg.answers.length > 0) return 'answer';
  if (msg.authorities.some((r) => r.type === 'NS')) return 'referral';
  return 'nodata';
}
