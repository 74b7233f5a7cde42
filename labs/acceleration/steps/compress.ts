/**
 * Compression and deltas: the portal's HTML as the origin produces it, gzip'd and as a delta
 * from the version the browser holds, each size measured by the model on the page's text. Judged
 * on how many times smaller gzip makes the HTML's response.
 */
import type { Finding, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import type { LabContext } from '../machine';
import { ratioBucket, runOf } from '../measure';
import { LABELS } from '../scenario';
import { kB, ms, runNow, WATERFALL_BYTES } from './common';

const LOADS = ['html-plain', 'html-gzip', 'html-delta'];

/** The HTML's response bytes (headers included) of `load`, once the run has ended. */
function htmlBytes(m: Measurements<LabContext>, load: string): number | undefined {
  return runOf(m, 'compress')?.html[load]?.bytes;
}

function findings(m: Measurements<LabContext>): Finding[] {
  const r = runOf(m, 'compress');
  if (!r) return runNow(m, 'compress', 'the page loads three ways');
  return LOADS.map((l) => ({
    label: LABELS[l],
    value: `${kB(r.html[l]?.bytes ?? NaN)} in ${ms(r.html[l]?.lastByteMs)}; page ${ms(r.done[l]?.pageLoadMs)}`,
  }));
}

export const compressStep: LabStepInput<LabContext> = {
  id: 'compress',
  title: 'Compression and deltas',
  stage: [WATERFALL_BYTES],
  question: {
    id: 'gzip-ratio',
    kind: 'choice',
    purpose: 'predict',
    prompt: 'How many times smaller does gzip make the portal’s HTML?',
    choices: [
      { id: 'under2', label: 'Under 2×' },
      { id: 'two', label: '2 to 3×' },
      { id: 'three', label: '3 to 5×' },
      { id: 'over5', label: '5× or more' },
    ],
    correct: (m) => {
      const plain = htmlBytes(m, 'html-plain');
      const gzip = htmlBytes(m, 'html-gzip');
      return plain === undefined || gzip === undefined ? undefined : ratioBucket(plain, gzip);
    },
    explanation:
      'Markup and words repeat, and deflate sends each repeat as a short back-reference. A delta sends only what changed since the browser’s copy.',
  },
  findings,
};
