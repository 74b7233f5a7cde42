import { describe, expect, it } from 'vitest';
import { parseCommand } from '@sim/commands';
import { fleetLayout } from '@sim/rollout/fleetLayout';
import { runMonteCarlo } from '@sim/rollout/monteCarlo';
import { installRolloutModel, rolloutConfigFrom } from '@sim/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';

function model(owns: (id: number) => boolean = () => true) {
  const world = buildWorld(parseScenario({ seed: 5, scale: 300 }));
  return { world, model: installRolloutModel(world, owns, {}) };
}

describe('the rollout.monteCarlo command', () => {
  it('reports the same histogram as runMonteCarlo, once, and leaves the live run alone', () => {
    const { world, model: m } = model();
    m.command(
      parseCommand({ type: 'rollout.monteCarlo', releases: 20, phases: '1,world', label: 'fast' }),
    );
    const seen = m.report().observations as Record<string, unknown>[];
    expect(seen).toHaveLength(1);
    const o = seen[0];
    expect(o.type).toBe('sim.rolloutMonteCarlo');
    expect(o.label).toBe('fast');
    const direct = runMonteCarlo(
      fleetLayout(world.topology),
      rolloutConfigFrom({ phases: '1,world' }),
      { releases: 20, seed: 5, bugs: 'random' },
    );
    expect(o.abortPhaseHistogram).toEqual(direct.abortPhaseHistogram);
    expect(o.shipped).toBe(direct.shipped);
    expect(o.digest).toBe(direct.digest);
    // Two phases, an hour of soak: every shipped release reached the world after one hour.
    expect(o.hoursToWorld).toBeCloseTo(1, 6);
    expect(m.report().counters['rollout.releases']).toBe(0);
  });

  it('runs on the reporting shard only', () => {
    const { model: m } = model(() => false);
    m.command(parseCommand({ type: 'rollout.monteCarlo', releases: 5 }));
    expect(m.report().observations).toHaveLength(0);
  });

  it('refuses a bad spec', () => {
    expect(() => parseCommand({ type: 'rollout.monteCarlo', releases: 0 })).toThrow(/releases/);
    expect(() => parseCommand({ type: 'rollout.monteCarlo', releases: 5, phases: '1,dc' })).toThrow(
      /phases/,
    );
  });
});
