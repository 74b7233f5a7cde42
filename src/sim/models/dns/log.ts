/**
 * The DNS model's event-log entries (ModelContext.log): every query and every reply, each with
 * its name and type, and for a reply what it says (the addresses, a referral, NXDOMAIN) and its
 * TTL; and how the log words them. Built from the message as it is sent, so the log shows what
 * crossed the wire.
 */
import type { LogKindWords, ModelLogEntry, ModelLogFields } from '../../model/SimModel';
import type { DnsMessage } from './wire';

export function dnsLogEntry(
  timeNs: number,
  from: number,
  to: number,
  msg: DnsMessage,
): ModelLogEntry {
  const { name, type } = msg.question;
  if (!msg.response)
    return {
      timeNs,
      kind: 'dns.query',
      nodes: [from, to],
      fields: { name, type, recursive: msg.recursionDesired },
    };
  const first = msg.answers[0] ?? msg.authorities[0];
  const ttl = first?.ttl ?? null;
  const referral =
    msg.rcode === 'NOERROR' &&
    msg.answers.length === 0 &&
    msg.authorities.some((r) => r.type === 'NS');
  if (referral)
    return {
      timeNs,
      kind: 'dns.referral',
      nodes: [from, to],
      fields: { name, zone: first.name, server: first.data, ttl },
    };
  const addresses = msg.answers.filter((r) => r.type === 'A');
  return {
    timeNs,
    kind: 'dns.answer',
    nodes: [from, to],
    fields: {
      name,
      type,
      rcode: msg.rcode,
      address: addresses[0]?.data ?? null,
      more: Math.max(0, addresses.length - 1),
      ttl,
    },
  };
}

const ttlText = (f: ModelLogFields) => (f.ttl === null ? '' : `, TTL ${f.ttl} s`);

function answerText(f: ModelLogFields): string {
  if (f.rcode === 'NXDOMAIN') return `${f.name}: NXDOMAIN, no such name${ttlText(f)}`;
  if (f.rcode !== 'NOERROR') return `${f.name}: ${f.rcode}`;
  if (f.address === null) return `${f.name}: no ${f.type} record${ttlText(f)}`;
  const more = Number(f.more) > 0 ? ` and ${f.more} more` : '';
  return `${f.name} ${f.type} ${f.address}${more}${ttlText(f)}`;
}

export const DNS_LOG_KINDS: Record<string, LogKindWords> = {
  'dns.query': {
    label: 'DNS query',
    text: (f) => `${f.name} ${f.type}?${f.recursive ? ' (recursion desired)' : ''}`,
  },
  'dns.referral': {
    label: 'DNS referral',
    text: (f) => `${f.name}: ask ${f.server} for ${f.zone}${ttlText(f)}`,
  },
  'dns.answer': { label: 'DNS answer', text: answerText },
};
