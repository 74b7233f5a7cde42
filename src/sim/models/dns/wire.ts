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
}

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
    additionals: records(m.additionals),
  });
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
