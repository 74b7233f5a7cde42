/**
 * What the home page says of a student's progress in a lab, read from the progress the lab
 * saves in the browser (src/lab/progressStore.ts) without loading the lab: the step reached
 * and how many questions are answered. Saved data that does not fit the lab's outline counts
 * as not started (the lab itself explains a dropped save when it opens). Pure but for the read.
 */
import { progressKey, type ProgressStorage } from '@lab/progressKey';
import type { LabOutline } from '../labsList';

export type LabProgress =
  | { state: 'new' }
  | {
      state: 'started' | 'finished';
      stepId: string;
      step: number;
      steps: number;
      answered: number;
    };

export function savedProgress(
  storage: Pick<ProgressStorage, 'getItem'> | null,
  labId: string,
  outline: LabOutline,
): LabProgress {
  let raw: string | null;
  try {
    raw = storage?.getItem(progressKey(labId)) ?? null;
  } catch {
    return { state: 'new' };
  }
  if (raw === null) return { state: 'new' };
  let saved: { stepId?: unknown; answers?: unknown };
  try {
    saved = JSON.parse(raw) as typeof saved;
  } catch {
    return { state: 'new' };
  }
  const i = outline.stepIds.indexOf(String(saved?.stepId));
  if (i < 0 || typeof saved.answers !== 'object' || saved.answers === null) return { state: 'new' };
  const steps = outline.stepIds.length;
  return {
    state: i === steps - 1 ? 'finished' : 'started',
    stepId: outline.stepIds[i],
    step: i + 1,
    steps,
    answered: Math.min(outline.questions, Object.keys(saved.answers).length),
  };
}

/** The lab to suggest: the first in the suggested order that is not finished (else the first). */
export function suggestedLab<T extends { id: string }>(
  labs: readonly T[],
  progressOf: (lab: T) => LabProgress,
): T | undefined {
  return labs.find((l) => progressOf(l).state !== 'finished') ?? labs[0];
}
