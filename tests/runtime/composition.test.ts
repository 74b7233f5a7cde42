import { beforeAll, describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { registerModel } from '@sim/models/registry';
import { SECOND } from '@sim/time';
import { generateTopology } from '@sim/topology';
import { heartbeatModel } from './models/heartbeat';

const scenario = { seed: 3, scale: 'classroom' as const };

async function composed(shards: number, commands: (run: Run) => Promise<void> = async () => {}) {
  const run = new Run({
    scenario,
    model: [
      { id: 'delivery', config: { loadFactor: 2 } },
      { id: 'heartbeat', config: { periodMs: 100 } },
    ],
    shards,
  });
  await run.start();
  await run.advanceTo(SECOND);
  await commands(run);
  await run.advanceTo(2 * SECOND);
  const snap = await run.snapshot();
  run.dispose();
  return snap;
}

async function deliveryAlone(shards: number) {
  const run = new Run({ scenario, model: { id: 'delivery', config: { loadFactor: 2 } }, shards });
  await run.start();
  await run.advanceTo(2 * SECOND);
  const snap = await run.snapshot();
  run.dispose();
  return snap;
}

describe('a model defined outside src, beside the delivery model in one world', () => {
  beforeAll(() => registerModel(heartbeatModel));

  it('runs both: each model gets its own messages and reports its own counters', async () => {
    const snap = await composed(1);
    const edges = generateTopology('classroom', scenario.seed).nodes.filter(
      (n) => n.kind === 'edge',
    ).length;
    // Every edge beats every 100 ms for 2 s (20 beats); all but the last arrive in that time,
    // unless the network loses some.
    expect(snap.counters['heartbeat.pings']).toBeGreaterThanOrEqual(edges * 19);
    expect(snap.counters['heartbeat.pings']).toBeLessThanOrEqual(edges * 20);
    expect(snap.counters['heartbeat.pongs']).toBeGreaterThan(0);
    expect(snap.counters['heartbeat.pongs']).toBeLessThanOrEqual(snap.counters['heartbeat.pings']);
    expect(snap.counters['delivery.requests']).toBeGreaterThan(100);
    expect(snap.counters['delivery.responses']).toBeGreaterThan(0);
    // Mean heartbeat round trip: a real crossing of the network (more than a millisecond).
    const rtt = snap.counters['heartbeat.rttSumNs'] / snap.counters['heartbeat.pongs'];
    expect(rtt).toBeGreaterThan(1e6);
  });

  it('gives the same digest and counters on 1 and 2 shards', async () => {
    const one = await composed(1);
    const two = await composed(2);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
  });

  it('routes a command to the model its type names', async () => {
    const slower = await composed(1, async (run) => {
      run.command({ type: 'heartbeat.setPeriod', periodMs: 1000 });
    });
    const steady = await composed(1);
    expect(slower.counters['heartbeat.pings']).toBeLessThan(steady.counters['heartbeat.pings']);
  });

  it('leaves the delivery model’s own requests as they were alone… in count, not in trace', async () => {
    // The heartbeats share links and the engine, so the trace differs; the delivery model's
    // clients draw their requests from their own streams, so they ask just as often.
    const alone = await deliveryAlone(1);
    const both = await composed(1);
    expect(both.digest).not.toBe(alone.digest);
    expect(both.counters['delivery.requests']).toBe(alone.counters['delivery.requests']);
  });

  it('refuses a command for a model the world does not run, saying which it runs', async () => {
    const run = new Run({ scenario, model: { id: 'delivery' }, shards: 1 });
    await run.start();
    run.command({ type: 'heartbeat.setPeriod', periodMs: 5 });
    await expect(run.advanceTo(SECOND)).rejects.toThrow(
      /heartbeat\.setPeriod needs the heartbeat model, and this world runs delivery/,
    );
    run.dispose();
  });
});
