/**
 * A lecturer's remote in a hall (LabRun.forward / backward): on a question, PageDown shows the
 * choices for the class's vote, then reveals the question (the experiment runs), then goes on
 * once Next opens; PageUp puts a vote away before it goes back. And a verdict's word said once.
 */
import { describe, expect, it } from 'vitest';
import { LabDriver } from '@lab/LabDriver';
import { MS } from '@sim/time';
import { LabRun } from '../../src/ui/lab/LabRun.svelte';
import { verdictText } from '../../src/ui/lab/verdictText';
import { fixtureLab } from '../lab/fixtures/fixtureLab';
import { FakeSim, frameAt } from '../lab/fakeSim';

function openRun() {
  const driver = new LabDriver(fixtureLab(), new FakeSim());
  driver.open(null);
  return new LabRun(driver);
}

const measuredLatency = (ms: number) =>
  frameAt(20 * MS, [{ type: 'sim.queryAnswered', timeNs: 12 * MS, latencyNs: ms * MS }]);

describe('the remote in a hall', () => {
  it('votes, reveals, waits for the experiment, then goes on', () => {
    const run = openRun();
    expect(run.forward()).toEqual({ did: 'next' });
    expect(run.stepId).toBe('experiment');

    expect(run.forward()).toEqual({ did: 'vote' });
    expect(run.hallStage('latency')).toBe('voting');
    expect(run.isAnswered('latency')).toBe(false);
    expect(run.snapshot?.matches({ experiment: 'predicting' })).toBe(true);

    expect(run.forward()).toEqual({ did: 'reveal' });
    expect(run.hallStage('latency')).toBe('revealed');
    expect(run.snapshot?.matches({ experiment: 'running' })).toBe(true);
    expect(run.answers).toEqual({});

    // Next is held back until the experiment has measured: the remote says so, stays put.
    expect(run.forward()).toEqual({ did: 'held', why: 'experiment' });
    expect(run.stepId).toBe('experiment');
    run.driver.observe(measuredLatency(38));
    expect(run.revealedAnswer('latency')?.expected).toBe('38 ms');

    expect(run.forward()).toEqual({ did: 'next' });
    expect(run.finished).toBe(true);
    expect(run.forward()).toEqual({ did: 'held', why: 'finished' });
  });

  it('puts a vote away with PageUp before going back a step', () => {
    const run = openRun();
    run.forward();
    run.forward();
    expect(run.hallStage('latency')).toBe('voting');
    expect(run.backward()).toBe('unvote');
    expect(run.hallStage('latency')).toBeNull();
    expect(run.stepId).toBe('experiment');
    expect(run.backward()).toBe('back');
    expect(run.stepId).toBe('intro');
    expect(run.backward()).toBe('first');
  });

  it('goes straight on where a student has answered', () => {
    const run = openRun();
    run.forward();
    run.answer('latency', 40);
    run.driver.observe(measuredLatency(38));
    expect(run.hallStage('latency')).toBeNull();
    expect(run.forward()).toEqual({ did: 'next' });
  });
});

describe('a verdict as it reads', () => {
  it('says its word once when the feedback opens with it', () => {
    expect(
      verdictText({ status: 'correct', feedback: 'Right: the simulation measured 38 ms. Why.' }),
    ).toEqual({ heading: 'Right.', feedback: 'The simulation measured 38 ms. Why.' });
    expect(
      verdictText({ status: 'incorrect', feedback: 'Not quite: the answer is 4. Why.' }),
    ).toEqual({ heading: 'Not quite.', feedback: 'The answer is 4. Why.' });
  });

  it('keeps feedback that does not open with it as it is', () => {
    expect(verdictText({ status: 'correct', feedback: 'rightly so: four servers.' })).toEqual({
      heading: 'Right.',
      feedback: 'rightly so: four servers.',
    });
    expect(verdictText({ status: 'unmeasured', feedback: 'Run the experiment.' })).toEqual({
      heading: 'Answer saved.',
      feedback: 'Run the experiment.',
    });
  });
});
