/**
 * The fast DNS codec against dns-packet, the reference it stands in for: the same bytes for
 * every message, the same decoded message for every byte string, and dns-packet's way for what
 * the fast codec does not take.
 */
import { describe, expect, it } from 'vitest';
import { decodeDns, encodeDns, type DnsMessage, type DnsRecord } from '@sim/models/dns';
import { decodeWithPacket, encodeWithPacket, type Rcode } from '@sim/models/dns/wire';
import { decodeFast, encodeFast } from '@sim/models/dns/wireCodec';
import { RandomStream } from '@sim/random/RandomStream';

const RCODES: Rcode[] = ['NOERROR', 'SERVFAIL', 'NXDOMAIN', 'REFUSED'];
const LABELS = ['a7', 'g', 'akamai', 'net', 'n4g', 'Edge-12', 'x', 'cdn', 'ROOT', 'l'.repeat(63)];

function randomName(r: RandomStream): string {
  const n = r.int(0, 4);
  const labels = Array.from({ length: n }, () => LABELS[r.int(0, LABELS.length - 1)]);
  const name = labels.join('.');
  // Names as the models write them, and with the dots dns-packet drops.
  const form = r.int(0, 3);
  return form === 0 ? `${name}.` : form === 1 && name ? `.${name}` : name;
}

function randomAddress(r: RandomStream): string {
  return Array.from({ length: 4 }, () => r.int(0, 255)).join('.');
}

function randomRecord(r: RandomStream): DnsRecord {
  const a = r.int(0, 1) === 0;
  return {
    name: randomName(r),
    type: a ? 'A' : 'NS',
    ttl: r.int(0, 2) === 0 ? 0 : r.int(1, 2 ** 31),
    data: a ? randomAddress(r) : randomName(r),
  };
}

function randomMessage(r: RandomStream): DnsMessage {
  const list = () => Array.from({ length: r.int(0, 3) }, () => randomRecord(r));
  const response = r.int(0, 1) === 1;
  return {
    id: r.int(0, 200_000),
    response,
    recursionDesired: r.int(0, 1) === 1,
    authoritative: r.int(0, 1) === 1,
    rcode: RCODES[r.int(0, 3)],
    question: { name: randomName(r), type: r.int(0, 1) === 0 ? 'A' : 'NS' },
    answers: list(),
    authorities: list(),
    additionals: list(),
    ...(r.int(0, 1) === 1 && {
      clientSubnet: {
        address: randomAddress(r),
        sourcePrefix: r.int(0, 32),
        scopePrefix: response ? r.int(0, 32) : 0,
      },
    }),
  };
}

function flagsOf(m: DnsMessage): number {
  const rcode = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 }[m.rcode];
  return (
    (m.recursionDesired ? 1 << 8 : 0) |
    (m.authoritative ? 1 << 10 : 0) |
    (m.response && m.recursionDesired ? 1 << 7 : 0) |
    rcode
  );
}

describe('the fast DNS codec', () => {
  it('writes the bytes dns-packet writes and reads them as dns-packet does', () => {
    const r = new RandomStream(7, 'test/dns-wire');
    let fast = 0;
    for (let i = 0; i < 2_000; i++) {
      const m = randomMessage(r);
      const reference = encodeWithPacket(m, flagsOf(m));
      const mine = encodeFast(m, flagsOf(m), 1232);
      if (mine) fast++;
      expect(encodeDns(m)).toEqual(reference);
      if (mine) expect(mine).toEqual(reference);
      const decoded = decodeFast(reference);
      expect(decoded).not.toBeNull();
      expect(decoded).toEqual(decodeWithPacket(reference));
    }
    // The fast path must be the usual one, or the test compares nothing.
    expect(fast).toBeGreaterThan(1_900);
  });

  it('leaves to dns-packet what it does not take, with the same result', () => {
    const base: DnsMessage = {
      id: 1,
      response: true,
      recursionDesired: false,
      authoritative: true,
      rcode: 'NOERROR',
      question: { name: 'a.net', type: 'A' },
      answers: [],
      authorities: [],
      additionals: [],
    };
    const odd: DnsMessage[] = [
      { ...base, question: { name: 'ü.net', type: 'A' } },
      { ...base, question: { name: 'a..net', type: 'A' } },
      { ...base, answers: [{ name: 'a.net', type: 'A', ttl: 5, data: '::1' }] },
      { ...base, question: { name: `${'x'.repeat(64)}.net`, type: 'A' } },
    ];
    for (const m of odd) {
      expect(encodeFast(m, flagsOf(m), 1232)).toBeNull();
      let reference: Uint8Array | Error;
      try {
        reference = encodeWithPacket(m, flagsOf(m));
      } catch (e) {
        reference = e as Error;
      }
      if (reference instanceof Error) expect(() => encodeDns(m)).toThrow();
      else expect(encodeDns(m)).toEqual(reference);
    }
  });

  it('reads what only dns-packet reads: a compressed name, an AAAA record, cut bytes', () => {
    const m = randomMessage(new RandomStream(3, 'test/dns-wire'));
    const bytes = encodeWithPacket({ ...m, question: { name: 'a.net', type: 'A' } }, 0);
    // A compression pointer to offset 12 (the question's name) in place of the first answer's.
    const compressed = new Uint8Array([
      ...[0, 9, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0],
      ...[1, 97, 3, 110, 101, 116, 0, 0, 1, 0, 1],
      ...[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1],
    ]);
    expect(decodeFast(compressed)).toBeNull();
    expect(decodeDns(compressed)).toEqual(decodeWithPacket(compressed));
    expect(decodeDns(compressed).answers).toEqual([
      { name: 'a.net', type: 'A', ttl: 60, data: '10.0.0.1' },
    ]);
    const aaaa = new Uint8Array([...compressed.slice(0, 23), 1, 97, 0, 0, 28, 0, 1]);
    aaaa[7] = 1;
    expect(decodeFast(aaaa)).toBeNull();
    const cut = bytes.slice(0, bytes.length - 1);
    expect(decodeFast(cut)).toBeNull();
  });
});
