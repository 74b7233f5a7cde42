/**
 * The DNS model through the runtime (model 'dns'): the same run split across 1, 2 and 3 shards
 * gives the same trace digest, counters and observations; dns.* commands reach the model.
 */
import type { DnsNodeInfo } from '@sim/models/dns/dnsRuntime';
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { parseCommand } from '@sim/models/commands';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

const SCENARIO = { seed: 5, scale: 300 };
const CONFIG = { lookupsPerClientPerSecond: 0.5, workloadNames: 20, maxObservations: 1e6 };

const WORLD = buildWorld(parseScenario(SCENARIO));
const nodeOf = (kind: string, city?: string) =>
  WORLD.topology.nodes.find(
    (n) => n.kind === kind && (city === undefined || WORLD.topology.cities[n.city].id === city),
  )!.id;

async function scripted(shards: number, script: [number, object][]) {
  const run = new Run({ scenario: SCENARIO, model: { id: 'dns', config: CONFIG }, shards });
  try {
    await run.start();
    for (const [at, cmd] of script) {
      await run.advanceTo(at);
      run.command(cmd);
    }
    await run.advanceTo(40 * SECOND);
    const resolver = WORLD.topology.nodes[nodeOf('client', 'tokyo')].resolver!;
    const inspected = await run.inspectNode(resolver);
    const dnsInfo = inspected?.byModel.dns as DnsNodeInfo | undefined;
    return { ...(await run.snapshot()), resolverCache: dnsInfo?.resolverCache };
  } finally {
    run.dispose();
  }
}

const canonical = (obs: unknown[]) => obs.map((o) => JSON.stringify(o)).sort();

describe('DNS across shards', () => {
  it('the same digest, counters and observations with 1, 2 and 3 shards', async () => {
    const tokyo = nodeOf('client', 'tokyo');
    const script: [number, object][] = [
      [1 * SECOND, { type: 'dns.lookup', client: tokyo, name: 'a7.g.akamai.net' }],
      [5 * SECOND, { type: 'dns.setServerUp', role: 'lowlevel', index: 0, up: false }],
      [6 * SECOND, { type: 'dns.setTtl', answerTtl: 5 }],
      [7 * SECOND, { type: 'dns.setEdgeLoad', node: nodeOf('edge'), load: 0.95 }],
      [8 * SECOND, { type: 'dns.lookup', client: tokyo, name: 'a8.g.akamai.net' }],
    ];
    for (const [, cmd] of script) parseCommand(cmd);

    const one = await scripted(1, script);
    expect(one.counters['dns.lookups']).toBeGreaterThan(100);
    expect(one.counters['dns.queries.lowlevel']).toBeGreaterThan(0);
    expect(one.observations.length).toBeGreaterThan(0);
    const answered = one.observations.filter(
      (o) =>
        (o as { type: string; client: number }).type === 'sim.queryAnswered' &&
        (o as { client: number }).client === tokyo,
    );
    expect(answered.length).toBeGreaterThanOrEqual(2);
    // the resolver's cache, asked of the shard that runs it: the delegations it has learnt
    const names = one.resolverCache!.map((e) => `${e.name} ${e.type}`);
    expect(names).toEqual(expect.arrayContaining(['net NS', 'akamai.net NS', 'g.akamai.net NS']));
    for (const k of [2, 3]) {
      const other = await scripted(k, script);
      expect(other.digest).toBe(one.digest);
      expect(other.counters).toEqual(one.counters);
      expect(canonical(other.observations)).toEqual(canonical(one.observations));
      const times = other.observations.map((o) => (o as { timeNs: number }).timeNs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(other.resolverCache).toEqual(one.resolverCache);
    }
  });

  it('dns commands are validated', () => {
    expect(() => parseCommand({ type: 'dns.lookup', client: 1, name: 'a b' })).toThrow(
      /bad command/,
    );
    expect(() => parseCommand({ type: 'dns.setEdgeLoad', node: 1, load: -1 })).toThrow(
      /bad command/,
    );
    expect(() =>
      parseCommand({ type: 'dns.setServerUp', role: 'mars', index: 0, up: false }),
    ).toThrow(/bad command/);
  });
});
