import { describe, expect, it } from 'vitest';
import { HOUR } from '@sim/time';
import { config, ship } from './helpers';

describe('phase gating and rollback', () => {
  it('ships a clean release phase by phase, one soak apart, and leaves every server on it', () => {
    const { outcome, seen, sim } = ship('none');
    expect(outcome.aborted).toBe(false);
    expect(outcome.phaseReached).toBe(4);
    const phases = seen.filter((o) => o.type === 'sim.rolloutPhase');
    expect(phases.map((o) => o.label)).toEqual(['1', 'dc', '10%', 'world']);
    expect(phases.map((o) => o.timeNs)).toEqual([0, HOUR, 2 * HOUR, 3 * HOUR]);
    expect(phases.map((o) => o.servers)).toEqual([1, expect.any(Number), 30, 300]);
    expect(outcome.durationNs).toBe(3 * HOUR + 24 * HOUR);
    // every check passed: 12 per soak, 288 over the day's watch
    const checks = seen.filter((o) => o.type === 'sim.rolloutCheck');
    expect(checks.every((c) => c.passed)).toBe(true);
    expect(checks).toHaveLength(3 * 12 + 288);
    expect(sim.fleet.version.every((v) => v === outcome.version)).toBe(true);
    expect(outcome.errorMinutes).toBe(0);
    expect(outcome.serversAffected).toBe(0);
  });

  it('stops a bug every server meets at once on the single machine, and rolls it back', () => {
    const { outcome, seen, sim } = ship('always:crash:rate=20');
    expect(outcome.aborted).toBe(true);
    expect(outcome.phaseReached).toBe(1);
    expect(['crashLoop', 'errors']).toContain(outcome.reason);
    expect(outcome.serversAffected).toBe(1);
    expect(seen.filter((o) => o.type === 'sim.rolloutPhase')).toHaveLength(1);
    expect(sim.fleet.version.every((v) => v === 1)).toBe(true);
    expect(sim.baseVersion).toBe(1);
    // the mapping took the one server out within seconds: under a minute of its traffic failed
    expect(outcome.errorMinutes).toBeGreaterThan(0);
    expect(outcome.errorMinutes).toBeLessThan(1);
  });

  it('lets a bug that needs half the network through every phase before the world', () => {
    const { outcome, sim } = ship('scale:crash:at=0.5');
    expect(outcome.aborted).toBe(true);
    expect(outcome.phaseLabel).toBe('world');
    expect(outcome.serversAffected).toBeGreaterThan(1);
    expect(sim.fleet.version.every((v) => v === 1)).toBe(true);
  });

  it('catches a slow leak in phase one only when the soak outlasts it', () => {
    const short = ship('always:leak:hours=3');
    expect(short.outcome.aborted).toBe(true);
    expect(short.outcome.phaseReached).toBeGreaterThan(1);
    const long = ship('always:leak:hours=3', config('1,dc,10%,world', { soakNs: 4 * HOUR }));
    expect(long.outcome.aborted).toBe(true);
    expect(long.outcome.phaseReached).toBe(1);
    expect(long.outcome.reason).toBe('slow');
  });

  it('rolls back by hand in the middle of a phase', () => {
    const { sim } = ship('none', config('1,dc,10%,world', { worldWatchNs: HOUR }));
    sim.startRelease([], 1);
    sim.engine.runUntil(sim.engine.now + HOUR + HOUR / 2);
    expect(sim.controller.phase).toBe(2);
    const v = sim.fleet.version;
    expect(v.some((x) => x === 3)).toBe(true);
    sim.controller.abort();
    const o = sim.controller.outcome!;
    expect(o).toMatchObject({ aborted: true, reason: 'manual', phaseReached: 2, version: 3 });
    expect(v.every((x) => x === 2)).toBe(true);
  });

  it('without automatic abort, the bad release goes out to everyone', () => {
    const quick = { autoAbort: false, soakNs: HOUR / 4, worldWatchNs: HOUR / 4 };
    const { outcome } = ship('always:crash:rate=20', config('1,dc,10%,world', quick));
    expect(outcome.aborted).toBe(false);
    // at 20 crashes per server-hour, 1 − e^−5 of the servers crash in the last quarter hour alone
    expect(outcome.serversAffected).toBeGreaterThan(290);
  });
});
