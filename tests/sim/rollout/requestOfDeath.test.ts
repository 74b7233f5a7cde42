import { describe, expect, it } from 'vitest';
import { runRequestOfDeath } from '@sim/models/rollout/requestOfDeathDemo';
import { rolloutConfig } from '@sim/models/rollout/rolloutConfig';
import { config, layoutOf, ship } from './helpers';

describe('a request of death', () => {
  it('spreads through naive failover, and stays inside the customer’s set with quarantine', () => {
    const layout = layoutOf();
    const naive = runRequestOfDeath(layout, rolloutConfig(), { seed: 1, quarantine: false });
    const contained = runRequestOfDeath(layout, rolloutConfig(), { seed: 1, quarantine: true });
    expect(contained.serversAffected).toBe(4);
    expect(naive.serversAffected).toBeGreaterThan(10 * contained.serversAffected);
    // each of them crashed three times and was put to sleep: the mapping kept coming back
    expect(naive.longSleeps).toBe(naive.serversAffected);
    expect(contained.longSleeps).toBe(4);
    expect(naive.errorMinutes).toBeGreaterThan(contained.errorMinutes);
    const eight = runRequestOfDeath(layout, rolloutConfig({ quarantineSetSize: 8 }), {
      seed: 1,
      quarantine: true,
    });
    expect(eight.serversAffected).toBe(8);
  });

  it('in phase one it crashes only the one new server, which ends in a long sleep', () => {
    const { outcome } = ship('content:crash:rate=1000', config('1,world'));
    expect(outcome.phaseReached).toBe(1);
    expect(outcome.reason).toBe('crashLoop');
    expect(outcome.requestOfDeathServers).toBe(1);
    expect(outcome.longSleeps).toBe(1);
  });

  it('at world level, the automatic abort limits the spread; quarantine limits it more', () => {
    const off = ship('content:crash:rate=0.05', config('world', { quarantine: false }));
    const on = ship('content:crash:rate=0.05', config('world', { quarantine: true }));
    expect(off.outcome.aborted && on.outcome.aborted).toBe(true);
    expect(on.outcome.requestOfDeathServers).toBeLessThanOrEqual(4);
    expect(off.outcome.requestOfDeathServers).toBeGreaterThan(on.outcome.requestOfDeathServers);
  });
});
