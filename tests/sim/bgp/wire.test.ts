/**
 * The UPDATE wire format (wire.ts) against bytes worked out by hand from RFC 4271 §4.1 and §4.3
 * (4-octet ASNs in AS_PATH, RFC 6793), and round trips of every UPDATE a withdrawal sends in the
 * classroom Internet.
 */
import { describe, expect, it } from 'vitest';
import { decodeUpdate, encodeUpdate, WireError } from '@sim/models/bgp/wire';
import { SECOND } from '@sim/time';
import { watchedWorld } from './support';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const MARKER = 'ff'.repeat(16);

describe('UPDATE messages on the wire', () => {
  it('a withdrawal only: 27 octets', () => {
    // Marker; length 27; type 2; withdrawn routes length 4: /24 (0x18) and three octets
    // 10.0.1; total path attribute length 0; no NLRI.
    const bytes = encodeUpdate({ from: 0, withdrawn: ['10.0.1.0/24'], nlri: [], asPath: null });
    expect(hex(bytes)).toBe(MARKER + '001b' + '02' + '0004' + '180a0001' + '0000');
    expect(bytes.length).toBe(27);
  });

  it('an announcement by its origin: ORIGIN, AS_PATH of 4-octet ASNs, NEXT_HOP, NLRI', () => {
    // net-11 (AS12) announces its 10.0.12.0/24. Attributes (flags 0x40, well-known transitive):
    // ORIGIN 40 01 01 00 (IGP); AS_PATH 40 02 06, one AS_SEQUENCE (02) of 1 ASN, 00 00 00 0c;
    // NEXT_HOP 40 03 04 and net-11's first host 10.0.12.1. 4 + 9 + 7 = 20 octets of attributes;
    // NLRI 18 0a 00 0c. 19 + 2 + 2 + 20 + 4 = 47 octets.
    const bytes = encodeUpdate({
      from: 11,
      withdrawn: [],
      nlri: ['10.0.12.0/24'],
      asPath: [12],
    });
    expect(hex(bytes)).toBe(
      MARKER +
        '002f' +
        '02' +
        '0000' +
        '0014' +
        '40010100' +
        '400206' +
        '0201' +
        '0000000c' +
        '400304' +
        '0a000c01' +
        '180a000c',
    );
  });

  it('a withdrawal and an announcement of /25s together, through three ASes', () => {
    // Withdrawn 10.0.12.0/25: 19 0a 00 0c 00 (a /25 takes four octets). net-1 (AS2, next hop
    // 10.0.2.1) announces 10.0.12.128/25 with AS_PATH 2 1 12: 40 02 0e, 02 03, three ASNs.
    // Attributes 4 + 17 + 7 = 28; 19 + 2 + 5 + 2 + 28 + 5 = 61 octets.
    const bytes = encodeUpdate({
      from: 1,
      withdrawn: ['10.0.12.0/25'],
      nlri: ['10.0.12.128/25'],
      asPath: [2, 1, 12],
    });
    expect(hex(bytes)).toBe(
      MARKER +
        '003d' +
        '02' +
        '0005' +
        '190a000c00' +
        '001c' +
        '40010100' +
        '40020e' +
        '0203' +
        '00000002' +
        '00000001' +
        '0000000c' +
        '400304' +
        '0a000201' +
        '190a000c80',
    );
    expect(decodeUpdate(bytes)).toEqual({
      length: 61,
      withdrawn: ['10.0.12.0/25'],
      origin: 'IGP',
      asPath: [2, 1, 12],
      nextHop: '10.0.2.1',
      nlri: ['10.0.12.128/25'],
      unknown: [],
    });
  });

  it('round-trips short and long prefixes, ASNs above 65,535, and an AS_PATH too long for one octet', () => {
    const long = Array.from({ length: 70 }, (_, i) => 4_200_000_000 + i);
    const u = {
      from: 5,
      withdrawn: ['0.0.0.0/0', '10.0.0.0/8', '208.65.153.238/32'],
      nlri: ['208.65.152.0/22', '208.65.153.0/24'],
      asPath: long,
    };
    const bytes = encodeUpdate(u);
    const d = decodeUpdate(bytes);
    expect(d).toMatchObject({ withdrawn: u.withdrawn, nlri: u.nlri, asPath: long });
    expect(d.length).toBe(bytes.length);
    // 2 + 4 × 70 = 282 octets: the Extended Length flag (0x10) and a two-octet length. It starts
    // after the header (19), the withdrawn routes' length (2) and routes (/0: 1 octet, /8: 2,
    // /32: 5), the attributes' length (2) and ORIGIN (4): at octet 35.
    expect(Array.from(bytes.subarray(35, 39))).toEqual([0x50, 0x02, 0x01, 0x1a]);
  });

  it('refuses malformed bytes, saying what is wrong', () => {
    const ok = encodeUpdate({ from: 0, withdrawn: ['10.0.1.0/24'], nlri: [], asPath: null });
    expect(() => decodeUpdate(ok.subarray(0, 25))).toThrow(/says 27 octets, the message has 25/);
    const notUpdate = Uint8Array.from(ok);
    notUpdate[18] = 4;
    expect(() => decodeUpdate(notUpdate)).toThrow(/type 4 is not an UPDATE/);
    const badMarker = Uint8Array.from(ok);
    badMarker[3] = 0;
    expect(() => decodeUpdate(badMarker)).toThrow(WireError);
  });

  it('round-trips every UPDATE a withdrawal sends in the classroom Internet', () => {
    const world = watchedWorld({ logUpdates: true });
    world.runUntil(10 * SECOND);
    world.command({ type: 'bgp.withdraw', network: 11, prefix: '10.0.12.0/24' });
    world.runUntil(300 * SECOND);
    const log = world.updates();
    expect(log.length).toBeGreaterThan(10);
    for (const u of log) {
      const d = decodeUpdate(encodeUpdate(u));
      expect(d).toMatchObject({ withdrawn: u.withdrawn, nlri: u.nlri, asPath: u.asPath });
      // The NEXT_HOP is the sender's router: its network's first host address.
      expect(d.nextHop).toBe(u.asPath ? `10.0.${u.from + 1}.1` : null);
    }
  });
});
