import { describe, expect, it } from 'vitest';
import { csvCell, fileSlug, toCsv } from '../../src/ui/export/csv';
import { answerText, labReportMarkdown, measurementsCsv } from '../../src/ui/export/labReport';
import type { Verdict } from '@lab/questions';
import type { LabDefinition, Question } from '@lab/types';

const choice: Question = {
  id: 'where',
  kind: 'choice',
  purpose: 'predict',
  prompt: 'Where is the bug caught?',
  explanation: '',
  choices: [
    { id: 'one', label: 'Phase one' },
    { id: 'world', label: 'The world' },
  ],
  correct: 'world',
};
const number: Question = {
  id: 'rate',
  kind: 'number',
  purpose: 'observe',
  prompt: 'What throughput?',
  explanation: '',
  unit: 'Mbit/s',
  expected: 1.1,
  tolerance: { relative: 0.25 },
};
const lab = {
  id: 'demo',
  title: 'Demo lab',
  steps: [
    { id: 'intro', title: 'Intro', prose: '' },
    { id: 'predict', title: 'Predict', prose: '', question: choice },
    { id: 'measure', title: 'Measure', prose: '', question: number },
    { id: 'unasked', title: 'Later', prose: '', question: { ...number, id: 'later' } },
  ],
} as unknown as LabDefinition;

describe('the lab report', () => {
  const verdicts: Record<string, Verdict> = {
    where: { status: 'correct', feedback: '', expected: 'The world' },
    rate: { status: 'unmeasured', feedback: '' },
  };
  const report = labReportMarkdown({
    lab,
    date: '2026-11-22',
    seed: 7,
    stepId: 'measure',
    answers: { where: 'world', rate: '<b>1.2</b> *' },
    verdictOf: (id) => verdicts[id] ?? null,
    findings: [{ label: 'measured rate', value: '1.05 Mbit/s' }],
    timeNs: 12.5e9,
  });

  it('says when the measured value is from an earlier run', () => {
    const earlier = labReportMarkdown({
      lab,
      date: '2026-11-22',
      seed: 7,
      stepId: 'measure',
      answers: { where: 'world' },
      verdictOf: () => ({ status: 'correct', feedback: '', expected: 'The world', earlier: true }),
      findings: [],
      timeNs: null,
    });
    expect(earlier).toContain('- Measured: The world (in an earlier run)\n- Verdict: right');
  });

  it('names the lab, date, seed and step reached', () => {
    expect(report).toMatch(/^# Demo lab: lab report\n\n- Date: 2026-11-22\n- Seed: 7\n/);
    expect(report).toMatch(/- Step reached: Measure \(3 of 4\)\n- Simulated time: 12\.500 s/);
  });

  it('gives each question with the answer, the measured value and the verdict', () => {
    expect(report).toContain(
      '### 1. Predict\n\nWhere is the bug caught?\n\n- Prediction: The world\n- Measured: The world\n- Verdict: right',
    );
    expect(report).toContain('- Answer: \\<b\\>1.2\\</b\\> \\* Mbit/s\n- Measured: not measured');
    expect(report).toMatch(
      /### 3\. Later[\s\S]*- Answer: not answered\n- Measured: not measured in this run\n- Verdict: —/,
    );
    expect(report).toMatch(/## Measured in “Measure”\n\n- measured rate: 1\.05 Mbit\/s\n$/);
  });

  it('reads a choice by its label and a number with its unit', () => {
    expect(answerText(choice, 'one')).toBe('Phase one');
    expect(answerText(number, 3)).toBe('3 Mbit/s');
    expect(answerText(number, undefined)).toBe('not answered');
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('a,1\r\nb,\r\n');
  });

  it('lists the time, the findings and the counters', () => {
    expect(measurementsCsv([{ label: 'p95, ms', value: '38' }], { hits: 4 }, 2e9)).toBe(
      'kind,name,value\r\ntime,simulated seconds,2\r\nfinding,"p95, ms",38\r\ncounter,hits,4\r\n',
    );
  });

  it('makes file names from titles', () => {
    expect(fileSlug('Requests per second (“crowd”)')).toBe('requests-per-second-crowd');
    expect(fileSlug('“”')).toBe('edge-lab');
  });
});
