import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { parseCommand } from '@sim/models/commands';
import { SECOND } from '@sim/time';
import { generateTopology } from '@sim/topology';

const SCENARIO = { seed: 3, scale: 300 };
const MODEL = { id: 'probe' };
const topology = generateTopology(300, 3);
const client = topology.nodes.find((n) => n.kind === 'client')!;

const SCRIPT: [number, object][] = [
  [SECOND / 5, { type: 'link.set', link: 'backbone:net-0', lossRate: 0.3, extraLatencyMs: 4 }],
  [(3 * SECOND) / 10, { type: 'link.set', link: `access:${client.name}`, up: false }],
  [(3 * SECOND) / 5, { type: 'link.set', link: `access:${client.name}`, up: true }],
];

async function scripted(shards: number, script: [number, object][], chaosAt?: number) {
  const run = new Run({
    scenario: SCENARIO,
    model: MODEL,
    shards,
    makeWorker: chaosAt !== undefined ? nodeShardWorker : undefined,
    supervisor: { callTimeoutMs: 2000 },
  });
  try {
    await run.start();
    for (const [at, cmd] of script) {
      await run.advanceTo(at);
      if (chaosAt === at) await run.injectChaos(shards - 1, 'exit');
      run.command(cmd);
    }
    await run.advanceTo(SECOND);
    return { snapshot: await run.snapshot(), restarts: run.restarts };
  } finally {
    run.dispose();
  }
}

describe('the link.set command', () => {
  it('is validated: a link id string, loss in [0, 1], extra latency ≥ 0', () => {
    expect(parseCommand({ type: 'link.set', link: 'backbone:net-0', up: false })).toEqual({
      type: 'link.set',
      link: 'backbone:net-0',
      up: false,
    });
    expect(() => parseCommand({ type: 'link.set', link: 7 })).toThrow(/bad command: link/);
    expect(() => parseCommand({ type: 'link.set', link: 'x', lossRate: 2 })).toThrow(/lossRate/);
    expect(() => parseCommand({ type: 'link.set', link: 'x', extraLatencyMs: -1 })).toThrow(
      /extraLatencyMs/,
    );
  });

  it('rejects a link the network does not have, when applied', async () => {
    const run = new Run({ scenario: SCENARIO, model: MODEL, shards: 1 });
    await run.start();
    run.command({ type: 'link.set', link: 'backbone:net-999', up: false });
    await expect(run.applyCommands()).rejects.toThrow(/no link backbone:net-999/);
    run.dispose();
  });

  it('drops messages (loss, link down), takes effect at its time, the same with 1 and 2 shards', async () => {
    const without = await scripted(1, []);
    const one = await scripted(1, SCRIPT);
    expect(one.snapshot.digest).not.toBe(without.snapshot.digest);
    expect(one.snapshot.counters['net.dropped.loss']).toBeGreaterThan(0);
    expect(one.snapshot.counters['net.dropped.link-down']).toBeGreaterThan(0);
    expect(without.snapshot.counters['net.dropped.link-down'] ?? 0).toBe(0);
    const two = await scripted(2, SCRIPT);
    expect(two.snapshot.digest).toBe(one.snapshot.digest);
    expect(two.snapshot.counters).toEqual(one.snapshot.counters);
  });

  it('is replayed at its time when a worker dies and the run restarts', async () => {
    const unbroken = await scripted(1, SCRIPT);
    const broken = await scripted(2, SCRIPT, (3 * SECOND) / 5);
    expect(broken.restarts).toBe(1);
    expect(broken.snapshot.digest).toBe(unbroken.snapshot.digest);
  }, 60_000);

  it('takes effect at once when given while paused, one after another, as if given together', async () => {
    const at = SECOND / 5;
    const [loss, down] = SCRIPT.slice(0, 2).map(([, cmd]) => cmd);
    const run = new Run({ scenario: SCENARIO, model: MODEL, shards: 2 });
    await run.start();
    await run.advanceTo(at);
    const id = `access:${client.name}`;
    run.command(loss);
    await run.applyCommands();
    run.command(down);
    await run.applyCommands();
    const inspected = await run.inspectNode(client.id);
    expect(inspected?.accessLink).toMatchObject({ id, up: false });
    expect(run.commandLog().map((e) => e.atNs)).toEqual([at, at]);
    await run.advanceTo(SECOND);
    const digest = (await run.snapshot()).digest;
    run.dispose();
    const together = await scripted(1, [
      [at, loss],
      [at, down],
    ]);
    expect(digest).toBe(together.snapshot.digest);
  });
});
