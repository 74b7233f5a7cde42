import { describe, expect, it } from 'vitest';
import { SECOND } from '@sim/time';
import { MIN_RTO_NS, retransmitTimeoutNs, rttNs } from '@sim/models/delivery/transport';
import { classroom, nodesOfKind } from './helpers';

const QUIET = { loadFactor: 0, uncacheableFraction: 1 };

/** One request from the first client group, alone on the network; its latency in ns. */
function oneRequest(config: object, lastMileLossRate = 0, seed = 1) {
  const { world, sandbox } = classroom({ ...QUIET, ...config }, { lastMileLossRate, seed });
  const client = nodesOfKind(world, 'client')[0];
  sandbox.client(client)!.request(7);
  world.engine.runUntil(20 * SECOND);
  return { stats: sandbox.sandboxStats(), world, client };
}

describe('the transport under the sandbox', () => {
  it('adds the handshake round trips to a request on a new connection', () => {
    const reused = oneRequest({ newConnectionShare: 0, cdn: false });
    const fresh = oneRequest({ newConnectionShare: 1, handshakeRtts: 2, cdn: false });
    const origin = nodesOfKind(reused.world, 'origin')[0];
    const rtt = rttNs(reused.world.routes, reused.client, origin);
    const added = (fresh.stats.latencyMs.mean - reused.stats.latencyMs.mean) * 1e6;
    // The origin's service time differs between the runs (another random draw): allow 20 ms.
    expect(Math.abs(added - 2 * rtt)).toBeLessThan(20e6);
    expect(added).toBeGreaterThan(2 * rtt - 20e6);
  });

  it('repairs a lost message after the retransmission timeout instead of losing the request', () => {
    // Half of all last-mile crossings lost: without repair most requests time out.
    let repaired = 0;
    let lostForGood = 0;
    for (let seed = 1; seed <= 10; seed++) {
      repaired += oneRequest({ lossRecovery: true, requestTimeoutSeconds: 15 }, 0.5, seed).stats
        .responses;
      lostForGood += oneRequest({ lossRecovery: false, requestTimeoutSeconds: 15 }, 0.5, seed).stats
        .responses;
    }
    expect(repaired).toBe(10);
    expect(lostForGood).toBeLessThan(6);
  });

  it('waits at least 200 ms, and twice the round trip on long paths, before retransmitting', () => {
    const { world } = classroom(QUIET);
    const clients = nodesOfKind(world, 'client');
    const origin = nodesOfKind(world, 'origin')[0];
    for (const c of clients) {
      const rto = retransmitTimeoutNs(world.routes, c, origin);
      expect(rto).toBe(Math.max(MIN_RTO_NS, 2 * rttNs(world.routes, c, origin)));
    }
  });
});
