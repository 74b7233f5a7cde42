/**
 * How a verdict reads: a heading word ("Right.", "Not quite.", "Answer saved.") and the
 * feedback after it. A number question's feedback opens with its own "Right:" or "Not quite:"
 * (src/lab/questions.ts), which would read "Right. Right: …": that opening is dropped here.
 */
import type { Verdict } from '@lab/questions';

const HEADINGS: Record<Verdict['status'], string> = {
  correct: 'Right.',
  incorrect: 'Not quite.',
  unmeasured: 'Answer saved.',
};

/** The feedback's own verdict word at its start, with the colon or full stop after it. */
const OWN_VERDICT = /^(right|not quite)\s*[:.]\s*/i;

export function verdictText(verdict: Verdict): { heading: string; feedback: string } {
  const rest = verdict.feedback.replace(OWN_VERDICT, '');
  return {
    heading: HEADINGS[verdict.status],
    feedback: rest === verdict.feedback ? rest : rest.charAt(0).toUpperCase() + rest.slice(1),
  };
}
