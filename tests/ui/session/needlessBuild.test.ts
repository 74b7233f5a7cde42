import { describe, expect, it } from 'vitest';
import { LabDriver } from '@lab/LabDriver';
import { fixtureLab } from '../../lab/fixtures/fixtureLab';
import { FakeSim, MemoryStorage } from '../../lab/fakeSim';

// The lab page opens with skipNeedlessBuild: a step whose entry resets the run is built once.
function openAt(step: string | null) {
  const sim = new FakeSim();
  const driver = new LabDriver(fixtureLab(), sim, {
    storage: new MemoryStorage(),
    skipNeedlessBuild: true,
  });
  driver.open(step);
  return { sim, driver };
}

describe('skipNeedlessBuild', () => {
  it('builds once when the opened step resets the run itself, and the step still starts', async () => {
    const { sim, driver } = openAt('experiment');
    driver.answer('latency', 40);
    await driver.settled();
    expect(sim.calls[0]).toBe('reset');
    expect(sim.resets).toBe(1);
    expect(driver.snapshot?.matches({ experiment: 'running' })).toBe(true);
  });

  it('keeps the build of a step that does not reset the run, and a restart builds once', async () => {
    const { sim, driver } = openAt(null);
    await driver.settled();
    expect(sim.resets).toBe(1);
    driver.next();
    await driver.settled();
    expect(sim.resets).toBe(2);
    driver.restart();
    await driver.settled();
    expect(sim.resets).toBe(3);
  });
});
