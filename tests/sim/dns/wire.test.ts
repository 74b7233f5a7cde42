/** DNS wire format (RFC 1035 §4): round trips and real sizes. */
import { describe, expect, it } from 'vitest';
import { decodeDns, encodeDns, type DnsMessage } from '@sim/models/dns';
import { dnsRig } from './helpers';

const referral: DnsMessage = {
  id: 4242,
  response: true,
  recursionDesired: false,
  authoritative: false,
  rcode: 'NOERROR',
  question: { name: 'a7.g.akamai.net', type: 'A' },
  answers: [],
  authorities: [
    { name: 'g.akamai.net', type: 'NS', ttl: 3600, data: 'n4g.akamai.net' },
    { name: 'g.akamai.net', type: 'NS', ttl: 3600, data: 'n2g.akamai.net' },
  ],
  additionals: [
    { name: 'n4g.akamai.net', type: 'A', ttl: 3600, data: '10.0.0.21' },
    { name: 'n2g.akamai.net', type: 'A', ttl: 3600, data: '10.0.0.19' },
  ],
};

describe('wire format', () => {
  it('encode → decode gives back every section', () => {
    expect(decodeDns(encodeDns(referral))).toEqual(referral);
    const servfail: DnsMessage = {
      ...referral,
      rcode: 'SERVFAIL',
      authorities: [],
      additionals: [],
    };
    expect(decodeDns(encodeDns(servfail))).toEqual(servfail);
  });

  it('sizes are real: a query for a7.g.akamai.net is 33 bytes', () => {
    // 12-byte header + name (1+2 'a7', 1+1 'g', 1+6 'akamai', 1+3 'net', 1 root = 17) + type + class
    const query = encodeDns({ ...referral, response: false, authorities: [], additionals: [] });
    expect(query.length).toBe(12 + 17 + 4);
    // the header: id, QR=0, one question, no records
    expect([query[0], query[1]]).toEqual([4242 >> 8, 4242 & 255]);
    expect(query[2] & 0x80).toBe(0);
    expect([query[4], query[5], query[6], query[7]]).toEqual([0, 1, 0, 0]);
  });

  it('what the network carries is the encoded message, and the lab sees its bytes', () => {
    const rig = dnsRig();
    rig.lookupAt(1, rig.client('boston'), 'a7.g.akamai.net');
    const sent = rig.dns
      .observations()
      .filter((o) => o.type === 'sim.dnsMessage' && o.event === 'sent');
    // stub query, 4 queries and 4 replies, the stub reply
    expect(sent.length).toBe(10);
    for (const o of sent) {
      const wire = Uint8Array.from(o.wire as number[]);
      expect(o.bytes).toBe(wire.length);
      expect(decodeDns(wire).question.name).toBe('a7.g.akamai.net');
    }
    const referralFromTop = sent.find((o) => o.fromRole === 'toplevel')!;
    const decoded = decodeDns(Uint8Array.from(referralFromTop.wire as number[]));
    expect(decoded.authorities.map((r) => r.type)).toEqual(['NS', 'NS']);
    expect(decoded.additionals.length).toBe(2);
    expect(referralFromTop).toMatchObject({ kind: 'referral', zone: 'akamai.net.', ttl: 3600 });
  });
});
