import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { ASLEEP, DOWN, Fleet, UP, type FleetEvent } from '@sim/models/rollout/Fleet';
import { rolloutConfig } from '@sim/models/rollout/rolloutConfig';
import { HOUR, MINUTE, SECOND } from '@sim/time';

function fleet(n = 10) {
  const engine = new Engine();
  const cfg = rolloutConfig();
  const f = new Fleet(engine, cfg, n);
  const events: FleetEvent[] = [];
  f.onEvent = (e) => events.push(e);
  return { engine, cfg, f, events };
}

describe('servers fail cleanly and restart', () => {
  it('a crashed server is taken out of the mapping after detection and restarts after a minute', () => {
    const { engine, f, events } = fleet();
    f.crash(3, 'crash');
    expect(f.status[3]).toBe(DOWN);
    expect(f.mappedOut[3]).toBe(0);
    engine.runUntil(10 * SECOND + 1);
    expect(f.mappedOut[3]).toBe(1);
    engine.runUntil(MINUTE + 1);
    expect(f.status[3]).toBe(UP);
    expect(f.mappedOut[3]).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['sim.serverCrashed', 'sim.serverRestarted']);
    // only the ten seconds before the mapping noticed failed, and only that server's users
    expect(f.errorMinutes()).toBeCloseTo(10 / 60, 9);
  });

  it('a server that crashes three times within half an hour sleeps for six hours', () => {
    const { engine, f, events } = fleet();
    for (let i = 0; i < 3; i++) {
      f.crash(0, 'crash');
      if (i < 2) engine.runUntil(engine.now + 2 * MINUTE);
    }
    expect(f.status[0]).toBe(ASLEEP);
    expect(events.filter((e) => e.type === 'sim.serverLongSleep')).toHaveLength(1);
    engine.runUntil(engine.now + 5 * HOUR);
    expect(f.status[0]).toBe(ASLEEP);
    engine.runUntil(engine.now + HOUR + 1);
    expect(f.status[0]).toBe(UP);
  });

  it('crashes spread out in time restart every time and never sleep', () => {
    const { engine, f } = fleet();
    for (let i = 0; i < 5; i++) {
      f.crash(0, 'crash');
      engine.runUntil(engine.now + 20 * MINUTE);
      expect(f.status[0]).toBe(UP);
    }
  });

  it('users notice nothing while redundancy lasts, then the overflow fails', () => {
    const two = fleet(9);
    // two of nine out: seven servers take nine servers' load, within 1.5 × each
    two.f.crash(0, 'crash');
    two.f.crash(1, 'crash');
    two.engine.runUntil(10 * SECOND);
    expect(two.f.errorMinutes()).toBeCloseTo((2 * 10) / 60, 9);
    two.engine.runUntil(50 * SECOND);
    expect(two.f.errorMinutes()).toBeCloseTo((2 * 10) / 60, 9);
    // four of nine out: five servers can carry 7.5 of the 9 units, 1.5 fail
    const four = fleet(9);
    for (const s of [0, 1, 2, 3]) four.f.crash(s, 'crash');
    four.engine.runUntil(10 * SECOND);
    const before = four.f.errorMinutes();
    four.engine.runUntil(40 * SECOND);
    expect(four.f.errorMinutes() - before).toBeCloseTo((1.5 * 30) / 60, 9);
  });
});
