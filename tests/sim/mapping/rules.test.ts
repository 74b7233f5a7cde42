/**
 * The one mapping system's rules against Dilley et al. 2002 ("Mapping", "Network Monitoring"):
 * nearest by round-trip time and loss, available by two load thresholds and data-centre load,
 * likely by consistent hashing (its 1/(n+1) movement: ConsistentHashRing.test.ts), healthy a
 * detection delay after a failure.
 */
import { describe, expect, it } from 'vitest';
import {
  DETECTION_DELAY_NS,
  EMPTY_VIEW,
  Health,
  keepsShare,
  LoadTable,
  MappingSystem,
  MISSED_PROBES,
  PROBE_INTERVAL_NS,
  pathRttNs,
  pathScoreNs,
  toLoadView,
  type LoadView,
} from '@sim/models/mapping';
import { RandomStream } from '@sim/random/RandomStream';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

const THRESHOLDS = { spread: 0.6, withdraw: 0.9, dataCentre: 0.8 };

function world() {
  const w = buildWorld(parseScenario({ scale: 'classroom', seed: 1 }));
  const system = new MappingSystem(w.topology, w.network, w.engine, {
    candidates: 5,
    ringPointsPerServer: 128,
  });
  const dcIn = (city: string) =>
    w.topology.dataCentres.find((d) => w.topology.cities[d.city].id === city)!.id;
  const client = (city: string) =>
    w.topology.nodes.find((n) => n.kind === 'client' && w.topology.cities[n.city].id === city)!.id;
  return { ...w, system, dcIn, client };
}

describe('nearest: round-trip time, then loss', () => {
  it('ranks data centres by RTT to their low-level name server when no path loses packets', () => {
    const { system, network, topology, client } = world();
    const c = client('boston');
    const ranked = system.rankDataCentres(c);
    const rtt = ranked.map((dc) => pathRttNs(network, topology.dataCentres[dc].lowLevelDns, c));
    expect(rtt).toEqual([...rtt].sort((a, b) => a - b));
  });

  it('a lossy path counts as farther: RTT plus one retransmission timeout per expected loss', () => {
    const { system, network, topology, client, dcIn } = world();
    const c = client('boston');
    const boston = dcIn('boston');
    expect(system.rankDataCentres(c)[0]).toBe(boston);
    const ll = topology.dataCentres[boston].lowLevelDns;
    const before = pathScoreNs(network, ll, c);
    network.overrideLink(network.accessLink(ll), { lossRate: 0.05 });
    // The lossy link is crossed there and back: q = 0.95², expected losses (1 − q) / q.
    const q = 0.95 ** 2;
    expect(pathScoreNs(network, ll, c) - before).toBeCloseTo(((1 - q) / q) * 1e9, -6);
    expect(system.rankDataCentres(c)[0]).not.toBe(boston);
  });
});

describe('available: the load table of a data centre', () => {
  const table = (servers = [1, 2, 3, 4, 5]) =>
    new LoadTable(servers, {
      thresholds: () => THRESHOLDS,
      capacityRps: 2_000,
      freshNs: 3 * SECOND,
    });

  it('below the first threshold nothing changes', () => {
    const t = table();
    t.report(1, 0, 0.59, [42, 1_000]);
    expect(t.publish(0)).toMatchObject({ withdrawn: [], spread: [], spreading: [] });
  });

  it('above the first threshold the hot content goes to more servers, as many as its rate needs', () => {
    const t = table();
    // 1,200 requests/s per server at the threshold: 1,000 needs one, but the server is above it.
    t.report(1, 0, 0.61, [42, 1_000]);
    expect(t.publish(0).spread).toEqual([42, 2]);
    t.report(1, 0, 0.61, [42, 3_000]);
    expect(t.publish(0).spread).toEqual([42, 3]);
    expect(t.publish(0).withdrawn).toEqual([]);
  });

  it('above the second threshold the server is no longer handed out', () => {
    const t = table();
    t.report(2, 0, 0.91, []);
    expect(t.publish(0).withdrawn).toEqual([2]);
  });

  it('a load reported without its busiest objects spreads all of the server’s content', () => {
    const t = table();
    t.report(3, 0, 0.7, null);
    expect(t.publish(0)).toMatchObject({ spreading: [3], spread: [], withdrawn: [] });
  });

  it('the data centre’s mean load goes with the view; old reports are forgotten', () => {
    const t = table();
    t.report(1, 0, 1, []);
    t.report(2, 0, 0.5, []);
    expect(t.publish(0).dcLoad).toBeCloseTo(1.5 / 5, 12);
    expect(t.publish(3 * SECOND + 1).dcLoad).toBe(0);
  });

  it('a data centre above its threshold keeps only the share it can take', () => {
    const rng = new RandomStream(1, 'test/share');
    let kept = 0;
    for (let i = 0; i < 10_000; i++) if (keepsShare(1.6, 0.8, rng)) kept++;
    expect(kept / 10_000).toBeGreaterThan(0.48);
    expect(kept / 10_000).toBeLessThan(0.52);
    expect(keepsShare(0.8, 0.8, rng)).toBe(true);
  });
});

