/**
 * A student's progress in a lab, saved in the browser (localStorage) under the lab's id: the
 * step reached and the answers given. Not the machine's snapshot: the simulation itself is not
 * saved, so a restored lab starts its step afresh (see machineStartingAt), and a saved step id
 * survives changes to a machine's inner states that a persisted snapshot would not.
 * Saved data that cannot be read or no longer fits the lab is dropped with a message.
 */
import * as v from 'valibot';
import { findStep } from './steps';
import type { AnswerValue, LabDefinition } from './types';

const FORMAT = 1;
const KEY_PREFIX = 'edge-lab:progress:';

export interface Progress {
  stepId: string;
  /** by question id */
  answers: Record<string, AnswerValue>;
}

/** The part of `Storage` used here (tests pass a Map-backed stand-in). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const savedSchema = v.object({
  format: v.literal(FORMAT),
  stepId: v.string(),
  answers: v.record(v.string(), v.union([v.string(), v.pipe(v.number(), v.finite())])),
});

export interface LoadedProgress {
  progress: Progress | null;
  /** why saved progress was dropped, for the student; '' when there was none or it was fine */
  problem: string;
}

export function progressKey(labId: string): string {
  return KEY_PREFIX + labId;
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
  return { progress: { stepId, answers }, problem: '' };
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

/** Every saved answer belongs to a question the lab still asks, and has that question's kind. */
function answersFit(lab: LabDefinition, answers: Record<string, AnswerValue>): boolean {
  return Object.entries(answers).every(([id, answer]) => {
    const q = lab.steps.find((s) => s.question?.id === id)?.question;
    if (!q) return false;
    return q.kind === 'choice'
      ? q.choices.some((c) => c.id === answer)
      : typeof answer === 'number';
  });
}
