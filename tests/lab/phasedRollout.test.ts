/**
 * The faulty-rollouts lab: its statechart passes the lab check, and each experiment, run as the
 * lab configures it (the runtime's rollout model on one engine instead of the browser's worker),
 * measures what its prose and questions say it will.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/phased-rollout/index';
import type { LabContext, RunName } from '../../labs/phased-rollout/machine';
import {
  emptyTrace,
  finishRun,
  traceEvent,
  type MonteCarloSeen,
  type OutcomeSeen,
  type PhaseSeen,
  type RunResult,
  type ServerSeen,
} from '../../labs/phased-rollout/measure';
import * as S from '../../labs/phased-rollout/scenario';
import type { Measurements } from '@lab/types';
import { parseModelCommand } from '@sim/model/SimModel';
import { rolloutModel } from '@sim/models/rollout/model';
import { MonteCarloCombiner } from '@sim/models/rollout/monteCarloParts';
import { installRolloutModel } from '@sim/models/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { checkLab } from './checkLab';
import { FakeSim, frameAt } from './fakeSim';
import { LabDriver } from '@lab/LabDriver';

const MINUTE = 60e9;
const outcome = (type: string, label: string) => ({
  type,
  timeNs: 5 * MINUTE,
  phase: 1,
  label,
  reason: type === 'sim.rolloutAborted' ? 'crashLoop' : null,
  detail: '',
  outcome: {
    phases: ['1', 'world'],
    errorMinutes: 1,
    serversAffected: 1,
    crashes: 3,
    longSleeps: 1,
    durationNs: 5 * MINUTE,
  },
});
const plan = (label: string) => ({
  type: 'sim.rolloutMonteCarlo',
  timeNs: 0,
  label,
  phases: ['1', 'world'],
  soakSeconds: 3600,
  releases: 10,
  abortPhaseHistogram: { '1:1': 3, '2:world': 2 },
  shipped: 5,
  shippedWithBugs: 1,
  errorMinutes: 10,
  hoursToWorld: 1,
});
// Phases and crashes are left without data: each one seen would grow the run's trace, and the
// walk would never end (the experiments below feed them for real). One ending is enough: each
// kind of ending kept in each run's result multiplies the states.
const SETTINGS = [
  { type: 'user.set', id: 'phases', value: 2 },
  { type: 'user.set', id: 'soakHours', value: 4 },
];
const EVENTS = [
  outcome('sim.rolloutAborted', '1'),
  ...S.PRESETS.map((p) => plan(p.label)),
  ...SETTINGS,
];

describe('the faulty-rollouts lab', () => {
  it('passes the lab check', () => {
    const r = checkLab(lab, { events: EVENTS });
    expect(r.states).toBeGreaterThan(lab.steps.length);
    expect(r.pathsToEnd).toBeGreaterThan(0);
  });

  it('runs the student’s own plan beside the presets, and again when it changes', async () => {
    const sim = new FakeSim();
    const driver = new LabDriver(lab, sim);
    driver.open('stats');
    driver.answer('stats-fast', 'more');
    // The reset, then what the machine queues once it hears the run has started.
    await driver.settled();
    await driver.settled();
    const plans = () =>
      sim.calls
        .filter((c) => c.includes('"rollout.monteCarlo"') && c.includes(`"${S.YOUR_PLAN}"`))
        .map(
          (c) => JSON.parse(c.slice('command '.length)) as { phases: string; soakSeconds: number },
        );
    expect(plans()).toEqual([
      expect.objectContaining({ phases: '1,dc,10%,world', soakSeconds: 3_600 }),
    ]);
    // The run reaches its end: the presets' results arrive, then the student moves a slider.
    for (const p of S.PRESETS) driver.observe(frameAt(60e9, [plan(p.label)]));
    driver.setControl('phases', 5);
    driver.setControl('soakHours', 2.5);
    await driver.settled();
    await driver.settled();
    expect(plans().at(-1)).toEqual(
      expect.objectContaining({ phases: '1,dc,1%,10%,world', soakSeconds: 9_000 }),
    );
  });
});

/** One run as the lab builds it: a fresh model with the run's configuration and commands. */
function run(config: unknown, commands: unknown[], maxMinutes = 300): RunResult {
  const world = buildWorld(parseScenario(S.simulation.scenario));
  const model = installRolloutModel(world, () => true, config);
  for (const c of commands) model.command(parseModelCommand(rolloutModel, c));
  let trace = emptyTrace();
  for (let t = 1; t <= maxMinutes; t++) {
    world.engine.runUntil(t * MINUTE);
    for (const o of model.report().observations as (PhaseSeen | ServerSeen | OutcomeSeen)[]) {
      if (o.type === 'sim.rolloutAborted' || o.type === 'sim.rolloutShipped')
        return finishRun(trace, o)!;
      if (o.type !== ('sim.rolloutCheck' as string)) trace = traceEvent(trace, o as ServerSeen);
    }
  }
  throw new Error('the release did not end');
}

const start = (bugs: string) => ({ type: 'rollout.start', bugs });
const ROD = [start('none'), { type: 'rollout.requestOfDeath' }];

function measurements(
  results: Partial<Record<RunName, RunResult>>,
  plans: LabContext['plans'] = {},
): Measurements {
  const context: LabContext = {
    answered: {},
    results,
    plans,
    trace: emptyTrace(),
    yourPlan: { ...S.YOUR_PLAN_START },
  };
  return { context, observations: [], frame: null } as unknown as Measurements;
}

