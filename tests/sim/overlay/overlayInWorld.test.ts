/**
 * The overlay in the classroom Internet of seed 3, over BGP (see tests/sim/bgp/bgpInWorld.test.ts
 * for its networks). Members: the origin (node 4, net-11, multihomed to the tier-1s net-0 and
 * net-1) and one edge server per network with edges: 6 (net-0), 10 (net-1), 14 (net-3), 18
 * (net-4), 22 (net-5).
 *
 * External truths: RON (Andersen et al., SOSP 2001) recovers from outages in about 18 s where BGP
 * takes minutes; a de-peering of two tier-1s cuts their single-homed customers off from each other
 * for as long as it lasts (Cogent and Telia, 2008), since valley-free export (Gao and Rexford 2001)
 * forbids the detour; no overlay can route around a failure of the server's own access link
 * (Gummadi et al., OSDI 2004: failures near the edge); paths that share a lossy link lose together.
 */
import { describe, expect, it } from 'vitest';
import { followEvent } from '@sim/models/overlay/measureOverlay';
import type { FlowRequestSeen } from '@sim/models/overlay/observations';
import { overlayModel } from '@sim/models/overlay/model';
import type { RowSeen } from '@sim/models/overlay/observations';
import { overlayWorld } from '@sim/models/overlay/overlayWorld';
import { DEFAULT_OVERLAY } from '@sim/models/overlay/overlayConfig';
import { MINUTE, SECOND } from '@sim/time';

const SCENARIO = { seed: 3, scale: 'classroom' as const };
const [ORIGIN, EDGE_N0, EDGE_N1] = [4, 6, 10];
/** RON's worst case to notice a dead link: a whole (jittered) interval, then 4 probes 3 s apart */
const RON_DETECTION_BOUND_S =
  DEFAULT_OVERLAY.probeIntervalSeconds * (1 + DEFAULT_OVERLAY.probeJitter) +
  (1 + DEFAULT_OVERLAY.followUpProbes) * DEFAULT_OVERLAY.probeTimeoutSeconds;

function world(overlay: object = {}) {
  return overlayWorld({ scenario: SCENARIO, overlay });
}

const flowRequests = (obs: unknown[]) =>
  obs.filter((o): o is FlowRequestSeen => (o as FlowRequestSeen).type === 'overlay.flowRequest');

describe('the overlay measures the world it runs in', () => {
  it('estimates each pair from probes within a millisecond of the network’s round trip', () => {
    const ow = world();
    expect(ow.overlay.members()).toEqual([4, 6, 10, 14, 18, 22]);
    ow.world.engine.runUntil(MINUTE);
    for (const a of ow.overlay.members())
      for (const b of ow.overlay.members()) {
        if (a === b) continue;
        const truthMs = ow.world.routes.rttNs(a, b, 148) / 1e6;
        expect(ow.overlay.measured(a, a, b)!.rttMs).toBeCloseTo(truthMs, 0);
      }
  });

  it('reports each member’s row every summarySeconds, and its probe counters balance', () => {
    const ow = world({ summarySeconds: 30 });
    ow.world.engine.runUntil(MINUTE + SECOND);
    const r = ow.report();
    const rows = r.observations.filter((o): o is RowSeen => (o as RowSeen).type === 'overlay.row');
    expect(rows.map((o) => o.timeNs / SECOND)).toEqual([
      ...Array(6).fill(30),
      ...Array(6).fill(60),
    ]);
    const last = rows.find((o) => o.member === EDGE_N0 && o.timeNs === MINUTE)!;
    const i = last.members.indexOf(ORIGIN);
    expect(last.rttMs[i]).toBeCloseTo(ow.overlay.measured(EDGE_N0, EDGE_N0, ORIGIN)!.rttMs, 1);
    expect(last.rttMs[last.members.indexOf(EDGE_N0)]).toBeNull();
    expect(r.counters['overlay.probes']).toBeGreaterThan(0);
    expect(overlayModel.invariants!.violations(r.counters)).toEqual([]);
  });

  it('chooses a relay only where it is really faster than the direct path', () => {
    // The 2002 Internet: in the classroom's no relay is 5 % faster (npm run sim -- overlay).
    const ow = overlayWorld({ scenario: { seed: 3, scale: '2002' }, overlay: { maxMembers: 16 } });
    ow.world.engine.runUntil(2 * MINUTE);
    const rtt = (a: number, b: number) => ow.world.routes.rttNs(a, b, 148);
    let relayed = 0;
    for (const a of ow.overlay.members())
      for (const b of ow.overlay.members()) {
        const c = a === b ? undefined : ow.overlay.choice(a, b);
        if (!c || c.via < 0) continue;
        relayed++;
        expect(rtt(a, c.via) + rtt(c.via, b), `${a}>${b} via ${c.via}`).toBeLessThan(rtt(a, b));
      }
    // Not vacuous: this Internet has pairs a relay makes faster.
    expect(relayed).toBeGreaterThan(5);
  });
});

