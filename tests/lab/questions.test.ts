import { describe, expect, it } from 'vitest';
import {
  AWAITING_MEASUREMENT,
  checkAnswer,
  checkAnswerAgainst,
  expectedValue,
  parseNumberAnswer,
} from '@lab/questions';
import type { ChoiceQuestion, Measurements, NumberQuestion } from '@lab/types';

const nothingMeasured: Measurements = { context: {}, observations: [], frame: null };
const measured = (latencyMs: number): Measurements => ({
  context: { latencyMs },
  observations: [{ type: 'sim.queryAnswered', timeNs: 1, latencyMs }],
  frame: null,
});

const choice: ChoiceQuestion = {
  id: 'who',
  kind: 'choice',
  purpose: 'predict',
  prompt: 'Who answers first?',
  choices: [
    { id: 'root', label: 'A root server', feedback: 'The root only refers.' },
    { id: 'resolver', label: 'The local resolver' },
  ],
  correct: 'resolver',
  explanation: 'A cached answer never leaves the resolver.',
};

const fixedNumber: NumberQuestion = {
  id: 'hops',
  kind: 'number',
  purpose: 'explain',
  prompt: 'How many servers does the resolver ask?',
  expected: 3,
  tolerance: { absolute: 0 },
  explanation: 'Root, TLD, authoritative.',
};

const measuredNumber: NumberQuestion = {
  id: 'latency',
  kind: 'number',
  purpose: 'predict',
  prompt: 'How long does the lookup take?',
  unit: 'ms',
  expected: ({ observations }) =>
    observations.find((o) => o.type === 'sim.queryAnswered')?.latencyMs as number | undefined,
  tolerance: { relative: 0.1 },
  explanation: 'Three round trips.',
};

describe('checking answers', () => {
  it('judges a multiple choice and says why, with the picked option’s own feedback', () => {
    expect(checkAnswer(choice, 'resolver', nothingMeasured)).toMatchObject({
      status: 'correct',
      expected: 'The local resolver',
    });
    const wrong = checkAnswer(choice, 'root', nothingMeasured);
    expect(wrong.status).toBe('incorrect');
    expect(wrong.feedback).toBe('The root only refers. A cached answer never leaves the resolver.');
    expect(checkAnswer(choice, 'nonsense', nothingMeasured).status).toBe('incorrect');
  });

  it('accepts a number within an absolute tolerance only', () => {
    expect(checkAnswer(fixedNumber, 3, nothingMeasured).status).toBe('correct');
    expect(checkAnswer(fixedNumber, '3', nothingMeasured).status).toBe('correct');
    expect(checkAnswer(fixedNumber, 4, nothingMeasured)).toMatchObject({
      status: 'incorrect',
      feedback: 'The answer is 3. Root, TLD, authoritative.',
    });
  });

  it('waits for the measurement before judging a prediction, then judges against it', () => {
    expect(checkAnswer(measuredNumber, 40, nothingMeasured).status).toBe('unmeasured');
    // Answering starts the experiment: the waiting verdict says it runs, not to run it.
    const waiting = checkAnswer(measuredNumber, 40, nothingMeasured).feedback;
    expect(waiting).toBe(AWAITING_MEASUREMENT);
    expect(waiting).not.toMatch(/^Run the experiment/);
    expect(checkAnswer(measuredNumber, 40, measured(38.2))).toMatchObject({
      status: 'correct',
      expected: '38.2 ms',
    });
    // 10 % of 38.2 is 3.82: 42.1 is just outside, 42.0 just inside.
    expect(checkAnswer(measuredNumber, 42.1, measured(38.2)).status).toBe('incorrect');
    expect(checkAnswer(measuredNumber, 42.0, measured(38.2)).status).toBe('correct');
    expect(checkAnswer(measuredNumber, 90, measured(38.2)).feedback).toMatch(
      /^The simulation measured 38.2 ms/,
    );
  });

  it('judges a choice whose right answer depends on what was measured', () => {
    const q: ChoiceQuestion = {
      ...choice,
      correct: ({ context }) =>
        context.latencyMs === undefined
          ? undefined
          : Number(context.latencyMs) < 1
            ? 'resolver'
            : 'root',
    };
    expect(checkAnswer(q, 'root', nothingMeasured).status).toBe('unmeasured');
    expect(checkAnswer(q, 'root', measured(50)).status).toBe('correct');
    expect(checkAnswer(q, 'root', measured(0.2)).status).toBe('incorrect');
  });

  it('judges an answer against a value measured before, as it was judged then', () => {
    const value = expectedValue(measuredNumber, measured(38.2));
    expect(value).toBe(38.2);
    expect(expectedValue(measuredNumber, nothingMeasured)).toBeUndefined();
    for (const answer of [40, 42.1, 90])
      expect(checkAnswerAgainst(measuredNumber, answer, 38.2)).toEqual(
        checkAnswer(measuredNumber, answer, measured(38.2)),
      );
    expect(expectedValue(choice, nothingMeasured)).toBe('resolver');
    expect(checkAnswerAgainst(choice, 'root', 'resolver')).toEqual(
      checkAnswer(choice, 'root', nothingMeasured),
    );
    // A value of the other kind judges nothing.
    expect(checkAnswerAgainst(measuredNumber, 40, 'fast').status).toBe('unmeasured');
    expect(checkAnswerAgainst(choice, 'root', 3).status).toBe('unmeasured');
  });

  it('reads typed numbers, with a decimal comma too, and refuses the rest', () => {
    expect(parseNumberAnswer(' 38,5 ')).toBe(38.5);
    expect(parseNumberAnswer('-2e3')).toBe(-2000);
    expect(parseNumberAnswer('')).toBeNull();
    expect(parseNumberAnswer('fast')).toBeNull();
    expect(parseNumberAnswer('Infinity')).toBeNull();
    expect(checkAnswer(fixedNumber, 'three', nothingMeasured).feedback).toBe('Type a number.');
  });
});
