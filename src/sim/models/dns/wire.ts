/**
 * DNS messages in real wire format (RFC 1035 §4), encoded and decoded by @dnsquery/dns-packet,
 * which works on Uint8Array (no Buffer polyfill in the browser). The simulation sends the
 * encoded bytes: their length is the message size on the network, and a receiver decodes them,
 * so what a server answers depends only on what crossed the wire.
 */
import * as packet from '@dnsquery/dns-packet';

export type RecordType = 'A' | 'NS';

export interface DnsRecord {
  name: string;
  type: RecordType;
  /** seconds */
  ttl: number;
  /** an IPv4 address for A, a host name for NS */
  data: string;
}

export type Rcode = 'NOERROR' | 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED';

/**
 * EDNS Client Subnet (RFC 7871), carried in an OPT record: the network the query is made for.
 * The reply echoes family, address and source prefix and adds the scope prefix: the network
 * the answer is good for (0: everyone).
 */
export interface ClientSubnet {
  /** IPv4 address, its bits beyond sourcePrefix zero */
  address: string;
  sourcePrefix: number;
  scopePrefix: number;
}

export interface DnsMessage {
  id: number;
  response: boolean;
  /** RD: a stub asks its resolver to recurse; a resolver asks authorities iteratively */
  recursionDesired: boolean;
  /** AA: the answer comes from the zone's own server */
  authoritative: boolean;
  rcode: Rcode;
  question: { name: string; type: RecordType };
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  /** EDNS Client Subnet, when the query carried it (and its echo in the reply) */
  clientSubnet?: ClientSubnet;
}

/** EDNS0's advertised UDP payload size, the DNS Flag Day 2020 value. */
const EDNS_UDP_PAYLOAD = 1232;

export function encodeDns(m: DnsMessage): Uint8Array {
  const records = (list: DnsRecord[]) =>
    list.map((r) => ({
      name: r.name,
      type: r.type,
      class: 'IN' as const,
      ttl: r.ttl,
      data: r.data,
    }));
  let flags = 0;
  if (m.recursionDesired) flags |= packet.RECURSION_DESIRED;
  if (m.authoritative) flags |= packet.AUTHORITATIVE_ANSWER;
  // A recursive resolver's replies say recursion is available (RA), as real ones do.
  if (m.response && m.recursionDesired) flags |= packet.RECURSION_AVAILABLE;
  return packet.encode({
    type: m.response ? 'response' : 'query',
    id: m.id & 0xffff,
    flags: flags | RCODE_VALUES[m.rcode],
    questions: [{ name: m.question.name, type: m.question.type, class: 'IN' }],
    answers: records(m.answers),
    authorities: records(m.authorities),
    additionals: m.clientSubnet
      ? [...records(m.additionals), optRecord(m.clientSubnet)]
      : records(m.additionals),
  });
}

/** The OPT pseudo-record as dns-packet writes and reads it (its types name `data` only). */
interface OptRecord {
  type: 'OPT';
  name: string;
  udpPayloadSize: number;
  flags: number;
  options: {
    code: string | number;
    ip?: string;
    family?: number;
    sourcePrefixLength?: number;
    scopePrefixLength?: number;
  }[];
}

function optRecord(ecs: ClientSubnet): packet.Answer {
  const opt: OptRecord = {
    type: 'OPT',
    name: '.',
    udpPayloadSize: EDNS_UDP_PAYLOAD,
    flags: 0,
    options: [
      {
        code: 'CLIENT_SUBNET',
        family: 1,
        sourcePrefixLength: ecs.sourcePrefix,
        scopePrefixLength: ecs.scopePrefix,
        ip: ecs.address,
      },
    ],
  };
  return opt as unknown as packet.Answer;
}

/** RFC 7871 §6: option code 8. */
const ECS_OPTION_CODE = 8;

function clientSubnetOf(p: packet.Packet): ClientSubnet | undefined {
  for (const r of p.additionals ?? []) {
    if (r.type !== 'OPT') continue;
    for (const ecs of (r as unknown as OptRecord).options ?? []) {
      if (ecs.code !== ECS_OPTION_CODE) continue;
      return {
        address: ecs.ip ?? '0.0.0.0',
        sourcePrefix: ecs.sourcePrefixLength ?? 0,
        scopePrefix: ecs.scopePrefixLength ?? 0,
      };
    }
  }
  return undefined;
}

export function decodeDns(bytes: Uint8Array): DnsMessage {
  const p = packet.decode(bytes);
  const flags = p.flags ?? 0;
  const records = (list: packet.Answer[] | undefined): DnsRecord[] =>
    (list ?? [])
      .filter((r) => r.type === 'A' || r.type === 'NS')
      .map((r) => ({
        name: normalize(r.name),
        type: r.type as RecordType,
        ttl: r.ttl ?? 0,
        data: r.type === 'NS' ? normalize(r.data as string) : (r.data as string),
      }));
  const q = p.questions?.[0];
  const ecs = clientSubnetOf(p);
  return {
    id: p.id ?? 0,
    response: p.type === 'response',
    recursionDesired: (flags & packet.RECURSION_DESIRED) !== 0,
    authoritative: (flags & packet.AUTHORITATIVE_ANSWER) !== 0,
    rcode: RCODE_NAMES[flags & 15] ?? 'SERVFAIL',
    question: { name: normalize(q?.name ?? ''), type: (q?.type as RecordType) ?? 'A' },
    answers: records(p.answers),
    authorities: records(p.authorities),
    additionals: records(p.additionals),
    ...(ecs === undefined ? {} : { clientSubnet: ecs }),
  };
}

/** RFC 1035 §4.1.1 RCODE values. */
const RCODE_VALUES: Record<Rcode, number> = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
const RCODE_NAMES: Record<number, Rcode> = {
  0: 'NOERROR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  5: 'REFUSED',
};

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
