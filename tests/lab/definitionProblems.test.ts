import { describe, expect, it } from 'vitest';
import { definitionProblems } from '@lab/definitionProblems';
import type { ChoiceQuestion, LabDefinition } from '@lab/types';
import { fixtureLab } from './fixtures/fixtureLab';

const choice: ChoiceQuestion = {
  id: 'who',
  kind: 'choice',
  purpose: 'predict',
  prompt: 'Who?',
  choices: [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ],
  correct: 'c',
  explanation: '…',
};

describe('a lab definition', () => {
  it('is sound when steps and states match and every step has prose', () => {
    expect(definitionProblems(fixtureLab())).toEqual([]);
  });

  it('names steps missing, extra, repeated or out of order, and steps without prose', () => {
    const good = fixtureLab();
    const [intro, experiment, done] = good.steps;
    const lab: LabDefinition = {
      ...good,
      steps: [experiment, intro, intro, { ...done, id: 'finale' }],
    };
    expect(definitionProblems(lab)).toEqual([
      'state “done” has no step (and so no prose)',
      'step “intro” is listed twice',
      'step “finale” is not a state of the machine',
      "the first step “experiment” is not the machine's initial state",
    ]);
    expect(definitionProblems({ ...good, steps: [] })).toEqual(['the lab has no steps']);
  });

  it('names questions asked twice or whose right answer is not a choice', () => {
    const good = fixtureLab();
    const [intro, experiment, done] = good.steps;
    const lab: LabDefinition = {
      ...good,
      steps: [
        { ...intro, question: choice },
        { ...experiment, question: { ...choice, correct: 'a' } },
        done,
      ],
    };
    expect(definitionProblems(lab)).toEqual([
      'question “who”: the right answer “c” is not a choice',
      'question “who” is asked twice',
    ]);
  });
});
