import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { LoadMonitor } from '@sim/models/delivery/LoadMonitor';
import type { LoadView } from '@sim/models/delivery/LoadView';
import { Mapping } from '@sim/models/delivery/Mapping';
import { parseSandboxConfig, toSandboxParams } from '@sim/models/delivery/sandboxConfig';
import type { SandboxContext } from '@sim/models/delivery/SandboxContext';
import { Observations } from '@sim/observations';
import { RandomStream } from '@sim/random/RandomStream';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { EMPTY_VIEW } from '@sim/models/mapping';
import { SECOND } from '@sim/time';

/** A monitor over a data centre of `servers`, fed reports by hand (no network needed). */
function monitor(servers: number[], config = {}) {
  const engine = new Engine();
  const observations = new Observations(100);
  const ctx = {
    engine,
    params: toSandboxParams(parseSandboxConfig(config)),
    observations,
  } as unknown as SandboxContext;
  // No top-level servers to tell: the summaries are tested with the DNS model (tests/runtime).
  return { m: new LoadMonitor(ctx, 0, servers, 0, []), engine, observations };
}

describe('the data centre monitor (low-level name server answers)', () => {
  it('withdraws a server above the second threshold and spreads its hot object to enough servers', () => {
    const { m, observations } = monitor([1, 2, 3, 4, 5]);
    // Capacity 2,000 requests/s, spread threshold 0.6: 1,200 requests/s per server at most.
    m.onReport(1, { load: 0.95, hot: [42, 1_900, 7, 100] });
    m.onReport(2, { load: 0.3, hot: [42, 600] });
    m.onReport(3, { load: 0.7, hot: [9, 200] });
    const a = m.answer();
    expect(a.withdrawn).toEqual([1]);
    // Object 42: 2,500 requests/s over 1,200 per server = 3 servers. Object 7 is on a server
    // above the threshold, so it goes to at least two; object 9 too. Server 2 alone is fine.
    expect(new Map(pairs(a.spread))).toEqual(
      new Map([
        [42, 3],
        [7, 2],
        [9, 2],
      ]),
    );
    expect(a.dcLoad).toBeCloseTo((0.95 + 0.3 + 0.7) / 5, 10);
    expect(observations.peek().map((o) => o.type)).toContain('sim.serverWithdrawn');
  });

  it('forgets reports older than three intervals (an idle or dead server)', () => {
    const { m, engine } = monitor([1, 2]);
    m.onReport(1, { load: 0.95, hot: [42, 1_900] });
    engine.runUntil(3.5 * SECOND);
    expect(m.answer()).toEqual({ dc: 0, withdrawn: [], spread: [], spreading: [], dcLoad: 0 });
  });

  it('never spreads an object to more servers than the data centre has', () => {
    const { m } = monitor([1, 2]);
    m.onReport(1, { load: 5, hot: [42, 10_000] });
    expect(pairs(m.answer().spread)).toEqual([[42, 2]]);
  });
});

function pairs(flat: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

// The hot-object crowd with the thresholds on and off is run by the flash-crowd lab's test.
describe('load-aware mapping', () => {
  const { topology, network, engine } = buildWorld(parseScenario({ scale: 'classroom', seed: 1 }));
  const mapping = new Mapping(topology, network, engine, {
    candidates: 4,
    ringPointsPerServer: 128,
  });
  const client = topology.nodes.find((n) => n.kind === 'client')!.id;
  const [first, second] = mapping.dataCentresFor(client);
  const up = () => true;
  const aware = (views: Map<number, LoadView>, seed = 1) => ({
    view: (dc: number) => views.get(dc),
    rng: new RandomStream(seed, 'test/mapping'),
    dataCentreThreshold: 0.8,
  });
  const view = (v: Partial<LoadView>): LoadView => ({ ...EMPTY_VIEW, ...v });

  it('hands a spread object out on its first servers on the ring, about equally', () => {
    const servers = topology.dataCentres[first].servers;
    const owners = mapping.ring(first).ownersUp(5, servers.length, up, []);
    const load = aware(new Map([[first, view({ spread: new Map([[5, 2]]) })]]));
    const counts = new Map<number, number>();
    for (let i = 0; i < 4_000; i++) {
      const s = mapping.serverFor(client, 5, load);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(owners.slice(0, 2).sort());
    for (const n of counts.values()) expect(Math.abs(n / 2_000 - 1)).toBeLessThan(0.1);
  });

  it('never hands out a withdrawn server while another in the data centre can take the object', () => {
    const owner = mapping.ring(first).owner(5);
    const load = aware(new Map([[first, view({ withdrawn: new Set([owner]) })]]));
    for (let i = 0; i < 100; i++) {
      const s = mapping.serverFor(client, 5, load);
      expect(s).not.toBe(owner);
      expect(topology.nodes[s].dataCentre).toBe(first);
    }
  });

  it('moves the share above the threshold of an overloaded data centre to the next one', () => {
    // Load 1.6 against a threshold of 0.8: half of the requests go elsewhere.
    const load = aware(new Map([[first, view({ dcLoad: 1.6 })]]));
    let moved = 0;
    for (let obj = 0; obj < 4_000; obj++)
      if (topology.nodes[mapping.serverFor(client, obj, load)].dataCentre === second) moved++;
    expect(moved / 4_000).toBeGreaterThan(0.46);
    expect(moved / 4_000).toBeLessThan(0.54);
  });
});
