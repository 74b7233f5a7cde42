import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { CLASS_VOTE, LabDriver } from '@lab/LabDriver';
import type { LabDefinition, LabStep } from '@lab/types';
import { progressKey } from '@lab/progressStore';
import { simActions } from '@lab/simActions';
import { MS, SECOND } from '@sim/time';
import { fixtureLab } from './fixtures/fixtureLab';
import { FakeSim, frameAt, MemoryStorage } from './fakeSim';

const answered = (timeNs: number, latencyNs: number) => ({
  type: 'sim.queryAnswered',
  timeNs,
  latencyNs,
});

function openLab(storage = new MemoryStorage(), linked: string | null = null) {
  const sim = new FakeSim();
  const driver = new LabDriver(fixtureLab(), sim, { storage });
  driver.open(linked);
  return { sim, driver, storage };
}

describe('LabDriver', () => {
  it('builds the simulation, then runs a step’s actions on it in order', async () => {
    const { sim, driver } = openLab();
    expect(driver.stepId).toBe('intro');
    expect(driver.canNext).toBe(true);
    driver.next();
    expect(driver.stepId).toBe('experiment');
    // The question must be answered before the experiment runs or Next opens.
    expect(driver.canNext).toBe(false);
    driver.answer('latency', 40);
    await driver.settled();
    expect(sim.calls).toEqual(['reset', 'reset', `play@${SECOND}`]);
    expect(driver.snapshot?.matches({ experiment: 'running' })).toBe(true);
  });

  it('shows the step and takes an answer at once, building the run only once simReady resolves', async () => {
    const sim = new FakeSim();
    let paint = () => {};
    const painted = new Promise<void>((resolve) => (paint = resolve));
    const driver = new LabDriver(fixtureLab(), sim, { simReady: painted });
    driver.open(null);
    driver.next();
    expect(driver.step?.id).toBe('experiment');
    driver.answer('latency', 40);
    expect(driver.answers).toEqual({ latency: 40 });
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sim.calls).toEqual([]);
    paint();
    await driver.settled();
    expect(sim.calls).toEqual(['reset', 'reset', `play@${SECOND}`]);
  });

  it('turns observations into events, judges the prediction by them, and opens Next', async () => {
    const { sim, driver } = openLab();
    driver.next();
    driver.answer('latency', 40);
    expect(driver.verdictOf('latency')?.status).toBe('unmeasured');
    driver.observe(frameAt(20 * MS, [answered(12 * MS, 38 * MS)]));
    expect(driver.snapshot?.matches({ experiment: 'measured' })).toBe(true);
    expect(driver.measurements().context).toEqual({ latencyMs: 38 });
    expect(driver.verdictOf('latency')).toMatchObject({ status: 'correct', expected: '38 ms' });
    expect(driver.canNext).toBe(true);
    driver.next();
    expect(driver.finished).toBe(true);
    expect(driver.canNext).toBe(false);
    await driver.settled();
    expect(sim.calls.at(-1)).toBe('pause');
  });

  it('hears the first frames of a new run after sim.started, even if they come during its reset', async () => {
    const sim = new FakeSim();
    const driver = new LabDriver(fixtureLab(), sim, { storage: new MemoryStorage() });
    // The page's session hands over the new run's time-0 frame before its reset resolves.
    const reset = sim.reset.bind(sim);
    sim.reset = async (options) => {
      await reset(options);
      if (sim.resets === 2) driver.observe(frameAt(0, [answered(0, 38 * MS)]));
    };
    driver.open(null);
    driver.next();
    driver.answer('latency', 40);
    await driver.settled();
    expect(driver.snapshot?.matches({ experiment: 'measured' })).toBe(true);
    expect(driver.measurements().context).toEqual({ latencyMs: 38 });
    // Heard as part of the new run, not wiped with the old run's record.
    expect(driver.measurements().observations).toHaveLength(1);
  });

  it('times out on simulated time carried by frames', () => {
    const { driver } = openLab();
    driver.next();
    driver.observe(frameAt(1 * SECOND));
    driver.answer('latency', 40); // running from t = 1 s: the timeout is due at 3 s
    driver.observe(frameAt(3 * SECOND - 1));
    expect(driver.snapshot?.matches({ experiment: 'running' })).toBe(true);
    driver.observe(frameAt(3 * SECOND));
    expect(driver.snapshot?.matches({ experiment: 'timedOut' })).toBe(true);
  });

  it('hears each frame once, and timers due before an observation fire first', () => {
    const { driver } = openLab();
    driver.next();
    driver.answer('latency', 40);
    const late = frameAt(5 * SECOND, [answered(4 * SECOND, 30 * MS)]);
    driver.observe(late);
    driver.observe(late);
    expect(driver.snapshot?.matches({ experiment: 'timedOut' })).toBe(true);
    expect(driver.measurements().observations).toHaveLength(1);
  });

  it('sends observations without the sim. prefix under it, and skips records that are not observations', () => {
    const heard: string[] = [];
    const machine = setup({ actions: simActions }).createMachine({
      initial: 'only',
      states: { only: { on: { '*': { actions: ({ event }) => heard.push(event.type) } } } },
    });
    const lab = {
      ...fixtureLab(),
      machine,
      steps: [{ id: 'only', title: 'Only', prose: '<p>x</p>' }],
    };
    const driver = new LabDriver(lab, new FakeSim());
    driver.open(null);
    const records = [{ type: 'cacheMiss', timeNs: 1 }, { type: 'noTime' }, null, 'text'];
    driver.observe(frameAt(2, records as never));
    expect(heard).toEqual(['sim.cacheMiss', 'sim.tick']);
  });

  it('saves the step and answers, and restores them on return', async () => {
    const { driver, storage } = openLab();
    driver.next();
    driver.answer('latency', 40);
    driver.stop();
    const { driver: again, sim } = openLab(storage);
    expect(again.stepId).toBe('experiment');
    // Reopened at the step: the run is built, the step's own entry actions run, and the
    // machine hears the saved answer again, so the experiment goes on.
    await again.settled();
    expect(sim.calls).toEqual(['reset', 'reset', `play@${SECOND}`]);
    expect(again.snapshot?.matches({ experiment: 'running' })).toBe(true);
    expect(again.answers).toEqual({ latency: 40 });
    expect(again.notices).toEqual([]);
  });

  it('saves the measurement that judged an answer, for the recap after a reload', () => {
    const { driver, storage } = openLab();
    driver.next();
    driver.answer('latency', 40);
    driver.observe(frameAt(20 * MS, [answered(12 * MS, 38 * MS)]));
    expect(driver.recapVerdictOf('latency')).toMatchObject({
      status: 'correct',
      expected: '38 ms',
      earlier: false,
    });
    driver.next();
    expect(JSON.parse(storage.getItem(progressKey('fixture'))!)).toMatchObject({
      stepId: 'done',
      answers: { latency: 40 },
      measured: { latency: 38 },
    });
    driver.stop();

    // Reloaded at the last step: this run has measured nothing, the saved value still judges.
    const { driver: again } = openLab(storage);
    expect(again.stepId).toBe('done');
    expect(again.verdictOf('latency')?.status).toBe('unmeasured');
    expect(again.recapVerdictOf('latency')).toMatchObject({
      status: 'correct',
      expected: '38 ms',
      earlier: true,
    });
    // The step opened afresh in this run and measured again: that value judges, from this run.
    again.back();
    again.observe(frameAt(20 * MS, [answered(12 * MS, 80 * MS)]));
    expect(again.recapVerdictOf('latency')).toMatchObject({
      status: 'incorrect',
      expected: '80 ms',
      earlier: false,
    });
    expect(JSON.parse(storage.getItem(progressKey('fixture'))!).measured).toEqual({ latency: 80 });
    // Starting again forgets the measurements with the answers.
    again.restart();
    expect(JSON.parse(storage.getItem(progressKey('fixture'))!).measured).toBeUndefined();
  });

  it('opens the step a link names, and says so when the lab has no such step', () => {
    const storage = new MemoryStorage();
    expect(openLab(storage, 'done').driver.stepId).toBe('done');
    const bad = openLab(storage, 'nowhere').driver;
    expect(bad.stepId).toBe('done'); // where the student was
    expect(bad.notices.join(' ')).toMatch(/no step “nowhere”; opening where you were/);
    const fresh = openLab(new MemoryStorage(), 'nowhere').driver;
    expect(fresh.stepId).toBe('intro');
    expect(fresh.notices.join(' ')).toMatch(/no step “nowhere”; opening its first step/);
  });

  it('starts afresh with a message when the saved progress is corrupt', () => {
    const storage = new MemoryStorage();
    storage.setItem(progressKey('fixture'), '{"format":1,"stepId":');
    const { driver } = openLab(storage);
    expect(driver.stepId).toBe('intro');
    expect(driver.notices.join(' ')).toMatch(/could not be read.*starts from the beginning/);
  });

  it('goes back a step, and restarts the lab from nothing', async () => {
    const { sim, driver, storage } = openLab();
    driver.next();
    driver.answer('latency', 40);
    driver.back();
    expect(driver.stepId).toBe('intro');
    driver.restart();
    expect(driver.answers).toEqual({});
    expect(JSON.parse(storage.getItem(progressKey('fixture'))!)).toMatchObject({
      stepId: 'intro',
      answers: {},
    });
    await driver.settled();
    expect(sim.resets).toBe(3);
  });

  it('tells the page each time a step opens: Next, Back, a link, and the same step again', () => {
    const opened: string[] = [];
    const driver = new LabDriver(fixtureLab(), new FakeSim(), {
      storage: new MemoryStorage(),
      onStep: (id) => opened.push(id),
    });
    driver.open(null);
    expect(opened).toEqual(['intro']);
    driver.next();
    driver.answer('latency', 40);
    // An answer, a frame: the step stays, and nothing is told.
    driver.observe(frameAt(20 * MS, [answered(12 * MS, 38 * MS)]));
    expect(opened).toEqual(['intro', 'experiment']);
    driver.back();
    // The same step again (the reset key, a demo's step cue) is a step opened too, told once.
    driver.goTo('intro');
    driver.goTo('experiment');
    expect(opened).toEqual(['intro', 'experiment', 'intro', 'intro', 'experiment']);
  });

  it('reports a command the simulation refuses and carries on', async () => {
    const machine = setup({ actions: simActions }).createMachine({
      initial: 'only',
      states: {
        only: {
          entry: [
            { type: 'sendSimCommand', params: { command: { type: 'bad' } as never } },
            { type: 'failNode', params: { node: 3 } },
          ],
        },
      },
    });
    const sim = new FakeSim();
    const lab = { ...fixtureLab(), machine, steps: [{ id: 'only', title: 'O', prose: 'x' }] };
    const driver = new LabDriver(lab, sim);
    driver.open(null);
    await driver.settled();
    expect(driver.notices).toEqual(['The lab could not send bad: bad command: type']);
    expect(sim.calls).toEqual(['reset', 'command {"type":"node.setUp","node":3,"up":false}']);
  });

  it('drops the simulation actions still queued when the lab is left', async () => {
    const { sim, driver } = openLab();
    driver.next();
    driver.stop();
    await driver.settled();
    // Left before anything ran: neither the build nor the step's own resetSim happens.
    expect(sim.calls).toEqual([]);
  });

  describe('a question revealed to a class', () => {
    it('counts as answered: the machine hears it, the experiment runs and Next opens; nothing is judged or saved', async () => {
      const { sim, driver, storage } = openLab();
      driver.next();
      expect(driver.isAnswered('latency')).toBe(false);
      expect(driver.revealedAnswer('latency')).toBeNull();
      driver.reveal('latency');
      await driver.settled();
      expect(sim.calls).toEqual(['reset', 'reset', `play@${SECOND}`]);
      expect(driver.snapshot?.matches({ experiment: 'running' })).toBe(true);
      expect(driver.isAnswered('latency')).toBe(true);
      // Not a student's answer: no verdict, nothing saved under the question.
      expect(driver.answers).toEqual({});
      expect(driver.verdictOf('latency')).toBeNull();
      expect(JSON.parse(storage.getItem(progressKey('fixture'))!).answers).toEqual({});
      // The right answer waits for the measurement, then is the one the judge names.
      expect(driver.revealedAnswer('latency')).toEqual({
        explanation: 'The query crosses the network twice.',
      });
      expect(driver.canNext).toBe(false);
      driver.observe(frameAt(20 * MS, [answered(12 * MS, 38 * MS)]));
      expect(driver.revealedAnswer('latency')).toMatchObject({ expected: '38 ms' });
      expect(driver.canNext).toBe(true);
    });

    it('sends user.answered with the class vote and no correctness, and again on coming back or on', () => {
      const heard: unknown[] = [];
      const machine = setup({ actions: simActions }).createMachine({
        initial: 'asking',
        states: {
          asking: {
            on: {
              'user.answered': { actions: ({ event }) => heard.push(event) },
              'user.next': 'after',
            },
          },
          after: { on: { 'user.next': 'asking' } },
        },
      });
      const steps: LabStep[] = [
        { ...fixtureLab().steps[1], id: 'asking' },
        { id: 'after', title: 'After', prose: '<p>x</p>' },
      ];
      const driver = new LabDriver({ ...fixtureLab(), machine, steps }, new FakeSim());
      driver.open(null);
      driver.reveal('latency');
      const vote = { type: 'user.answered', questionId: 'latency', answer: CLASS_VOTE };
      expect(heard).toEqual([{ ...vote, correct: undefined }]);
      // Revealing twice, or a question not on this step, says nothing more.
      driver.reveal('latency');
      driver.reveal('nothing');
      expect(heard).toHaveLength(1);
      // Back to it, or on to it again: the machine hears the reveal again, without a new vote.
      driver.next();
      driver.back();
      expect(driver.stepId).toBe('asking');
      expect(heard).toHaveLength(2);
      driver.next();
      driver.next();
      expect(driver.stepId).toBe('asking');
      expect(heard).toHaveLength(3);
      driver.restart();
      expect(driver.isAnswered('latency')).toBe(false);
    });

    it('leaves a student’s own answer as it is', () => {
      const { driver } = openLab();
      driver.next();
      driver.answer('latency', 40);
      driver.reveal('latency');
      expect(driver.revealedAnswer('latency')).toBeNull();
      expect(driver.answers).toEqual({ latency: 40 });
    });

    it('names the right choice of a choice question once measured', () => {
      const lab: LabDefinition = fixtureLab();
      const experiment = lab.steps[1];
      lab.steps[1] = {
        ...experiment,
        question: {
          id: 'latency',
          kind: 'choice',
          purpose: 'predict',
          prompt: 'Fast or slow?',
          choices: [
            { id: 'fast', label: 'Under 50 ms' },
            { id: 'slow', label: '50 ms or more' },
          ],
          correct: ({ context }) =>
            context.latencyMs === undefined
              ? undefined
              : (context.latencyMs as number) < 50
                ? 'fast'
                : 'slow',
          explanation: 'Twice across the network.',
        },
      };
      const driver = new LabDriver(lab, new FakeSim());
      driver.open('experiment');
      driver.reveal('latency');
      expect(driver.revealedAnswer('latency')).toEqual({
        explanation: 'Twice across the network.',
      });
      driver.observe(frameAt(90 * MS, [answered(12 * MS, 78 * MS)]));
      expect(driver.revealedAnswer('latency')).toEqual({
        expected: '50 ms or more',
        choiceId: 'slow',
        explanation: 'Twice across the network.',
      });
    });
  });
});