function question(id: string) {
  const q = lab.steps.find((s) => s.id === id)!.question!;
  return q as typeof q & {
    correct?: string | ((m: Measurements) => string | undefined);
    expected?: number | ((m: Measurements) => number | undefined);
  };
}
const judge = (id: string, m: Measurements) => {
  const c = question(id).correct;
  return typeof c === 'function' ? c(m) : c;
};

describe('what the faulty-rollouts lab’s experiments measure', () => {
  it('a good release spreads 1 → data centre → 10 % → world and reaches every server after three soaks', () => {
    const r = run(S.PHASED, [start(S.GOOD_BUGS)]);
    expect(r.aborted).toBe(false);
    expect(r.phases.map((p) => p.label)).toEqual(['1', 'dc', '10%', 'world']);
    expect(r.phases[0].servers).toBe(1);
    expect(r.phases[1].servers).toBeLessThan(20);
    expect(r.phases[2].servers).toBe(60);
    expect(r.phases[3].servers).toBe(S.SERVERS);
    expect(r.crashes).toBe(0);
    expect(r.errorMinutes).toBe(0);
    const q = question('good').expected as (m: Measurements) => number | undefined;
    expect(q(measurements({ good: r }))).toBeCloseTo(3 * S.SOAK_MINUTES, 6);
  });

  it('a bug that shows at once: phase one, restarts, a long sleep, rollback', () => {
    const r = run(S.PHASED, [start(S.INSTANT_BUGS)]);
    expect(r.aborted).toBe(true);
    expect(r.endLabel).toBe('1');
    expect(r.reason).toBe('crashLoop');
    expect(r.crashed).toHaveLength(1);
    expect(r.crashes).toBe(3);
    expect(r.restarts).toBeGreaterThanOrEqual(2);
    expect(r.longSleeps).toBe(1);
    expect(r.endMinute).toBeLessThan(10);
    expect(judge('instant', measurements({ instant: r }))).toBe('1');
  });

  it('a bug that needs half the network passes the staging phases, fails at world level, and users barely notice', () => {
    const r = run(S.PHASED, [start(S.SCALE_BUGS)]);
    expect(r.aborted).toBe(true);
    expect(r.phases.map((p) => p.label)).toEqual(['1', 'dc', '10%', 'world']);
    expect(r.endLabel).toBe('world');
    expect(r.reason).toBe('crashes');
    expect(r.crashed.length).toBeGreaterThan(5);
    expect(r.failedShare).toBeLessThan(0.001);
    expect(judge('scale', measurements({ scale: r }))).toBe('world');
  });

  it('a request of death crashes many servers without quarantine and only the customer’s set with it', () => {
    const off = run(S.ROD_RUN(false), ROD);
    const on = run(S.ROD_RUN(true), ROD);
    expect(off.crashed.length).toBeGreaterThan(10 * S.QUARANTINE_SET);
    expect(on.crashed.length).toBeLessThanOrEqual(S.QUARANTINE_SET);
    expect(on.crashed.length).toBeGreaterThan(1);
    expect(on.errorMinutes).toBeLessThan(off.errorMinutes / 5);
    expect(off.longSleeps).toBeGreaterThan(0);
    expect(judge('rod', measurements({ rodOff: off, rodOn: on }))).toBe('set');
  });

  it('a hundred random releases per plan, shared among two shards: most aborts in phase one and the world; fewer phases, more failed traffic', () => {
    // Two shards, as the lab's two workers split the fleet (odd and even node ids here).
    const shards = [0, 1].map((r) =>
      installRolloutModel(
        buildWorld(parseScenario(S.simulation.scenario)),
        (id) => id % 2 === r,
        S.PHASED,
      ),
    );
    for (const p of S.PRESETS)
      for (const model of shards)
        model.command(
          parseModelCommand(rolloutModel, {
            type: 'rollout.monteCarlo',
            releases: S.RELEASES,
            phases: p.phases,
            soakSeconds: p.soakSeconds,
            label: p.label,
          }),
        );
    const seen = new MonteCarloCombiner().take(
      shards.flatMap((m) => m.report().observations),
    ) as MonteCarloSeen[];
    expect(seen.map((o) => o.releases)).toEqual(S.PRESETS.map(() => S.RELEASES));
    const plans = Object.fromEntries(seen.map((o) => [o.label, o])) as LabContext['plans'];
    const [phased, fast, long] = S.PRESETS.map((p) => plans[p.label]!);
    const h = Object.values(phased.abortPhaseHistogram);
    expect(h[0]).toBeGreaterThan(h[3]);
    expect(h[3]).toBeGreaterThan(h[1] + h[2]);
    expect(fast.errorMinutes).toBeGreaterThan(1.1 * phased.errorMinutes);
    expect(fast.hoursToWorld!).toBeLessThan(phased.hoursToWorld!);
    expect(long.hoursToWorld!).toBeGreaterThan(phased.hoursToWorld!);
    expect(judge('stats', measurements({}, plans))).toBe('more');
    const findings = lab.steps.find((s) => s.id === 'stats')!.findings!(measurements({}, plans));
    expect(findings.length).toBeGreaterThan(9);
  });
});
