/**
 * Edge computing: the store locator's answer produced by the application at the origin (through
 * the warm edge) or at the edge itself. Judged on the time saved; the findings add the origin's
 * requests and the middle mile's bytes.
 */
import type { Finding, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import type { LabContext } from '../machine';
import { bytesOf, loadMs, runOf, savedMsBucket } from '../measure';
import { LABELS } from '../scenario';
import { ms, runNow, WATERFALL_ORIGIN } from './common';

const LOADS = ['locator-origin', 'locator-edge'];

function findings(m: Measurements<LabContext>): Finding[] {
  const r = runOf(m, 'edgeCompute');
  if (!r) return runNow(m, 'edge-compute', 'the locator loads twice');
  return LOADS.map((l) => {
    const asked = bytesOf(r, l).at(-1)?.originRequests;
    const origin = asked === undefined ? '' : ` · ${asked} origin request${asked === 1 ? '' : 's'}`;
    return { label: LABELS[l], value: `${ms(r.done[l]?.pageLoadMs)}${origin}` };
  });
}

export const edgeComputeStep: LabStepInput<LabContext> = {
  id: 'edge-compute',
  title: 'The application at the edge',
  stage: [WATERFALL_ORIGIN],
  question: {
    id: 'edge-compute-gain',
    kind: 'choice',
    purpose: 'predict',
    prompt: 'How much sooner does the locator page load when the edge runs the application?',
    choices: [
      { id: 'lt50', label: 'Under 50 ms' },
      { id: 'rtt', label: '50 to 200 ms' },
      { id: 'lt500', label: '200 to 500 ms' },
      { id: 'more', label: '500 ms or more' },
    ],
    correct: (m) => {
      const origin = loadMs(m, 'edgeCompute', 'locator-origin');
      const edge = loadMs(m, 'edgeCompute', 'locator-edge');
      return origin === undefined || edge === undefined ? undefined : savedMsBucket(origin, edge);
    },
    explanation:
      'Only the answer itself came from New York: the edge saves that one round trip over the middle mile, and the origin does no work at all.',
  },
  findings,
};
