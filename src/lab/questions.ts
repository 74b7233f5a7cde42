/**
 * Checking a student's answer. An expected value may come from what the simulation measured,
 * so a prediction made before the run is judged once the run has produced the measurement;
 * until then the verdict is "waiting for the measurement", not right or wrong.
 */
import type { AnswerValue, Expected, Measurements, NumberQuestion, Question } from './types';

export interface Verdict {
  status: 'correct' | 'incorrect' | 'unmeasured';
  /** what to tell the student: the chosen option's feedback and the explanation */
  feedback: string;
  /** the expected value as the student should read it, once known ("38.2 ms", "the resolver") */
  expected?: string;
}

/**
 * What a verdict says while the answer waits for its measurement. Answering is what starts the
 * step's experiment (the lab's machine runs it on `user.answered`), so it is under way by the
 * time this shows: nothing is left for the student to start.
 */
export const AWAITING_MEASUREMENT =
  'The experiment is running now: the verdict comes here once it has measured the answer.';

function resolve<T>(expected: Expected<T>, m: Measurements): T | undefined {
  return typeof expected === 'function'
    ? (expected as (m: Measurements) => T | undefined)(m)
    : expected;
}

/** Reads a typed number ("38.5", " 38,5 ", "-2e3"); null if it is not one. */
export function parseNumberAnswer(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** How far from `expected` an answer may be and still count. */
export function allowedError(q: NumberQuestion, expected: number): number {
  return 'absolute' in q.tolerance
    ? q.tolerance.absolute
    : q.tolerance.relative * Math.abs(expected);
}

function formatNumber(n: number, unit?: string): string {
  const s = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
  return unit ? `${s} ${unit}` : s;
}

/** Nothing measured yet: no context, no observations, no frame. */
const NOTHING_MEASURED: Measurements = { context: {}, observations: [], frame: null };

/**
 * The value an answer is judged against, as the measurements give it now: the right choice's id,
 * or the expected number; undefined until measured. (What is saved with the answer.)
 */
export function expectedValue(q: Question, m: Measurements): string | number | undefined {
  return q.kind === 'choice' ? resolve(q.correct, m) : resolve(q.expected, m);
}

/**
 * Judges an answer against an expected value measured before (see expectedValue), as
 * checkAnswer would have judged it then. A value of the wrong kind judges nothing (unmeasured).
 */
export function checkAnswerAgainst(
  q: Question,
  answer: AnswerValue,
  value: string | number,
): Verdict {
  // Kept a function where the lab's is one, so the feedback still says it was measured.
  const fixed = <T>(x: T | undefined, was: unknown): Expected<T> =>
    typeof was === 'function' ? () => x : (x as T);
  const judged: Question =
    q.kind === 'choice'
      ? { ...q, correct: fixed(typeof value === 'string' ? value : undefined, q.correct) }
      : { ...q, expected: fixed(typeof value === 'number' ? value : undefined, q.expected) };
  return checkAnswer(judged, answer, NOTHING_MEASURED);
}

export function checkAnswer(q: Question, answer: AnswerValue, m: Measurements): Verdict {
  if (q.kind === 'choice') {
    const picked = q.choices.find((c) => c.id === answer);
    if (!picked) return { status: 'incorrect', feedback: 'Pick one of the options.' };
    const correct = resolve(q.correct, m);
    const said = picked.feedback ? `${picked.feedback} ` : '';
    if (correct === undefined)
      return {
        status: 'unmeasured',
        feedback: `${said}${AWAITING_MEASUREMENT}`,
      };
    const label = q.choices.find((c) => c.id === correct)?.label ?? correct;
    return {
      status: picked.id === correct ? 'correct' : 'incorrect',
      feedback: `${said}${q.explanation}`,
      expected: label,
    };
  }
  const value = typeof answer === 'number' ? answer : parseNumberAnswer(answer);
  if (value === null) return { status: 'incorrect', feedback: 'Type a number.' };
  const expected = resolve(q.expected, m);
  if (expected === undefined)
    return {
      status: 'unmeasured',
      feedback: AWAITING_MEASUREMENT,
    };
  const close = Math.abs(value - expected) <= allowedError(q, expected);
  const shown = formatNumber(expected, q.unit);
  // The page already heads the verdict "Right." or "Not quite.": the feedback does not repeat it.
  const source = typeof q.expected === 'function' ? 'The simulation measured' : 'The answer is';
  return {
    status: close ? 'correct' : 'incorrect',
    feedback: `${source} ${shown}. ${q.explanation}`,
    expected: shown,
  };
}
