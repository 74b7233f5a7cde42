import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { parseModelCommand } from '@sim/model/SimModel';
import { rolloutModel } from '@sim/models/rollout/model';
import { installRolloutModel } from '@sim/models/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { RolloutHistory } from '@ui/views/rollout/rolloutHistory.svelte';

const MINUTE = 60e9;

/** Frames of a real rollout, one per simulated minute, as the runtime would send them. */
function frames(bugs: string, minutes: number): RuntimeFrame[] {
  const world = buildWorld(parseScenario({ seed: 1, scale: 200 }));
  const model = installRolloutModel(world, () => true, {
    soakSeconds: 600,
    worldWatchSeconds: 600,
  });
  model.command(parseModelCommand(rolloutModel, { type: 'rollout.start', bugs }));
  const out: RuntimeFrame[] = [];
  for (let t = 1; t <= minutes; t++) {
    world.engine.runUntil(t * MINUTE);
    out.push({ timeNs: t * MINUTE, observations: model.report().observations } as RuntimeFrame);
  }
  return out;
}

describe('the rollout view’s history', () => {
  it('keeps the phases, checks and end of a release, and starts over on a new run', () => {
    const h = new RolloutHistory();
    const run = frames('none', 60);
    for (const f of run) h.add(f);
    expect(h.add(run[run.length - 1])).toBe(false);
    expect(h.phases.map((p) => p.label)).toEqual(['1', 'dc', '10%', 'world']);
    expect(h.checks.every((c) => c.passed)).toBe(true);
    expect(h.end?.aborted).toBe(false);
    expect(h.add(frames('none', 1)[0])).toBe(true);
    expect(h.end).toBeNull();
    expect(h.phases.map((p) => p.label)).toEqual(['1']);
  });

  it('marks a crashing server down, asleep after its crash loop, and the release aborted', () => {
    const h = new RolloutHistory();
    for (const f of frames('always:crash:rate=120', 10)) h.add(f);
    expect(h.everCrashed.size).toBe(1);
    expect(h.asleep.size).toBe(1);
    expect(h.end?.aborted).toBe(true);
    expect(h.checks.some((c) => !c.passed)).toBe(true);
  });

  it('keeps one result per Monte Carlo plan', () => {
    const h = new RolloutHistory();
    const o = (label: string, n: number) => ({
      type: 'sim.rolloutMonteCarlo',
      timeNs: 0,
      label,
      phases: ['1', 'world'],
      releases: n,
      abortPhaseHistogram: { '1:1': 2, '2:world': 1 },
      shipped: n - 3,
      hoursToWorld: 1,
      errorMinutes: 5,
    });
    h.add({ timeNs: 1, observations: [o('a', 10), o('b', 10)] } as unknown as RuntimeFrame);
    h.add({ timeNs: 2, observations: [o('a', 20)] } as unknown as RuntimeFrame);
    expect(h.plans.map((p) => [p.label, p.releases])).toEqual([
      ['b', 10],
      ['a', 20],
    ]);
    expect(h.plans[0].histogram).toEqual([
      { phase: '1', count: 2 },
      { phase: 'world', count: 1 },
    ]);
  });
});
