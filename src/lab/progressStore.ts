/**
 * A student's progress in a lab, saved in the browser (localStorage) under the lab's id: the
 * step reached, the answers given and, for each answer, the value the simulation measured that
 * judged it (so the recap can still compare the two after a reload). Not the machine's snapshot: the simulation itself is not
 * saved, so a restored lab starts its step afresh (see machineStartingAt), and a saved step id
 * survives changes to a machine's inner states that a persisted snapshot would not.
 * Saved data that cannot be read or no longer fits the lab is dropped with a message; a saved
 * measurement that cannot be read or no longer fits its question is left out on its own (progress
 * saved before measurements were kept has none).
 */
import * as v from 'valibot';
import { findStep } from './steps';
import { progressKey, type ProgressStorage } from './progressKey';
import type { AnswerValue, LabDefinition, Question } from './types';

const FORMAT = 1;

export interface Progress {
  stepId: string;
  /** by question id */
  answers: Record<string, AnswerValue>;
  /**
   * by question id: the expected value the simulation measured for that question (the right
   * choice's id, or the number), as it was when it last judged the answer; absent until measured
   */
  measured?: Record<string, MeasuredValue>;
}

/** A measured expected value: a choice question's right choice id, or a number question's number. */
export type MeasuredValue = string | number;

export { progressKey, type ProgressStorage };

const valueSchema = v.union([v.string(), v.pipe(v.number(), v.finite())]);

const savedSchema = v.object({
  format: v.literal(FORMAT),
  stepId: v.string(),
  answers: v.record(v.string(), valueSchema),
  // Read on its own (measuredSchema): a bad one is left out, the answers still load.
  measured: v.optional(v.unknown()),
});

const measuredSchema = v.record(v.string(), valueSchema);

export interface LoadedProgress {
  progress: Progress | null;
  /** why saved progress was dropped, for the student; '' when there was none or it was fine */
  problem: string;
}

export function loadProgress(storage: ProgressStorage, lab: LabDefinition): LoadedProgress {
  let raw: string | null;
  try {
    raw = storage.getItem(progressKey(lab.id));
  } catch {
    return { progress: null, problem: 'This browser does not let the lab read saved progress.' };
  }
  if (raw === null) return { progress: null, problem: '' };
  const dropped = (why: string): LoadedProgress => {
    clearProgress(storage, lab.id);
    return {
      progress: null,
      problem: `Your saved progress in “${lab.title}” ${why}, so the lab starts from the beginning.`,
    };
  };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return dropped('could not be read');
  }
  const parsed = v.safeParse(savedSchema, data);
  if (!parsed.success) return dropped('could not be read');
  const { stepId, answers } = parsed.output;
  if (!findStep(lab, stepId) || !answersFit(lab, answers))
    return dropped('is from an earlier version of this lab');
  const measured = measurementsThatFit(lab, parsed.output.measured);
  return {
    progress:
      Object.keys(measured).length > 0 ? { stepId, answers, measured } : { stepId, answers },
    problem: '',
  };
}

/** Saves progress; returns false when the browser refuses (storage full or disabled). */
export function saveProgress(storage: ProgressStorage, labId: string, progress: Progress): boolean {
  try {
    storage.setItem(progressKey(labId), JSON.stringify({ format: FORMAT, ...progress }));
    return true;
  } catch {
    return false;
  }
}

export function clearProgress(storage: ProgressStorage, labId: string): void {
  try {
    storage.removeItem(progressKey(labId));
  } catch {
    // Nothing was saved where nothing can be removed.
  }
}

const questionOf = (lab: LabDefinition, id: string): Question | undefined =>
  lab.steps.find((s) => s.question?.id === id)?.question;

/** Every saved answer belongs to a question the lab still asks, and has that question's kind. */
function answersFit(lab: LabDefinition, answers: Record<string, AnswerValue>): boolean {
  return Object.entries(answers).every(([id, answer]) => {
    const q = questionOf(lab, id);
    if (!q) return false;
    return q.kind === 'choice'
      ? q.choices.some((c) => c.id === answer)
      : typeof answer === 'number';
  });
}

/**
 * The saved measurements that can still judge an answer: each of a question the lab still asks,
 * of that question's kind (a choice id, which may name no listed choice when the simulation saw
 * something none of them describes, or a number). The rest, or all of a value that is not a
 * record of them, is left out.
 */
function measurementsThatFit(lab: LabDefinition, saved: unknown): Record<string, MeasuredValue> {
  if (saved === undefined) return {};
  const parsed = v.safeParse(measuredSchema, saved);
  if (!parsed.success) return {};
  const out: Record<string, MeasuredValue> = {};
  for (const [id, value] of Object.entries(parsed.output)) {
    const q = questionOf(lab, id);
    if (q && (q.kind === 'choice' ? typeof value === 'string' : typeof value === 'number'))
      out[id] = value;
  }
  return out;
}
