import { describe, expect, it } from 'vitest';
import { checkLab, inspectLab } from './checkLab';
import { FIXTURE_EVENTS, fixtureLab } from './fixtures/fixtureLab';

describe('checkLab', () => {
  it('passes a lab whose every state is reached, has prose and can finish', () => {
    const result = checkLab(fixtureLab(), { events: FIXTURE_EVENTS });
    expect(result.problems).toEqual([]);
    expect(result.states).toBeGreaterThanOrEqual(6);
    // done with a measured latency (via measured) or without one (via timedOut)
    expect(result.pathsToEnd).toBe(2);
  });

  it('finds a state nothing leads to', () => {
    const { problems } = inspectLab(fixtureLab('unreachable'), { events: FIXTURE_EVENTS });
    expect(problems).toEqual(['state “orphan” is never reached']);
  });

  it('finds a state from which the lab can never finish', () => {
    const { problems } = inspectLab(fixtureLab('deadEnd'), { events: FIXTURE_EVENTS });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/"timedOut".*can never finish/);
  });

  it('finds a step without prose', () => {
    expect(() => checkLab(fixtureLab('noProse'), { events: FIXTURE_EVENTS })).toThrow(
      /step “experiment” has no prose/,
    );
  });

  it('finds a guard that never passes without sample data as a dead end', () => {
    // Without a latency in the sample, the measurement is never recorded: Next never opens.
    const { problems } = inspectLab(fixtureLab());
    expect(problems.join('\n')).toMatch(/"measured".*can never finish/);
  });

  it('turns Markdown prose into HTML at build time', () => {
    const intro = fixtureLab().steps[0].prose;
    expect(intro).toContain('<h1>A fixture lab</h1>');
    expect(intro).toContain('<strong>question</strong>');
  });
});
