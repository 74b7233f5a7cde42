import { describe, expect, it } from 'vitest';
import { as, peer, run } from './support';

/**
 * A triangle: AS 2 reaches AS 1's prefix directly, with a longer path via 3 in reserve. The direct
 * link fails at 100 s; AS 2's packets have no working path until it notices and switches.
 */
const TRIANGLE = {
  ases: [as(1, ['203.0.113.0/24']), as(2), as(3)],
  links: [peer(1, 2), peer(2, 3), peer(1, 3)],
};

function outage(event: string, config: Record<string, unknown> = {}) {
  const r = run(TRIANGLE, {
    config: { policy: 'shortest-path', ...config },
    events: [`${event}:1-2@100`],
    probes: ['203.0.113.9'],
    seconds: 400,
  });
  const p = r.probes['203.0.113.9']['2'];
  expect(p.origin).toBe(1);
  expect(r.routes['2']['203.0.113.0/24']).toBe('3 1');
  return p.noPathSeconds[0];
}

describe('failure detection: interface down, hold timer, BFD', () => {
  it('a link whose interface goes down is seen at once: only the processing batch passes', () => {
    const lost = outage('link-down');
    expect(lost).toBeGreaterThanOrEqual(0.05);
    expect(lost).toBeLessThan(0.06);
  });

  it('a silent link is noticed when the hold timer expires: within hold − keepalive and hold', () => {
    const lost = outage('link-silent');
    expect(lost).toBeGreaterThan(90 - 30);
    expect(lost).toBeLessThan(90 + 0.1);
    const short = outage('link-silent', { holdSeconds: 9, keepaliveSeconds: 3 });
    expect(short).toBeGreaterThan(6);
    expect(short).toBeLessThan(9.1);
  });

  it('with BFD (RFC 5880) a silent link is noticed in under a second', () => {
    const lost = outage('link-silent', { bfd: true });
    expect(lost).toBeGreaterThan(0.6);
    expect(lost).toBeLessThan(0.9 + 0.06);
  });

  it('de-peering closes the session by decision: the far end hears it one latency later', () => {
    // AS 1 de-peers: AS 2 loses the route one latency (10 ms) plus one batch (50 ms) later
    const lost = outage('depeer');
    expect(lost).toBeCloseTo(0.06, 6);
  });
});