describe('likely and available together: the servers a key is handed out on', () => {
  it('clockwise on the ring, skipping withdrawn servers, one more past a spreading server', () => {
    const { system, dcIn } = world();
    const dc = dcIn('boston');
    const ring = system.ring(dc);
    const all = ring.ownersUp(7, ring.servers.length, () => true, []);
    const view = (v: Partial<LoadView>): LoadView => ({ ...EMPTY_VIEW, ...v });
    expect(system.serversFor(dc, 7, 2, EMPTY_VIEW, [])).toEqual(all.slice(0, 2));
    expect(system.serversFor(dc, 7, 1, view({ spread: new Map([[7, 3]]) }), [])).toEqual(all);
    expect(system.serversFor(dc, 7, 2, view({ withdrawn: new Set([all[0]]) }), [])).toEqual(
      all.slice(1, 3),
    );
    expect(system.serversFor(dc, 7, 2, view({ spreading: new Set([all[0]]) }), [])).toEqual(all);
    const published = toLoadView({ withdrawn: [all[1]], spread: [], spreading: [], dcLoad: 0 });
    expect(system.serversFor(dc, 7, 1, published, [])).toEqual([all[0]]);
  });
});

describe('healthy: failures seen after the monitoring agents’ detection delay', () => {
  it('the delay is the agents’ missed probes: 3 × 2 s', () => {
    expect(DETECTION_DELAY_NS).toBe(MISSED_PROBES * PROBE_INTERVAL_NS);
    expect(DETECTION_DELAY_NS).toBe(6 * SECOND);
  });

  it('a failed server stays in the answers until the delay has passed, then leaves them', () => {
    const { system, network, engine, dcIn } = world();
    const dc = dcIn('boston');
    const [first, second] = system.serversFor(dc, 7, 2, EMPTY_VIEW, []);
    engine.runUntil(SECOND);
    network.setNodeUp(first, false);
    system.health.noteChange(first, false);
    engine.runUntil(SECOND + DETECTION_DELAY_NS - 1);
    expect(system.serversFor(dc, 7, 2, EMPTY_VIEW, [])).toEqual([first, second]);
    engine.runUntil(SECOND + DETECTION_DELAY_NS);
    const after = system.serversFor(dc, 7, 2, EMPTY_VIEW, []);
    expect(after).not.toContain(first);
    expect(after[0]).toBe(second);
    // It comes back the same way.
    network.setNodeUp(first, true);
    system.health.noteChange(first, true);
    expect(system.serversFor(dc, 7, 2, EMPTY_VIEW, [])).not.toContain(first);
    engine.runUntil(engine.now + DETECTION_DELAY_NS);
    expect(system.serversFor(dc, 7, 2, EMPTY_VIEW, [])).toEqual([first, second]);
  });

  it('a failure and recovery inside the delay is never seen', () => {
    const { network, engine } = world();
    const health = new Health(network, engine);
    network.setNodeUp(3, false);
    health.noteChange(3, false);
    engine.runUntil(SECOND);
    network.setNodeUp(3, true);
    health.noteChange(3, true);
    for (const t of [2, 7, 20]) {
      engine.runUntil(t * SECOND);
      expect(health.seenUp(3)).toBe(true);
    }
  });

  it('a data centre whose low-level name server failed is left out once the agents see it', () => {
    const { system, network, engine, topology, dcIn } = world();
    const dc = dcIn('boston');
    const ll = topology.dataCentres[dc].lowLevelDns;
    network.setNodeUp(ll, false);
    system.health.noteChange(ll, false);
    expect(system.dataCentreAvailable(dc, EMPTY_VIEW)).toBe(true);
    engine.runUntil(DETECTION_DELAY_NS);
    expect(system.dataCentreAvailable(dc, EMPTY_VIEW)).toBe(false);
  });
});
