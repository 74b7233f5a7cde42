/**
 * Slow start (RFC 5681, with RFC 3465's byte counting, L = 2): the round trips a response of n
 * bytes takes from request to last byte, with initial window w and no loss, against closed
 * forms computed here; and Dukkipati et al. (2010): an initial window of 10 segments against 3
 * or 4 saves round trips for responses up to about 15 KB (ten segments).
 */
import { describe, expect, it } from 'vitest';
import { htmlOnly, load, responseRounds } from './helpers';

const MSS = 1460;
const RTT_MS = 100;

/** Without delayed ACKs every segment is ACKed and grows the window by one: it doubles each round. */
function roundsPerSegmentAck(segments: number, w: number): number {
  let rounds = 0;
  for (let sent = 0, window = w; sent < segments; window *= 2) {
    sent += window;
    rounds++;
  }
  return rounds;
}

/**
 * With delayed ACKs (one ACK per two segments; an odd last segment's ACK waits, and the 200 ms
 * timer is longer than the round trip, so it leaves with the next round's first segment): each
 * ACK covers two segments and grows the window by two (L = 2). Round 1 sends w; its ACKs grow the
 * window by 2·⌊w/2⌋ while an odd segment stays unacknowledged, so round 2 sends
 * w + 2·⌊w/2⌋ − (w mod 2); from then on each round sends twice the one before.
 */
function roundsDelayedAck(segments: number, w: number): number {
  let rounds = 1;
  let sent = w;
  let window = w + 2 * Math.floor(w / 2) - (w % 2);
  while (sent < segments) {
    sent += window;
    window *= 2;
    rounds++;
  }
  return rounds;
}

const SIZES = [1000, 4380, 5840, 14_600, 16_000, 30_000, 60_000, 100_000, 250_000];

describe('page load: slow start', () => {
  it.each([3, 4, 10])('initial window %d, one ACK per segment: w·(2^k − 1) ≥ segments', (iw) => {
    for (const n of SIZES) {
      const r = load(htmlOnly(n), { rttMs: RTT_MS, iw, delayedAck: false });
      const k = roundsPerSegmentAck(Math.ceil(n / MSS), iw);
      // Serialization at 1 Gbit/s adds at most 2 ms to k round trips.
      expect(responseRounds(r, 't.html', RTT_MS), `${n} bytes`).toBeCloseTo(k, 1);
    }
  });

  it.each([3, 4, 10])('initial window %d, delayed ACKs: the rounds stated above', (iw) => {
    for (const n of SIZES) {
      const r = load(htmlOnly(n), { rttMs: RTT_MS, iw, delayedAck: true });
      const k = roundsDelayedAck(Math.ceil(n / MSS), iw);
      expect(responseRounds(r, 't.html', RTT_MS), `${n} bytes`).toBeCloseTo(k, 1);
    }
  });

  it('Dukkipati et al. 2010: IW10 serves responses up to ten segments in one round trip, IW3 and IW4 need more', () => {
    const rounds = (n: number, iw: number) =>
      Math.round(responseRounds(load(htmlOnly(n), { rttMs: RTT_MS, iw }), 't.html', RTT_MS));
    // From four segments IW3 needs a second round trip, from five IW4 does.
    for (const n of [5000, 8000, 12_000, 14_600]) {
      expect(rounds(n, 10), `${n} bytes`).toBe(1);
      expect(rounds(n, 3), `${n} bytes`).toBeGreaterThanOrEqual(2);
      if (n > 4 * MSS) expect(rounds(n, 4), `${n} bytes`).toBeGreaterThanOrEqual(2);
    }
    // Within three segments the windows do not matter.
    for (const n of [500, 4380]) expect(rounds(n, 3)).toBe(rounds(n, 10));
    // Larger responses still save, but a smaller share of their time.
    const big = 200_000;
    expect(rounds(big, 10)).toBeLessThan(rounds(big, 3));
    expect(rounds(big, 10) / rounds(big, 3)).toBeGreaterThan(
      rounds(14_600, 10) / rounds(14_600, 3),
    );
  });
});
