import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';
import * as v from 'valibot';
import { commandSchema, parseCommand } from '@sim/models/commands';

const SCENARIO = { seed: 3, scale: 300 };
const MODEL = { id: 'probe' };

/** Runs with a script of commands at given times; returns the final snapshot. */
async function scripted(
  shards: number,
  script: [number, object][],
  opts: { workers?: boolean; chaosAt?: number } = {},
) {
  const run = new Run({
    scenario: SCENARIO,
    model: MODEL,
    shards,
    makeWorker: opts.workers ? nodeShardWorker : undefined,
    supervisor: { callTimeoutMs: 2000 },
  });
  try {
    await run.start();
    for (const [at, cmd] of script) {
      await run.advanceTo(at);
      if (opts.chaosAt !== undefined && opts.chaosAt === at)
        await run.injectChaos(shards - 1, 'exit');
      run.command(cmd);
    }
    await run.advanceTo(SECOND);
    return { snapshot: await run.snapshot(), log: run.commandLog(), restarts: run.restarts };
  } finally {
    run.dispose();
  }
}

const SCRIPT: [number, object][] = [
  [SECOND / 5, { type: 'dataCentre.setUp', dataCentre: 0, up: false }],
  [
    (3 * SECOND) / 10,
    { type: 'linkClass.set', linkClass: 'lastMile', lossRate: 0.05, extraLatencyMs: 3 },
  ],
  [(2 * SECOND) / 5, { type: 'network.setInflation', inflation: 2 }],
  [(3 * SECOND) / 5, { type: 'dataCentre.setUp', dataCentre: 0, up: true }],
];

describe('commands during a run', () => {
  it('take effect at the time they were given, the same with 1, 2 and 4 shards', async () => {
    const one = await scripted(1, SCRIPT);
    expect(one.log.map((e) => e.atNs)).toEqual(SCRIPT.map(([at]) => at));
    expect(one.snapshot.counters['net.dropped.node-down']).toBeGreaterThan(0);
    expect(one.snapshot.counters['net.dropped.loss']).toBeGreaterThan(0);
    for (const k of [2, 4]) {
      const other = await scripted(k, SCRIPT);
      expect(other.snapshot.digest).toBe(one.snapshot.digest);
      expect(other.snapshot.counters).toEqual(one.snapshot.counters);
    }
  });

  it('change the run: without them the trace differs', async () => {
    const without = await scripted(1, []);
    const withThem = await scripted(1, SCRIPT);
    expect(withThem.snapshot.digest).not.toBe(without.snapshot.digest);
    expect(without.snapshot.counters['net.dropped.loss'] ?? 0).toBe(0);
  });

  it('are replayed at their times when a worker dies and the run restarts', async () => {
    const unbroken = await scripted(1, SCRIPT);
    const broken = await scripted(2, SCRIPT, { workers: true, chaosAt: (2 * SECOND) / 5 });
    expect(broken.restarts).toBe(1);
    expect(broken.snapshot.digest).toBe(unbroken.snapshot.digest);
  }, 60_000);

  it('are rejected with a message naming the problem when malformed', async () => {
    const run = new Run({ scenario: SCENARIO, model: MODEL, shards: 1 });
    await run.start();
    expect(() => run.command({ type: 'linkClass.set', linkClass: 'wormhole' })).toThrow(
      /bad command: linkClass/,
    );
    expect(() => run.command({ type: 'teleport' })).toThrow(/bad command/);
    expect(() => run.command({ type: 'network.setInflation', inflation: 0.2 })).toThrow(
      /inflation/,
    );
    expect(run.commandLog()).toEqual([]);
    run.dispose();
  });
});

describe('a command given while paused', () => {
  it('takes effect at once, before any event runs, and the run goes on as if given at that time', async () => {
    const run = new Run({ scenario: SCENARIO, model: MODEL, shards: 2 });
    await run.start();
    await run.advanceTo(SECOND / 5);
    const executed = (await run.snapshot()).executed;
    run.command({ type: 'dataCentre.setUp', dataCentre: 0, up: false });
    await run.applyCommands();
    const snap = await run.snapshot();
    expect(snap.executed).toBe(executed);
    expect(snap.timeNs).toBe(SECOND / 5);
    const dc = buildWorld(parseScenario(SCENARIO)).topology.dataCentres[0];
    expect(dc.servers.every((id) => snap.nodeUp[id] === 0)).toBe(true);
    expect(run.commandLog()).toHaveLength(1);
    await run.advanceTo(SECOND);
    const digest = (await run.snapshot()).digest;
    run.dispose();
    const unpaused = await scripted(1, [
      [SECOND / 5, { type: 'dataCentre.setUp', dataCentre: 0, up: false }],
    ]);
    expect(digest).toBe(unpaused.snapshot.digest);
  });
});

describe('a command saved before the delivery model was renamed', () => {
  it('still reads, as today’s command (links and demo scripts made with the sandbox model)', () => {
    expect(parseCommand({ type: 'sandbox.setLoad', loadFactor: 2 })).toEqual({
      type: 'delivery.setLoad',
      loadFactor: 2,
    });
    expect(v.parse(commandSchema, { type: 'sandbox.purge' })).toEqual({ type: 'delivery.purge' });
    expect(() => parseCommand({ type: 'sandbox.explode' })).toThrow(/bad command/);
  });
});
