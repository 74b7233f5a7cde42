/**
 * The handshake arithmetic: a new TCP connection costs one round trip before the request can
 * leave (SYN, SYN-ACK; the request follows the ACK); TLS 1.3 one more, TLS 1.2 two more
 * (RFC 8446, RFC 5246 full handshakes). A one-segment response then takes one more round trip.
 */
import { describe, expect, it } from 'vitest';
import { htmlOnly, load, page } from './helpers';

const TLS_ROUNDS = { none: 0, '1.3': 1, '1.2': 2 } as const;

describe('page load: handshakes', () => {
  it.each([10, 100, 250])(
    'at %d ms: connect 1 RTT, TLS 1.3 +1, TLS 1.2 +2, then 1 RTT for the page',
    (rttMs) => {
      for (const tls of ['none', '1.3', '1.2'] as const) {
        const r = load(htmlOnly(1000), { rttMs, tls });
        const d = r.done!;
        // Within 0.1 ms: serialization at 1 Gbit/s (the 4,000-byte TLS flight: 32 µs).
        const near = (ms: number, rounds: number) =>
          expect(Math.abs(ms - rounds * rttMs)).toBeLessThan(0.1);
        near(d.connectMs, 1);
        near(d.tlsMs, TLS_ROUNDS[tls]);
        near(d.pageLoadMs, 2 + TLS_ROUNDS[tls]);
        const row = r.requests[0];
        expect(row.opened).toBe(true);
        near(row.sentMs, 1 + TLS_ROUNDS[tls]);
      }
    },
  );

  it('the parts add up to the page load time, and a DNS lookup costs its round trip', () => {
    const r = load(htmlOnly(50_000), { rttMs: 80, tls: '1.2', dnsRttMs: 30 });
    const d = r.done!;
    expect(d.dnsMs).toBeCloseTo(30, 1);
    expect(d.dnsMs + d.connectMs + d.tlsMs + d.firstByteMs + d.contentMs).toBeCloseTo(
      d.pageLoadMs,
      6,
    );
  });

  it('HTTP/1.0 pays the handshake for every object; persistent connections pay it once each', () => {
    const withObjects = page({
      name: 'three',
      html: { bytes: 2000 },
      objects: [1, 2, 3].map((i) => ({
        name: `o${i}`,
        type: 'image' as const,
        bytes: 500,
        at: 100,
      })),
    });
    const one = load(withObjects, { http: '1.0', connections: 1, rttMs: 100 });
    // HTML: 2 RTT; each object after it: its own connection (1 RTT) and its response (1 RTT).
    expect(one.done!.pageLoadMs / 100).toBeCloseTo(2 + 3 * 2, 1);
    const persistent = load(withObjects, { http: '1.1', connections: 1, rttMs: 100 });
    expect(persistent.done!.pageLoadMs / 100).toBeCloseTo(2 + 3 * 1, 1);
  });
});
