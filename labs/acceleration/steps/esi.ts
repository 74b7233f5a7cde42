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
import { kB, runNow, WATERFALL } from './common';

/** Middle-mile (and origin) bytes per minute of each load, once the run has ended. */
function minutes(m: Measurements<LabContext>) {
  const r = runOf(m, 'esi');
  if (!r) return undefined;
  const whole = perMinute(r, 'portal-whole');
  const esi = perMinute(r, 'portal-esi');
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
    { label: 'middle mile per minute, whole HTML (kB)', value: list(r.whole) },
    { label: 'the same with ESI (kB)', value: list(r.esi) },
    {
      label: 'saved in the last minute',
      value: `${percent(1 - r.esi[last].middle / r.whole[last].middle)} of the middle mile`,
    },
    {
      label: 'origin’s responses in the last minute',
      value: `${kB(r.whole[last].origin)} → ${kB(r.esi[last].origin)}`,
    },
  ];
}

export const esiStep: LabStepInput<LabContext> = {
  id: 'esi',
  title: 'Assembling pages at the edge',
  stage: [WATERFALL],
  question: {
    id: 'esi-saving',
    kind: 'choice',
    purpose: 'predict',
    prompt:
      'Once the edge holds the template and headlines: what share of the middle mile’s bytes per minute does ESI save?',
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
      'Each minute the edge fetches the quotes once and every visitor’s greeting; the template and headlines stay at the edge. The greeting, fetched for every visitor, is what keeps the saving from reaching Dilley’s 95–99 %.',
  },
  findings,
};
