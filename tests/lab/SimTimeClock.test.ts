import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor, setup } from 'xstate';
import { SimTimeClock } from '@lab/SimTimeClock';
import { MS, SECOND } from '@sim/time';

const waitTwoSeconds = setup({}).createMachine({
  initial: 'waiting',
  states: { waiting: { after: { 2000: 'late' } }, late: {} },
});

describe('SimTimeClock', () => {
  afterEach(() => vi.useRealTimers());

  it('fires an `after` delay when simulated time reaches it, not before', () => {
    const clock = new SimTimeClock();
    const actor = createActor(waitTwoSeconds, { clock }).start();
    clock.advanceTo(2 * SECOND - 1);
    expect(actor.getSnapshot().value).toBe('waiting');
    clock.advanceTo(2 * SECOND);
    expect(actor.getSnapshot().value).toBe('late');
  });

  it('does not fire on wall-clock time, however long the simulation is paused', () => {
    vi.useFakeTimers();
    const clock = new SimTimeClock();
    const actor = createActor(waitTwoSeconds, { clock }).start();
    vi.advanceTimersByTime(60_000);
    expect(actor.getSnapshot().value).toBe('waiting');
    clock.advanceTo(3 * SECOND);
    expect(actor.getSnapshot().value).toBe('late');
  });

  it('fires timers in due order, each at its own time, including ones set while firing', () => {
    const clock = new SimTimeClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.timeNs}`), 2);
    clock.setTimeout(() => {
      fired.push(`a@${clock.timeNs}`);
      clock.setTimeout(() => fired.push(`c@${clock.timeNs}`), 0.5);
    }, 1);
    const cancelled = clock.setTimeout(() => fired.push('never'), 1);
    clock.clearTimeout(cancelled);
    clock.advanceTo(10 * MS);
    expect(fired).toEqual([`a@${MS}`, `c@${1.5 * MS}`, `b@${2 * MS}`]);
    expect(clock.pending).toBe(0);
  });

  it('keeps the time a timer has left when the simulation restarts', () => {
    const clock = new SimTimeClock();
    clock.advanceTo(5 * SECOND);
    let fired = false;
    clock.setTimeout(() => (fired = true), 2000);
    clock.advanceTo(6 * SECOND);
    clock.advanceTo(0); // restarted: one second was left
    clock.advanceTo(SECOND - 1);
    expect(fired).toBe(false);
    clock.advanceTo(SECOND);
    expect(fired).toBe(true);
  });
});