describe('a de-peering: BGP never repairs it, the overlay does in seconds', () => {
  it('restores the tier-1s’ customers to each other within RON’s detection time', () => {
    const ow = world();
    ow.world.engine.runUntil(MINUTE);
    const r = followEvent(
      ow,
      { text: 'depeer:0-1@60', kind: 'depeer', networkA: 0, networkB: 1, atSeconds: 60 },
      5 * 60,
    );
    // The edges in net-0 and net-1 lose each other both ways.
    expect(r.bgp.perPair[`${EDGE_N0}>${EDGE_N1}`]).toBeNull();
    expect(r.bgp.perPair[`${EDGE_N1}>${EDGE_N0}`]).toBeNull();
    expect(r.overlay.restored).toBe(r.affectedPairs);
    for (const [pair, s] of Object.entries(r.overlay.perPair))
      expect(s, pair).toBeLessThanOrEqual(RON_DETECTION_BOUND_S + 1);
    // Through a member multihomed to both tier-1s (the origin) or behind another tier-1.
    const via = ow.overlay.choice(EDGE_N0, EDGE_N1)!.via;
    expect(via).toBeGreaterThanOrEqual(0);
    expect(ow.bgp.asPath(EDGE_N0, via).length).toBeGreaterThan(0);
    expect(ow.bgp.asPath(via, EDGE_N1).length).toBeGreaterThan(0);
  }, 60_000);

  it('carries an uncacheable request around it within a few requests (SureRoute), direct never', () => {
    const ow = world({ flows: [{ name: 'f', from: EDGE_N0, to: EDGE_N1, everySeconds: 2 }] });
    ow.world.engine.runUntil(MINUTE);
    ow.report();
    ow.command({ type: 'bgp.depeer', networkA: 0, networkB: 1 });
    ow.world.engine.runUntil(4 * MINUTE);
    const after = flowRequests(ow.report().observations);
    expect(after.every((o) => o.directMs === null)).toBe(true);
    // A failed overlay request forgets its path and races the direct one and two relays.
    const firstOk = after.find((o) => o.overlayMs !== null)!;
    expect(firstOk.timeNs - MINUTE).toBeLessThan(10 * SECOND);
    expect(firstOk.via).toBeGreaterThanOrEqual(0);
    const later = after.filter((o) => o.timeNs > firstOk.timeNs);
    expect(later.every((o) => o.overlayMs !== null && o.via >= 0)).toBe(true);
  }, 60_000);
});

describe('the metric', () => {
  it('by latency keeps a lossy direct path; overlay.setMetric loss moves it to a relay at once', () => {
    const ow = world();
    ow.world.engine.runUntil(10 * SECOND);
    const interconnect = ow.world.routes
      .route(EDGE_N0, ORIGIN)
      .hops.find((h) => h.startsWith('peering:'))!;
    ow.command({ type: 'link.set', link: interconnect, lossRate: 0.1 });
    ow.world.engine.runUntil(25 * MINUTE);
    expect(ow.overlay.choice(EDGE_N0, ORIGIN)!.via).toBe(-1);
    ow.command({ type: 'overlay.setMetric', metric: 'loss' });
    const now = ow.overlay.choice(EDGE_N0, ORIGIN)!;
    expect(now.via).toBeGreaterThanOrEqual(0);
    expect(now.loss).toBeLessThan(ow.overlay.measured(EDGE_N0, EDGE_N0, ORIGIN)!.loss - 0.05);
  });
});

describe('the limits of an overlay', () => {
  it('cannot route around the failure of a server’s own access link', () => {
    const ow = world({ flows: [{ name: 'f', from: EDGE_N0, to: ORIGIN, everySeconds: 2 }] });
    ow.world.engine.runUntil(MINUTE);
    const access = ow.world.routes.route(EDGE_N0, ORIGIN).hops[0];
    expect(access).toMatch(/^access:/);
    ow.report();
    ow.command({ type: 'link.set', link: access, up: false });
    ow.world.engine.runUntil(2 * MINUTE);
    const after = flowRequests(ow.report().observations);
    expect(after.length).toBeGreaterThan(20);
    expect(after.every((o) => o.directMs === null && o.overlayMs === null)).toBe(true);
    // Once probes have seen it, no member has any working path to or from it.
    for (const m of ow.overlay.members()) {
      if (m === EDGE_N0) continue;
      expect(ow.overlay.choice(m, EDGE_N0)).toBeNull();
      expect(ow.overlay.choice(EDGE_N0, m)).toBeNull();
    }
  }, 60_000);

  it('routes around loss on a link only the direct path crosses, not on one all paths share', () => {
    const lossOn = (link: (ow: ReturnType<typeof world>) => string) => {
      const ow = world({ metric: 'loss' });
      ow.world.engine.runUntil(10 * SECOND);
      ow.command({ type: 'link.set', link: link(ow), lossRate: 0.1 });
      ow.world.engine.runUntil(25 * MINUTE);
      return { ow, choice: ow.overlay.choice(EDGE_N0, ORIGIN)! };
    };
    // The interconnect from net-0 to the origin's network: only the direct path crosses it.
    const own = lossOn((ow) =>
      ow.world.routes.route(EDGE_N0, ORIGIN).hops.find((h) => h.startsWith('peering:'))!,
    );
    expect(own.choice.via).toBeGreaterThanOrEqual(0);
    expect(own.choice.loss).toBeLessThan(0.05);
    const direct = own.ow.overlay.measured(EDGE_N0, EDGE_N0, ORIGIN)!;
    // A round trip crosses it twice: 1 − 0.9² = 0.19, measured over the last 100 probes.
    expect(direct.loss).toBeGreaterThan(0.1);
    // net-0's backbone: every path from its edge crosses it, relayed or not.
    const shared = lossOn(() => 'backbone:net-0');
    const sharedDirect = shared.ow.overlay.measured(EDGE_N0, EDGE_N0, ORIGIN)!;
    expect(sharedDirect.loss).toBeGreaterThan(0.1);
    expect(shared.choice.loss).toBeGreaterThan(0.1);
    const truth = (a: number, b: number) =>
      shared.ow.world.routes.pathDeliveryProbability(a, b) *
      shared.ow.world.routes.pathDeliveryProbability(b, a);
    for (const r of shared.ow.overlay.members())
      if (r !== EDGE_N0 && r !== ORIGIN)
        expect(truth(EDGE_N0, r) * truth(r, ORIGIN)).toBeLessThanOrEqual(truth(EDGE_N0, ORIGIN));
  }, 120_000);
});
