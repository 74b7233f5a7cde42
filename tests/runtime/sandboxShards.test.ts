import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import {
  AGGREGATE_LAST_MILE,
  runSandbox,
  summarizeStats,
  unflattenCounts,
} from '@sim/models/delivery';
import { SECOND } from '@sim/time';
import { generateTopology } from '@sim/topology';

const SECONDS = 5;
const scenario = (scale: 'classroom' | number) => ({
  seed: 2,
  scale,
  network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE, lossRate: 0.01 } } },
});

async function sharded(scale: 'classroom' | number, shards: number, warmCaches = false) {
  const run = new Run({
    scenario: scenario(scale),
    model: { id: 'delivery', config: { loadFactor: 3, warmCaches } },
    shards,
  });
  await run.start();
  await run.advanceTo(SECONDS * SECOND);
  const snap = await run.snapshot();
  run.dispose();
  return snap;
}

describe('the sandbox split across shards', () => {
  it.each(['classroom', 600] as const)(
    'gives the same digest and statistics with 1, 2 and 4 shards (scale %s)',
    async (scale) => {
      const one = await sharded(scale, 1);
      expect(one.counters['delivery.requests']).toBeGreaterThan(1000);
      expect(one.counters['delivery.hits']).toBeGreaterThan(0);
      for (const k of [2, 4]) {
        const other = await sharded(scale, k);
        expect(other.digest).toBe(one.digest);
        expect(other.counters).toEqual(one.counters);
        expect(other.histograms['delivery.latencyNs'].toSnapshot()).toEqual(
          one.histograms['delivery.latencyNs'].toSnapshot(),
        );
      }
    },
  );

  it('starts warm caches alike whatever the number of shards', async () => {
    const one = await sharded(600, 1, true);
    const cold = await sharded(600, 1);
    expect(one.counters['delivery.hits']).toBeGreaterThan(2 * cold.counters['delivery.hits']);
    for (const k of [2, 3]) {
      const other = await sharded(600, k, true);
      expect(other.digest).toBe(one.digest);
      expect(other.counters).toEqual(one.counters);
    }
  });

  it('matches the single-engine sandbox run exactly', async () => {
    const alone = runSandbox(
      { scale: 'classroom', seconds: SECONDS, lastMileLossRate: 0.01, config: { loadFactor: 3 } },
      2,
    );
    const two = await sharded('classroom', 2);
    expect(two.digest).toBe(alone.digest);
    const merged = summarizeStats(
      unflattenCounts(two.timeNs, two.counters, two.histograms['delivery.latencyNs'].toSnapshot()),
    );
    expect(merged.requests).toBe(alone.stats.requests);
    expect(merged.hitRatio).toBe(alone.stats.hitRatio);
    expect(merged.latencyMs.p95).toBe(alone.stats.latencyMs.p95);
  });
});

describe('changing the sandbox load while it runs', () => {
  async function withLoadChange(shards: number) {
    const run = new Run({ scenario: scenario('classroom'), model: { id: 'delivery' }, shards });
    await run.start();
    await run.advanceTo(2 * SECOND);
    const before = (await run.snapshot()).counters['delivery.requests'];
    run.command({ type: 'delivery.setLoad', loadFactor: 10 });
    await run.advanceTo(4 * SECOND);
    const snap = await run.snapshot();
    run.dispose();
    return { before, after: snap.counters['delivery.requests'] - before, digest: snap.digest };
  }

  it('multiplies the request rate from that instant, the same with 1 and 2 shards', async () => {
    const one = await withLoadChange(1);
    // About 350 requests/s before, about 3,500/s after: well beyond Poisson noise.
    expect(one.after / one.before).toBeGreaterThan(7);
    expect(one.after / one.before).toBeLessThan(13);
    expect((await withLoadChange(2)).digest).toBe(one.digest);
  });

  it('is refused by a model that has no such control', async () => {
    const run = new Run({ scenario: scenario('classroom'), model: { id: 'probe' }, shards: 1 });
    await run.start();
    run.command({ type: 'delivery.setLoad', loadFactor: 2 });
    await expect(run.advanceTo(SECOND)).rejects.toThrow(
      /delivery.setLoad needs the delivery model, and this world runs probe/,
    );
    run.dispose();
  });
});

describe('the student’s changes to a running sandbox', () => {
  async function changes(shards: number, observeChanges = true) {
    const run = new Run({
      scenario: scenario('classroom'),
      model: { id: 'delivery', config: { observeChanges } },
      shards,
    });
    await run.start();
    await run.advanceTo(1 * SECOND);
    await run.snapshot();
    run.command({ type: 'dataCentre.setUp', dataCentre: 1, up: false });
    run.command({ type: 'linkClass.set', linkClass: 'lastMile', lossRate: 0.02 });
    await run.advanceTo(2 * SECOND);
    run.command({ type: 'delivery.setLoad', loadFactor: 3 });
    run.command({ type: 'dataCentre.setUp', dataCentre: 1, up: true });
    await run.advanceTo(3 * SECOND);
    const snap = await run.snapshot();
    run.dispose();
    return (snap.observations ?? []).filter((o) => (o as { type: string }).type === 'sim.change');
  }

  it('are observed once each, at the instant they applied, with 1 and 3 shards alike', async () => {
    const one = await changes(1);
    const dc = generateTopology('classroom', 2).dataCentres[1].name;
    expect(one).toEqual([
      { type: 'sim.change', timeNs: SECOND, command: 'dataCentre.setUp', label: `${dc} failed` },
      { type: 'sim.change', timeNs: SECOND, command: 'linkClass.set', label: 'last mile loss 2 %' },
      { type: 'sim.change', timeNs: 2 * SECOND, command: 'delivery.setLoad', label: 'load ×3' },
      {
        type: 'sim.change',
        timeNs: 2 * SECOND,
        command: 'dataCentre.setUp',
        label: `${dc} restored`,
      },
    ]);
    expect(await changes(3)).toEqual(one);
  });

  it('are not observed unless the config asks (the labs’ traces stay as they were)', async () => {
    expect(await changes(1, false)).toEqual([]);
  });
});
