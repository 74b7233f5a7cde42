/**
 * The flash-crowd lab: its statechart passes the lab check, and each experiment, run as the lab
 * configures it (one engine instead of the browser's worker), measures what its prose and
 * questions say it will.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lab } from '../../labs/flash-crowd/index';
import { measureRun, type RunKind } from '../../labs/flash-crowd/measure';
import * as S from '../../labs/flash-crowd/scenario';
import { createSandboxRun, type SandboxConfigInput } from '@sim/models/delivery';
import { checkLab } from './checkLab';
import { FakeSim, frameAt } from './fakeSim';
import { LabDriver } from '@lab/LabDriver';
import { CAPACITY_END_S } from '../../labs/flash-crowd/machine';
import { EXTRA_DATA_CENTRES, PARENT_COUNT } from '../../labs/flash-crowd/parentPlaces';
import { applyCommand } from '@sim/models/commands';
import type { WorldCommand } from '@sim/worldCommands';
import type { SecondStats } from '@sim/models/delivery';

const SECOND = 1e9;
const EVENTS = [10, 45, 50, 60, 100].map((s) => ({ type: 'sim.tick', timeNs: s * SECOND }));

describe('the flash-crowd lab', () => {
  it('passes the lab check', () => {
    const r = checkLab(lab, { events: EVENTS });
    expect(r.states).toBeGreaterThan(lab.steps.length);
    expect(r.pathsToEnd).toBeGreaterThan(0);
  });
});

/** A run as the lab makes it, its world commands given at the start; its seconds as recorded. */
function recorded(
  config: unknown,
  seconds: number,
  lastMileLossRate = 0,
  commands: WorldCommand[] = [],
) {
  const r = createSandboxRun(
    { scale: 'classroom', seconds, lastMileLossRate, config: config as SandboxConfigInput },
    S.SEED,
  );
  for (const cmd of commands) {
    applyCommand(r.world, cmd);
    r.sandbox.networkChanged(cmd);
  }
  r.run();
  return { observations: r.sandbox.takeObservations(), seconds: r.sandbox.takeSeconds() };
}

function run(config: unknown, seconds: number, kind: RunKind, lastMileLossRate = 0) {
  const { observations, seconds: records } = recorded(config, seconds, lastMileLossRate);
  const spread = Math.max(1, ...observations.map((o) => Number(o.servers ?? 0)));
  const withdrawals = observations.filter((o) => o.withdrawn === true).length;
  return measureRun(kind, records, spread, withdrawals);
}

const closeExtras: WorldCommand[] = EXTRA_DATA_CENTRES.map((dataCentre) => ({
  type: 'dataCentre.setUp',
  dataCentre,
  up: false,
}));

/** The parents step's three runs, as the lab makes them: their seconds. */
function tiersRuns(): Record<'tiersFew' | 'tiersMany' | 'tiersParents', SecondStats[]> {
  return {
    tiersFew: recorded(S.TIERS_OFF, S.TIERS_END_S, 0, closeExtras).seconds,
    tiersMany: recorded(S.TIERS_OFF, S.TIERS_END_S).seconds,
    tiersParents: recorded(S.TIERS_ON, S.TIERS_END_S).seconds,
  };
}

describe('what the flash-crowd lab’s experiments measure', () => {
  it('the origin alone is fully busy near c·μ = 400 requests/s and refuses most of the peak', () => {
    const r = run(S.ORIGIN_ONLY, 60, 'crowd');
    expect(r.saturationRps).toBeGreaterThan(300);
    expect(r.saturationRps).toBeLessThan(550);
    expect(r.peak!.originUtilisation).toBeGreaterThan(0.99);
    // While full it takes in what its workers finish: c·μ within a few per cent.
    expect(r.peak!.originAdmittedPerSecond).toBeGreaterThan(380);
    expect(r.peak!.originAdmittedPerSecond).toBeLessThan(420);
    expect(r.peak!.errorRate).toBeGreaterThan(0.8);
  });

  it('through the CDN, a small share of the peak (2 to 15 %) reaches the origin, and far fewer fail', () => {
    const r = run(S.THROUGH_CDN, 60, 'crowd');
    expect(r.peak!.originShare).toBeGreaterThan(0.02);
    expect(r.peak!.originShare).toBeLessThan(0.15);
    expect(r.peak!.errorRate).toBeLessThan(0.15);
    expect(r.peak!.hitRatio).toBeGreaterThan(0.7);
  });

  it('the hot object overloads its servers without thresholds and not with them', () => {
    const on = run(S.HOT_WITH, S.HOT_END_S, 'hot');
    const off = run(S.HOT_WITHOUT, S.HOT_END_S, 'hot');
    expect(on.spreadServers).toBeGreaterThanOrEqual(2);
    expect(on.peak!.errorRate).toBeLessThan(0.01);
    expect(on.peak!.p95Ms).toBeLessThan(300);
    expect(off.peak!.errorRate).toBeGreaterThan(0.05);
    expect(off.peak!.p95Ms).toBeGreaterThan(300);
    expect(off.peak!.originShare).toBeLessThan(0.05);
  });

  it('for uncacheable pages the origin works as hard, and far users wait less through the CDN', () => {
    const direct = run(S.UNCACHEABLE_DIRECT, S.UNCACHEABLE_END_S, 'steady', S.UNCACHEABLE_LOSS);
    const viaCdn = run(S.UNCACHEABLE_CDN, S.UNCACHEABLE_END_S, 'steady', S.UNCACHEABLE_LOSS);
    const ratio = viaCdn.peak!.originUtilisation / direct.peak!.originUtilisation;
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
    expect(viaCdn.peak!.originShare).toBeGreaterThan(0.95);
    // Europe and East Asia are far from the New York origin; North America is next to it.
    const far = [1, 2, 3].filter((i) => direct.peak!.regionMeanMs[i] !== null);
    expect(far.length).toBeGreaterThan(0);
    for (const i of far)
      expect(viaCdn.peak!.regionMeanMs[i]!).toBeLessThan(0.8 * direct.peak!.regionMeanMs[i]!);
  });
});

