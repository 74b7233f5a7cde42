/**
 * The DNS messages a run observed (`sim.dnsMessage` records with the bytes that crossed the
 * network), kept for the message inspector: each sent message once, bounded, and decoded on
 * demand with the same wire-format library the simulation encodes with.
 */
import { decodeDns, type DnsMessage } from '@sim/models/dns/wire';

export interface DnsMessageSeen {
  timeNs: number;
  from: number;
  to: number;
  fromName: string;
  toName: string;
  kind: string;
  zone: string | null;
  name: string;
  ttl: number | null;
  wire: number[];
}

export function isSentDnsMessage(o: unknown): o is DnsMessageSeen & { event: 'sent' } {
  const r = o as Partial<DnsMessageSeen> & { type?: unknown; event?: unknown };
  return (
    r !== null &&
    typeof r === 'object' &&
    r.type === 'sim.dnsMessage' &&
    r.event === 'sent' &&
    Array.isArray(r.wire)
  );
}

/** Appends the frame's sent messages to `kept`, keeping the newest `max`. */
export function keepMessages(
  kept: DnsMessageSeen[],
  observations: readonly unknown[] | undefined,
  max: number,
): DnsMessageSeen[] {
  const added = (observations ?? []).filter(isSentDnsMessage);
  if (added.length === 0) return kept;
  return [...kept, ...added].slice(-max);
}

export function decode(m: DnsMessageSeen): DnsMessage {
  return decodeDns(Uint8Array.from(m.wire));
}

export { hexDump } from '../hexDump';
