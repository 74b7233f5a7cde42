/**
 * The application-acceleration lab (Leighton 2009, "Application Acceleration"): the same
 * uncacheable page loaded in Tokyo from New York over four ways of using connections
 * (Nielsen et al. 1997), then through an edge server in Tokyo, its connections to the origin
 * cold or warm (split TCP), and with the edge prefetching the objects the HTML names; then a
 * portal page assembled at the edge (ESI), compressed and sent as a delta, a store locator
 * answered by the edge, a slow link avoided through the CDN's overlay, and every optimisation at
 * once for three users (steps/).
 */
import type { Finding, Measurements } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import { about } from './about';
import { machine, type LabContext, type RunName } from './machine';
import { runOf } from './measure';
import { LABELS, simulation } from './scenario';
import { ms, runNow, speedup, SPEEDUP_CHOICES, WATERFALL, WATERFALL_BYTES } from './steps/common';
import { esiStep } from './steps/esi';
import { compressStep } from './steps/compress';
import { edgeComputeStep } from './steps/edgeCompute';
import { routeStep } from './steps/route';
import { allStep } from './steps/all';

/** Each load's time, or what the run is doing while it has not ended. */
function loadFindings(
  m: Measurements<LabContext>,
  step: string,
  run: RunName,
  loads: string[],
): Finding[] {
  const r = runOf(m, run);
  if (!r) return runNow(m, step, 'the page loads');
  return loads.map((l) => ({ label: LABELS[l], value: ms(r.done[l]?.pageLoadMs) }));
}

/** The connections step's loads, in the order the findings list them. */
const CONNECTION_LOADS = ['http10', 'http11', 'pipelined', 'multiplexed'];

const steps: LabStepInput<LabContext>[] = [
  { id: 'intro', title: 'The page that cannot be cached', stage: ['map'] },
  {
    id: 'connections',
    title: 'One connection or many',
    stage: [WATERFALL_BYTES],
    question: {
      id: 'pipelined-vs-10',
      kind: 'choice',
      purpose: 'predict',
      prompt: 'How much faster does pipelining load the page than HTTP/1.0?',
      choices: SPEEDUP_CHOICES,
      correct: (m) => speedup(m, 'connections', 'http10', 'pipelined'),
      explanation:
        'HTTP/1.0 pays a handshake and a slow start per image; pipelining sends every request at once on one open connection. HTTP/1.1 alone waits a round trip per image.',
    },
    findings: (m) => {
      const far = loadFindings(m, 'connections', 'connections', CONNECTION_LOADS);
      const near = runOf(m, 'connectionsNear');
      if (!near) return far;
      const times = CONNECTION_LOADS.map((l) => Math.round(near.done[l]?.pageLoadMs ?? NaN));
      return [...far, { label: 'the same from Boston', value: `${times.join(' / ')} ms` }];
    },
  },
  {
    id: 'split',
    title: 'An edge with warm connections',
    stage: [WATERFALL],
    question: {
      id: 'warm-edge',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'Through the Tokyo edge, its connections to New York warm: how much faster than direct?',
      choices: SPEEDUP_CHOICES,
      correct: (m) => speedup(m, 'split', 'direct', 'edge-warm'),
      explanation:
        'Handshake and slow start move to the short hop; the warm long hop sends the HTML in one window. A cold edge saves little: its own handshake crosses the ocean.',
    },
    findings: (m) =>
      loadFindings(m, 'split', 'split', ['direct-iw4', 'direct', 'edge-cold', 'edge-warm']),
  },
  {
    id: 'prefetch',
    title: 'Prefetching at the edge',
    stage: [WATERFALL],
    question: {
      id: 'prefetch-gain',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'Four persistent connections, through the warm edge: how much faster with prefetching?',
      choices: SPEEDUP_CHOICES,
      correct: (m) => speedup(m, 'prefetch', 'warm', 'prefetch'),
      explanation:
        'Without it each image costs a round trip to New York; with it the edge fetches them all while the HTML travels, and the browser finds them there.',
    },
    findings: (m) => loadFindings(m, 'prefetch', 'prefetch', ['warm', 'prefetch']),
  },
  esiStep,
  compressStep,
  edgeComputeStep,
  routeStep,
  allStep,
  {
    id: 'done',
    title: 'What you saw',
    stage: [{ view: 'pageload-waterfall', parts: ['summary'] }],
  },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['pageload-waterfall'],
  viewOptions: { 'pageload-waterfall': { labels: LABELS } },
});