describe('the parents step', () => {
  let runs: ReturnType<typeof tiersRuns>;
  beforeAll(() => {
    runs = tiersRuns();
  });
  const origin = (name: keyof typeof runs) =>
    measureRun('tiers', runs[name], 1, 0).peak!.originArrivalsPerSecond;

  it('without parents the origin’s load grows with the data centres; with a parent per region it stays', () => {
    const few = origin('tiersFew');
    const many = origin('tiersMany');
    const parents = origin('tiersParents');
    // Cold misses are fetched once per data centre without parents: more data centres, more
    // fetches (5 data centres instead of 3; not quite 5/3, as the popular objects are fetched
    // early, before the window, in every data centre alike).
    expect(many).toBeGreaterThan(1.2 * few);
    // With one parent per region the origin sees about what 3 data centres, one per region, sent.
    expect(parents / few).toBeGreaterThan(0.8);
    expect(parents / few).toBeLessThan(1.2);
    expect(parents).toBeLessThan(0.85 * many);
    expect(PARENT_COUNT).toBe(3);
  });

  it('walks the step: three runs, the first with the extra data centres closed, judged on what they measured', async () => {
    const sim = new FakeSim();
    const driver = new LabDriver(lab, sim);
    driver.open('parents');
    driver.answer('parents-origin', 'same');
    await driver.settled();
    for (const name of ['tiersFew', 'tiersMany', 'tiersParents'] as const) {
      const observations = runs[name].map((stats) => ({
        type: 'sim.second',
        timeNs: (stats.second + 1) * SECOND,
        stats,
      }));
      driver.observe(frameAt(S.TIERS_END_S * SECOND, observations));
      await driver.settled();
    }
    const resets = sim.calls.filter((c) => c.startsWith('reset {'));
    expect(resets).toHaveLength(3);
    expect(resets[0]).toContain('"tiers":"none"');
    expect(resets[2]).toContain('"tiers":"regional"');
    const commands = sim.calls.filter((c) => c.startsWith('command '));
    expect(commands).toHaveLength(EXTRA_DATA_CENTRES.length);
    for (const c of commands) expect(c).toContain('"dataCentre.setUp"');
    expect(driver.verdictOf('parents-origin')?.status).toBe('correct');
    const labels = driver.findings().map((f) => f.label);
    expect(labels).toContain('5 with 3 parents: reaching the origin');
  });
});

describe('the capacity step', () => {
  it('offers only crowds the model accepts, at both ends of each control', () => {
    for (const peakRps of [S.TRY_CROWD.min, S.TRY_CROWD.max])
      for (const spread of [S.TRY_SPREAD.min, S.TRY_SPREAD.max])
        expect(() => run(S.tryCrowd(peakRps, spread), 1, 'crowd')).not.toThrow();
  });

  it('judges arithmetic as arithmetic, and runs the student’s own crowd beside the judged run', async () => {
    const sim = new FakeSim();
    const driver = new LabDriver(lab, sim);
    driver.open('capacity');
    driver.answer('capacity-servers', 5);
    await driver.settled();
    // The answer is worked out from the prompt's numbers, before any run: not "measured".
    expect(driver.verdictOf('capacity-servers')).toMatchObject({
      status: 'correct',
      feedback: expect.stringMatching(/^The answer is 5 servers\./),
    });
    const resets = () => sim.calls.filter((c) => c.startsWith('reset {'));
    const before = resets().length;
    // A change while the judged run plays is kept for later, not run instead of it.
    driver.setControl('crowdPeak', 12_000);
    await driver.settled();
    expect(resets()).toHaveLength(before);
    driver.observe(frameAt(CAPACITY_END_S * SECOND));
    await driver.settled();
    driver.setControl('spreadThreshold', 0.5);
    await driver.settled();
    expect(resets()).toHaveLength(before + 1);
    expect(resets().at(-1)).toContain(`"peakFactor":${12_000 / S.CROWD.baselineRps}`);
    expect(resets().at(-1)).toContain('"spreadThreshold":0.5');
    expect(driver.findings().map((f) => f.value)).toContain(
      'your crowd of 12,000 requests/s, to 45 s',
    );
    expect(driver.verdictOf('capacity-servers')?.status).toBe('correct');
  });
});
