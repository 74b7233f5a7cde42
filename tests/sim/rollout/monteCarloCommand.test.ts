import { describe, expect, it } from 'vitest';
import { parseModelCommand } from '@sim/model/SimModel';
import { rolloutModel } from '@sim/models/rollout/model';
import { fleetLayout } from '@sim/models/rollout/fleetLayout';
import { runMonteCarlo } from '@sim/models/rollout/monteCarlo';
import {
  MonteCarloCombiner,
  type MonteCarloPart,
  type MonteCarloSummary,
} from '@sim/models/rollout/monteCarloParts';
import { installRolloutModel, rolloutConfigFrom } from '@sim/models/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';

function model(owns: (id: number) => boolean = () => true) {
  const world = buildWorld(parseScenario({ seed: 5, scale: 300 }));
  return { world, model: installRolloutModel(world, owns, {}) };
}

describe('the rollout.monteCarlo command', () => {
  const direct = (world: ReturnType<typeof model>['world']) =>
    runMonteCarlo(fleetLayout(world.topology), rolloutConfigFrom({ phases: '1,world' }), {
      releases: 20,
      seed: 5,
      bugs: 'random',
    });
  const command = parseModelCommand(rolloutModel, {
    type: 'rollout.monteCarlo',
    releases: 20,
    phases: '1,world',
    label: 'fast',
  });

  it('reports the same histogram as runMonteCarlo, once, and leaves the live run alone', () => {
    const { world, model: m } = model();
    m.command(command);
    const seen = new MonteCarloCombiner().take(m.report().observations) as MonteCarloSummary[];
    expect(seen).toHaveLength(1);
    const o = seen[0];
    expect(o.type).toBe('sim.rolloutMonteCarlo');
    expect(o.label).toBe('fast');
    const d = direct(world);
    expect(o.abortPhaseHistogram).toEqual(d.abortPhaseHistogram);
    expect(o.shipped).toBe(d.shipped);
    expect(o.digest).toBe(d.digest);
    expect(o.parts).toBe(1);
    // Two phases, an hour of soak: every shipped release reached the world after one hour.
    expect(o.hoursToWorld).toBeCloseTo(1, 6);
    expect(m.report().counters['rollout.releases']).toBe(0);
  });

  it('shares the releases among shards, each run once, and adds up to the single-shard result', () => {
    // Two shards owning the odd and the even node ids, as a two-worker partition would.
    const shards = [0, 1].map((r) => model((id) => id % 2 === r).model);
    for (const s of shards) s.command(command);
    const parts = shards.map((s) => s.report().observations as MonteCarloPart[]);
    for (const p of parts) expect(p).toHaveLength(1);
    // Each did a real share, and the shares cover the 20 releases exactly once.
    expect(parts[0][0].releases).toBeGreaterThan(0);
    expect(parts[1][0].releases).toBeGreaterThan(0);
    expect(parts[0][0].releases + parts[1][0].releases).toBe(20);
    const combiner = new MonteCarloCombiner();
    // The first part alone is held back until the second arrives.
    expect(combiner.take(parts[0])).toEqual([]);
    const [o] = combiner.take(parts[1]) as MonteCarloSummary[];
    const d = direct(model().world);
    expect(o.releases).toBe(20);
    expect(o.parts).toBe(2);
    expect(o.abortPhaseHistogram).toEqual(d.abortPhaseHistogram);
    expect(o.shipped).toBe(d.shipped);
    expect(o.digest).toBe(d.digest);
    expect(o.hoursToWorld).toBeCloseTo(1, 6);
  });

  it('a shard that owns no edge server reports nothing', () => {
    const { model: m } = model(() => false);
    m.command(parseModelCommand(rolloutModel, { type: 'rollout.monteCarlo', releases: 5 }));
    expect(m.report().observations).toHaveLength(0);
  });

  it('refuses a bad spec', () => {
    expect(() =>
      parseModelCommand(rolloutModel, { type: 'rollout.monteCarlo', releases: 0 }),
    ).toThrow(/releases/);
    expect(() =>
      parseModelCommand(rolloutModel, { type: 'rollout.monteCarlo', releases: 5, phases: '1,dc' }),
    ).toThrow(/phases/);
  });
});
