/**
 * What a student hands in: a lab's questions with the prediction given, what the simulation
 * measured and the verdict, as Markdown (readable as plain text, and by any Markdown viewer);
 * and the current step's measurements as CSV. Pure: the page passes what the LabRun knows.
 */
import type { Verdict } from '@lab/questions';
import type { AnswerValue, Finding, LabDefinition, Question } from '@lab/types';
import { toCsv } from './csv';

export interface ReportInput {
  lab: LabDefinition;
  /** as printed in the report (the page passes today's date) */
  date: string;
  seed: number;
  /** the step the student is at */
  stepId: string;
  answers: Readonly<Record<string, AnswerValue>>;
  /** `earlier`: judged by a value measured in an earlier run, saved with the answer */
  verdictOf: (questionId: string) => (Verdict & { earlier?: boolean }) | null;
  findings: readonly Finding[];
  /** simulated time of the run, ns (null before the first frame) */
  timeNs: number | null;
}

const VERDICT: Record<Verdict['status'], string> = {
  correct: 'right',
  incorrect: 'not right',
  unmeasured: 'not checked yet (the experiment has not measured it in this run)',
};

/** The student's answer in words: a choice's label, or the number with its unit. */
export function answerText(q: Question, a: AnswerValue | undefined): string {
  if (a === undefined) return 'not answered';
  if (q.kind === 'choice') return q.choices.find((c) => c.id === a)?.label ?? String(a);
  return q.unit ? `${a} ${q.unit}` : String(a);
}

/**
 * Text that came from outside (a typed answer) cannot start Markdown syntax of its own: one
 * line, and the characters Markdown acts on are escaped.
 */
function plain(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function labReportMarkdown(r: ReportInput): string {
  const step = r.lab.steps.find((s) => s.id === r.stepId);
  const lines = [
    `# ${r.lab.title}: lab report`,
    '',
    `- Date: ${r.date}`,
    `- Seed: ${r.seed}`,
    `- Step reached: ${step?.title ?? r.stepId} (${r.lab.steps.indexOf(step!) + 1} of ${r.lab.steps.length})`,
    ...(r.timeNs !== null ? [`- Simulated time: ${(r.timeNs / 1e9).toFixed(3)} s`] : []),
    '',
    '## Questions',
  ];
  const asked = r.lab.steps.filter((s) => s.question);
  asked.forEach((s, i) => {
    const q = s.question!;
    const verdict = r.answers[q.id] === undefined ? null : r.verdictOf(q.id);
    lines.push(
      '',
      `### ${i + 1}. ${s.title}`,
      '',
      q.prompt,
      '',
      `- ${q.purpose === 'predict' ? 'Prediction' : 'Answer'}: ${plain(answerText(q, r.answers[q.id]))}`,
      `- Measured: ${verdict?.expected === undefined ? 'not measured in this run' : `${verdict.expected}${verdict.earlier ? ' (in an earlier run)' : ''}`}`,
      `- Verdict: ${verdict ? VERDICT[verdict.status] : '—'}`,
    );
  });
  if (r.findings.length > 0) {
    lines.push('', `## Measured in “${step?.title ?? r.stepId}”`, '');
    for (const f of r.findings) lines.push(`- ${f.label}: ${f.value}`);
  }
  return lines.join('\n') + '\n';
}

/** The step's findings and the run's counters, one measurement a row. */
export function measurementsCsv(
  findings: readonly Finding[],
  counters: Readonly<Record<string, number>>,
  timeNs: number | null,
): string {
  return toCsv([
    ['kind', 'name', 'value'],
    ['time', 'simulated seconds', timeNs === null ? null : timeNs / 1e9],
    ...findings.map((f) => ['finding', f.label, f.value]),
    ...Object.entries(counters).map(([name, value]) => ['counter', name, value]),
  ]);
}
