/**
 * Edge assembly (ESI): the portal loaded every few seconds for minutes through the warm Tokyo
 * edge, its HTML fetched whole or assembled from fragments the edge holds for their lifetimes.
 * Judged on the share of the middle mile's bytes ESI saves in the last minute (by then the
 * template and headlines have been fetched once; Dilley et al. 2002 report 95–99 %).
 */
import type { Finding, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import type { LabContext } from '../machine';
import { perMinute, runOf, savingBucket } from '../measure';
import { kB, runNow } from './common';

/** Middle-mile (and origin) bytes per minute of each load, once the run has ended. */
function minutes(m: Measurements<LabContext>) {
  const r = runOf(m, 'esi');
  if (!r) return undefined;
  const whole = perMinute(r, 'whole');
  const esi = perMinute(r, 'esi');
  return whole.length > 0 && esi.length === whole.length ? { whole, esi } : undefined;
}

const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

function findings(m: Measurements<LabContext>): Finding[] {
  const r = minutes(m);
  if (!r) return runNow(m, 'esi', 'two portals load every 10 s for minutes');
  const last = r.whole.length - 1;
  const list = (rows: { middle: number }[]) =>
    rows.map((x) => (x.middle / 1000).toFixed(1)).join(' · ');
  return [
    { label: 'middle mile, kB per minute: whole HTML', value: list(r.whole) },
    { label: 'with ESI', value: list(r.esi) },
    {
      label: 'last minute: saved',
      value: percent(1 - r.esi[last].middle / r.whole[last].middle),
    },
    {
      label: 'the origin sent',
      value: `${kB(r.whole[last].origin)} → ${kB(r.esi[last].origin)}`,
    },
  ];
}

export const esiStep: LabStepInput<LabContext> = {
  id: 'esi',
  title: 'Assembling pages at the edge',
  // Minutes of loads are too many for the waterfall's rows: each load's line of the summary.
  stage: [{ view: 'pageload-waterfall', parts: ['bytes'] }],
  question: {
    id: 'esi-saving',
    kind: 'choice',
    purpose: 'predict',
    prompt: 'In the last minute, what share of the middle mile’s bytes does ESI save?',
    choices: [
      { id: 'half', label: 'Under 50 %' },
      { id: 'most', label: '50 to 80 %' },
      { id: 'nearly', label: '80 to 95 %' },
      { id: 'dilley', label: '95 % or more' },
    ],
    correct: (m) => {
      const r = minutes(m);
      const last = r && r.whole.length - 1;
      return r && last !== undefined
        ? savingBucket(r.whole[last].middle, r.esi[last].middle)
        : undefined;
    },
    explanation:
      'Each minute the edge fetches the quotes once and a greeting per visitor; the template and headlines stay. The personal greeting keeps the saving below Dilley’s 95–99 %.',
  },
  findings,
};
