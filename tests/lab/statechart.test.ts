import { describe, expect, it } from 'vitest';
import { activePaths, describeMachine } from '@lab/statechart';
import { fixtureMachine } from './fixtures/fixtureLab';

describe('the statechart description', () => {
  it('lists the steps, their inner states and transitions, delays in simulated ms', () => {
    const chart = describeMachine(fixtureMachine());
    expect(chart.map((s) => s.key)).toEqual(['intro', 'experiment', 'done']);
    const experiment = chart[1];
    expect(experiment.type).toBe('compound');
    expect(experiment.transitions).toEqual([
      { label: 'user.next', targets: ['done'], guarded: true },
    ]);
    const running = experiment.children.find((c) => c.key === 'running')!;
    expect(running.path).toBe('experiment.running');
    expect(running.transitions.map((t) => t.label)).toEqual(['sim.queryAnswered', 'after 2000 ms']);
    expect(experiment.children.find((c) => c.key === 'predicting')!.initial).toBe(true);
    expect(running.initial).toBe(false);
    expect(chart[2].type).toBe('final');
  });

  it('names every state a snapshot is in', () => {
    expect([...activePaths('intro')]).toEqual(['intro']);
    expect([...activePaths({ experiment: 'running' })]).toEqual([
      'experiment',
      'experiment.running',
    ]);
  });
});
