/** The end-of-lab recap: every question in order, the answer in words, measured value, verdict. */
import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/dns-resolution/index';
import { recapRows, recapSummary } from '../../src/ui/lab/labRecap';
import type { Verdict } from '@lab/questions';

describe('the lab recap', () => {
  const verdicts: Record<string, Verdict> = {
    'cold-count': { status: 'correct', feedback: '', expected: 'Four' },
    'cold-latency': { status: 'incorrect', feedback: '', expected: '41.2 ms' },
    'warm-same': { status: 'unmeasured', feedback: '' },
  };
  const rows = recapRows(
    lab,
    { 'cold-count': '4', 'cold-latency': 80, 'warm-same': 'none' },
    (id) => verdicts[id] ?? null,
  );

  it('lists every question in the order the lab asks them', () => {
    expect(rows.map((r) => r.questionId)).toEqual(
      lab.steps.flatMap((s) => (s.question ? [s.question.id] : [])),
    );
  });

  it('gives the answer in words, the measured value and the verdict', () => {
    expect(rows[0]).toMatchObject({ status: 'correct', measured: 'Four' });
    expect(rows[0].answer).toMatch(/^Four: root/);
    expect(rows[1]).toMatchObject({ answer: '80 ms', measured: '41.2 ms', status: 'incorrect' });
    expect(rows[2]).toMatchObject({ status: 'unanswered', answer: 'not answered', measured: '–' });
    expect(rows[3]).toMatchObject({ status: 'unmeasured', measured: '–' });
  });

  it('says when the measured value is from an earlier run (saved with the answer)', () => {
    expect(rows.map((r) => r.earlier)).not.toContain(true);
    const [, latency] = recapRows(lab, { 'cold-latency': 80 }, (id) =>
      id === 'cold-latency'
        ? { status: 'incorrect', feedback: '', expected: '41.2 ms', earlier: true }
        : null,
    );
    expect(latency).toMatchObject({ measured: '41.2 ms', earlier: true, status: 'incorrect' });
  });

  it('counts only judged answers as right or not', () => {
    expect(recapSummary(rows)).toMatch(/^1 of 2 judged answers right; 10 not judged/);
  });
});
