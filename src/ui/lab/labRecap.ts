/**
 * The end of a lab, as data: each question with the student's answer, what the simulation
 * measured (or the arithmetic answer) and the verdict, in the order the lab asks them; and a
 * count of the right ones. Pure: the recap component passes what the LabRun knows. A value
 * measured before the page was (re)opened, saved with the answer, still judges it, and says so.
 */
import type { Verdict } from '@lab/questions';
import type { AnswerValue, LabDefinition } from '@lab/types';
import { answerText } from '../export/labReport';

export type RecapStatus = Verdict['status'] | 'unanswered';

/** A verdict, and whether what judged it was measured in an earlier run (before a reload). */
export type RecapVerdict = Verdict & { earlier?: boolean };

export interface RecapRow {
  questionId: string;
  stepTitle: string;
  prompt: string;
  answer: string;
  /** the measured (or worked-out) value, or – when there is none (the verdict says why) */
  measured: string;
  /** the measured value is from an earlier run of the lab (saved with the answer) */
  earlier: boolean;
  status: RecapStatus;
}

/** Said after a measured value saved from an earlier run. */
export const EARLIER_RUN = 'measured in an earlier run';

export const RECAP_VERDICT: Record<RecapStatus, string> = {
  correct: 'Right',
  incorrect: 'Not quite',
  unmeasured: 'Not measured in this run',
  unanswered: 'Not answered',
};

export function recapRows(
  lab: LabDefinition,
  answers: Readonly<Record<string, AnswerValue>>,
  verdictOf: (questionId: string) => RecapVerdict | null,
): RecapRow[] {
  return lab.steps.flatMap((s) => {
    const q = s.question;
    if (!q) return [];
    const given = answers[q.id];
    const verdict = given === undefined ? null : verdictOf(q.id);
    return [
      {
        questionId: q.id,
        stepTitle: s.title,
        prompt: q.prompt,
        answer: answerText(q, given),
        measured: verdict?.expected ?? '–',
        earlier: verdict?.expected !== undefined && verdict.earlier === true,
        status: given === undefined ? 'unanswered' : (verdict?.status ?? 'unmeasured'),
      },
    ];
  });
}

/** "3 of 5 predictions right", counting only what was measured. */
export function recapSummary(rows: readonly RecapRow[]): string {
  const right = rows.filter((r) => r.status === 'correct').length;
  const judged = rows.filter((r) => r.status === 'correct' || r.status === 'incorrect').length;
  const open = rows.length - judged;
  return `${right} of ${judged} judged answers right${open > 0 ? `; ${open} not judged (not answered, or not measured since the lab was reopened)` : ''}.`;
}
