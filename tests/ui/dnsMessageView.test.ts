import { describe, expect, it } from 'vitest';
import { encodeDns } from '@sim/models/dns/wire';
import { decode, hexDump, keepMessages, type DnsMessageSeen } from '@ui/views/dns/dnsMessageView';

const referral = encodeDns({
  id: 4242,
  response: true,
  recursionDesired: false,
  authoritative: false,
  rcode: 'NOERROR',
  question: { name: 'a7.g.akamai.net', type: 'A' },
  answers: [],
  authorities: [{ name: 'net', type: 'NS', ttl: 172800, data: 'a.gtld-servers.net' }],
  additionals: [{ name: 'a.gtld-servers.net', type: 'A', ttl: 172800, data: '10.0.0.1' }],
});

const seen = (timeNs: number, event = 'sent'): DnsMessageSeen & Record<string, unknown> => ({
  type: 'sim.dnsMessage',
  event,
  timeNs,
  from: 0,
  to: 35,
  fromName: 'dns:root-a',
  toName: 'resolver:london-n5',
  kind: 'referral',
  zone: '.',
  name: 'a7.g.akamai.net',
  ttl: 172800,
  wire: Array.from(referral),
});

describe('the DNS message inspector', () => {
  it('decodes the bytes into the sections a packet analyser shows', () => {
    const m = decode(seen(1));
    expect(m.id).toBe(4242);
    expect(m.response).toBe(true);
    expect(m.question).toEqual({ name: 'a7.g.akamai.net', type: 'A' });
    expect(m.authorities).toEqual([
      { name: 'net', type: 'NS', ttl: 172800, data: 'a.gtld-servers.net' },
    ]);
    expect(m.additionals[0].data).toBe('10.0.0.1');
  });

  it('keeps each sent message once, the newest up to the bound, and ignores other records', () => {
    const frame = [seen(1), seen(1, 'received'), { type: 'sim.queryAnswered', timeNs: 2 }, seen(3)];
    const kept = keepMessages([], frame, 10);
    expect(kept.map((m) => m.timeNs)).toEqual([1, 3]);
    expect(keepMessages(kept, [seen(4), seen(5)], 3).map((m) => m.timeNs)).toEqual([3, 4, 5]);
    expect(keepMessages(kept, undefined, 10)).toBe(kept);
  });

  it('dumps bytes 16 to a line with hex offsets; the header starts with the ID', () => {
    const dump = hexDump(Array.from(referral)).split('\n');
    expect(dump[0].startsWith('0000  10 92')).toBe(true); // 4242 = 0x1092
    expect(dump[1].startsWith('0010  ')).toBe(true);
    expect(dump).toHaveLength(Math.ceil(referral.length / 16));
  });
});
