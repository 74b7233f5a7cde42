/** What the acceleration lab's steps share: how they write times and bytes, the run under way. */
import type { Finding, Measurements, StagePane } from '@lab/types';
import type { LabContext, RunName } from '../machine';
import { loadMs, speedupBucket } from '../measure';

export const ms = (x: number | undefined) =>
  x === undefined ? '–' : `${Math.round(x).toLocaleString('en')} ms`;
export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The waterfall with its rows and the loads' summary. */
export const WATERFALL: StagePane = { view: 'pageload-waterfall', parts: ['waterfall', 'summary'] };
/** The waterfall with the bytes and packets on each leg. */
export const WATERFALL_BYTES: StagePane = {
  view: 'pageload-waterfall',
  parts: ['waterfall', 'bytes'],
};
/** The waterfall with the origin's requests and bytes. */
export const WATERFALL_ORIGIN: StagePane = {
  view: 'pageload-waterfall',
  parts: ['waterfall', 'origin'],
};

export const SPEEDUP_CHOICES = [
  { id: 'same', label: 'Under 1.5×' },
  { id: 'some', label: '1.5 to 3× faster' },
  { id: 'few', label: '3 to 10× faster' },
  { id: 'tens', label: 'Over 10× faster' },
];

/** How many times faster `fast` loaded than `slow` in `run`, once both ended. */
export function speedup(m: Measurements<LabContext>, run: RunName, slow: string, fast: string) {
  const a = loadMs(m, run, slow);
  const b = loadMs(m, run, fast);
  return a === undefined || b === undefined ? undefined : speedupBucket(a, b);
}

/** While the step's runs have not ended, once the student has answered: what they are doing. */
export function runNow(m: Measurements<LabContext>, step: string, doing: string): Finding[] {
  return m.context.answered?.[step]
    ? [{ label: 'the run now', value: `${doing}; the verdict comes at its end` }]
    : [];
}
