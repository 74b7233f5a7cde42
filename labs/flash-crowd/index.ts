/**
 * The flash-crowd lab (Dilley et al. 2002; Leighton 2009): a crowd melts an origin server; the
 * CDN absorbs the same crowd by caching; load reports and thresholds spread a hot object and
 * withdraw busy servers; what the edge does and cannot do for uncacheable pages; capacity
 * arithmetic from the paper, scaled onto the simulated network.
 */
import type { Finding, Measurements } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import { about } from './about';
import { CAPACITY_END_S, machine, type LabContext, type RunName } from './machine';
import type { RunResult, WindowFigures } from './measure';
import {
  AUDIENCE,
  CROWD,
  PEAK,
  EDGE,
  ORIGIN,
  STREAM_MBPS,
  TIERS_END_S,
  TIERS_RPS,
  TIERS_WINDOW,
  TRY_CROWD,
  TRY_SPREAD,
  simulation,
} from './scenario';
import { EDGE_COUNT, FRANKFURT_DATA_CENTRE, REGION_NAMES, edgeServersBusy } from './places';
import { DATA_CENTRE_COUNT, EXTRA_NAMES, PARENT_COUNT } from './parentPlaces';

const result = (m: Measurements<LabContext>, name: RunName): RunResult | undefined =>
  m.context.results?.[name];
const peak = (m: Measurements<LabContext>, name: RunName): WindowFigures | null | undefined =>
  result(m, name)?.peak;

const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)} %`;
const ms = (x: number | null) => (x === null ? '–' : `${x.toFixed(0)} ms`);
const rps = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`;

/**
 * While a step's runs are under way, which one plays and why Next waits (the verdict comes
 * when the last run has been measured). `runs` in the order the machine plays them.
 */
function runNow(m: Measurements<LabContext>, step: string, runs: [RunName, string][]): Finding[] {
  const c = m.context;
  if (!c.answered?.[step]) return [];
  const i = runs.findIndex(([name]) => !c.results?.[name]);
  if (i < 0) return [];
  const of = runs.length > 1 ? ` (run ${i + 1} of ${runs.length})` : '';
  return [{ label: 'the run now', value: `${runs[i][1]}${of}; the verdict comes at its end` }];
}

/** The usual figures of a run's peak, each label prefixed (for steps that compare two runs). */
function peakFindings(f: WindowFigures | null | undefined, prefix = ''): Finding[] {
  if (!f) return [];
  return [
    { label: `${prefix}requests`, value: rps(f.requestsPerSecond) },
    { label: `${prefix}reaching the origin`, value: pct(f.originShare) },
    { label: `${prefix}origin busy`, value: pct(f.originUtilisation) },
    { label: `${prefix}failed`, value: pct(f.errorRate) },
    { label: `${prefix}response time p50 / p95`, value: `${ms(f.p50Ms)} / ${ms(f.p95Ms)}` },
  ];
}

function regionFindings(f: WindowFigures | null | undefined, prefix: string): Finding[] {
  if (!f) return [];
  return f.regionMeanMs.flatMap((v, i) =>
    v === null ? [] : [{ label: `${prefix}${REGION_NAMES[i]}`, value: ms(v) }],
  );
}

/** Which bucket a share of requests reaching the origin falls in (the cdn question's choices). */
function shareBucket(share: number): string {
  if (share > 0.5) return 'most';
  if (share > 0.15) return 'quarter';
  if (share > 0.02) return 'tenth';
  return 'few';
}

/**
 * The parents question: the origin's load with every data centre and a parent per region,
 * against one data centre per region without parents.
 */
function parentsOutcome(m: Measurements<LabContext>): string | undefined {
  const few = peak(m, 'tiersFew');
  const parents = peak(m, 'tiersParents');
  if (!few || !parents || few.originArrivalsPerSecond === 0) return undefined;
  const ratio = parents.originArrivalsPerSecond / few.originArrivalsPerSecond;
  if (ratio > 1.2) return 'grows';
  return ratio < 0.8 ? 'falls' : 'same';
}

/** What reached the origin in one of the parents step's runs. */
function tiersFindings(f: WindowFigures | null | undefined, prefix: string): Finding[] {
  if (!f) return [];
  return [
    { label: `${prefix}: reaching the origin`, value: rps(f.originArrivalsPerSecond) },
    { label: `${prefix}: origin busy`, value: pct(f.originUtilisation) },
  ];
}

function hotWithoutOutcome(m: Measurements<LabContext>): string | undefined {
  const f = peak(m, 'hotWithout');
  if (!f) return undefined;
  if (f.originShare > 0.5) return 'origin';
  return f.errorRate > 0.05 || (f.p95Ms ?? 0) > 300 ? 'queue' : 'fine';
}

function uncacheableOutcome(m: Measurements<LabContext>): string | undefined {
  const direct = peak(m, 'uncacheableDirect');
  const viaCdn = peak(m, 'uncacheableCdn');
  if (!direct || !viaCdn || direct.originUtilisation === 0) return undefined;
  const ratio = viaCdn.originUtilisation / direct.originUtilisation;
  if (ratio < 0.5) return 'less';
  return ratio > 1.2 ? 'more' : 'same';
}

/** Servers needed to carry `rps` with each under the spread threshold: arithmetic. */
const serversFor = (rps: number, spreadThreshold = EDGE.spreadThreshold) =>
  Math.ceil(rps / (spreadThreshold * EDGE.capacityRps));

/**
 * The capacity question's answer is arithmetic on the numbers the prompt gives, not a
 * measurement: the panel lists it apart from what the run measured (servers busy on the map).
 */
const SERVERS_NEEDED = serversFor(CROWD.peakRps);
const count = (x: number) => x.toLocaleString('en-US');

/** What a capacity run measured, each label prefixed (the judged run, or the student's try). */
function capacityFindings(
  f: WindowFigures | null | undefined,
  spreadThreshold: number,
  prefix: string,
): Finding[] {
  if (!f) return [];
  return [
    { label: `${prefix}measured peak requests`, value: rps(f.requestsPerSecond) },
    {
      label: `${prefix}arithmetic: servers needed for that peak under ${Math.round(spreadThreshold * 100)} %`,
      value: String(serversFor(f.requestsPerSecond, spreadThreshold)),
    },
    { label: `${prefix}measured: failed`, value: pct(f.errorRate) },
    { label: `${prefix}measured: response time p95`, value: ms(f.p95Ms) },
  ];
}

/**
 * The capacity step: the arithmetic apart from the judged run's measurements (the peak it
 * reached, servers busy on the map), then the student's own crowd, if they tried one.
 */
function capacityStepFindings(m: Measurements<LabContext>): Finding[] {
  const c = m.context;
  const f = peak(m, 'capacity');
  const judged: Finding[] = result(m, 'capacity')
    ? [
        {
          label: `arithmetic: servers needed for ${count(CROWD.peakRps)} requests/s`,
          value: String(SERVERS_NEEDED),
        },
        ...capacityFindings(f, EDGE.spreadThreshold, ''),
        {
          label: `measured: edge servers carrying 5 % of capacity or more on the map now${c.tried ? ' (your crowd’s run)' : ''}`,
          value: `${edgeServersBusy(m.frame)} of ${EDGE_COUNT}`,
        },
        ...(f ? audienceFindings(f) : []),
      ]
    : runNow(m, 'capacity', [['capacity', `the crowd through the CDN, to ${CAPACITY_END_S} s`]]);
  const tried = c.tried;
  if (!tried) return judged;
  const triedRun = result(m, 'tried');
  return judged.concat(
    triedRun
      ? capacityFindings(
          triedRun.peak,
          tried.spreadThreshold,
          `your crowd (${count(tried.peakRps)}/s, spread above ${Math.round(tried.spreadThreshold * 100)} %): `,
        )
      : [
          {
            label: 'the run now',
            value: `your crowd of ${count(tried.peakRps)} requests/s, to ${CAPACITY_END_S} s`,
          },
        ],
  );
}

/** The measured peak as bandwidth, beside the paper's audience. */
function audienceFindings(f: WindowFigures): Finding[] {
  const viewers = (f.deliveredGbps * 1000) / STREAM_MBPS;
  const paperTbps = (AUDIENCE * STREAM_MBPS) / 1e6;
  return [
    { label: 'delivered at the peak', value: `${f.deliveredGbps.toFixed(2)} Gbit/s` },
    {
      label: `that many ${STREAM_MBPS} Mbit/s viewers`,
      value: Math.round(viewers).toLocaleString('en-US'),
    },
    {
      label: `${(AUDIENCE / 1e6).toFixed(0)} million viewers need`,
      value: `${paperTbps} Tbit/s = ${Math.round((paperTbps * 1000) / f.deliveredGbps).toLocaleString('en-US')} × this crowd`,
    },
  ];
}

const steps: LabStepInput<LabContext>[] = [
  { id: 'intro', title: 'A flash crowd', stage: ['map'] },
  {
    id: 'origin',
    title: 'The origin alone',
    stage: [{ view: 'crowd-charts', parts: ['charts'] }, 'map'],
    question: {
      id: 'origin-saturation',
      kind: 'number',
      purpose: 'predict',
      prompt: `The origin has ${ORIGIN.workers} workers, and a request keeps one busy for ${ORIGIN.serviceMs} ms on average. At what request rate (requests per second) will the origin be fully busy?`,
      unit: 'requests/s',
      expected: (m) => peak(m, 'origin')?.originAdmittedPerSecond,
      tolerance: { relative: 0.15 },
      explanation: `One worker finishes 1 / ${ORIGIN.serviceMs} ms = ${1000 / ORIGIN.serviceMs} requests per second, so ${ORIGIN.workers} finish ${(ORIGIN.workers * 1000) / ORIGIN.serviceMs}: c·μ in queueing terms. The measured value is how many requests per second the origin took in while it was fully busy at the peak: everything beyond that was refused.`,
    },
    findings: (m) => {
      const r = result(m, 'origin');
      if (!r)
        return runNow(m, 'origin', [['origin', 'the crowd, straight to the origin, for a minute']]);
      return [
        {
          label: 'first second fully busy, at',
          value: r.saturationRps === null ? 'never' : rps(r.saturationRps),
        },
        {
          label: 'taken in while fully busy',
          value: r.peak ? rps(r.peak.originAdmittedPerSecond) : '–',
        },
        ...peakFindings(r.peak, 'at the peak: '),
      ];
    },
  },
  {
    id: 'cdn',
    title: 'The same crowd through the CDN',
    stage: [{ view: 'crowd-charts', parts: ['charts', 'regions'] }, 'map'],
    question: {
      id: 'cdn-origin-share',
      kind: 'choice',
      purpose: 'predict',
      prompt: `Through the CDN, what share of the crowd's ${CROWD.peakRps.toLocaleString('en-US')} requests per second will still reach the origin at the peak?`,
      choices: [
        { id: 'most', label: 'Most of them (over 50 %)' },
        { id: 'quarter', label: 'A good share (15 to 50 %)' },
        { id: 'tenth', label: 'A small share (2 to 15 %)' },
        { id: 'few', label: 'Almost none (under 2 %)' },
      ],
      correct: (m) => {
        const f = peak(m, 'cdn');
        return f ? shareBucket(f.originShare) : undefined;
      },
      explanation:
        'Only misses reach the origin: the first request for each object in each data centre, copies that have expired, and the 2 % of objects that may not be cached. While the caches are cold most requests are misses; as they warm, the share falls.',
    },
    findings: (m) => {
      const f = peak(m, 'cdn');
      if (!f) return runNow(m, 'cdn', [['cdn', 'the crowd, through the CDN, for a minute']]);
      return [
        ...peakFindings(f, 'at the peak: '),
        { label: 'hit ratio', value: f.hitRatio === null ? '–' : pct(f.hitRatio) },
        { label: 'bytes not sent by the origin', value: pct(f.byteOffload) },
        ...regionFindings(f, 'mean response, '),
      ];
    },
    whatIfs: [
      {
        id: 'frankfurt-fails',
        label: 'Fail the Frankfurt data centre',
        command: { type: 'dataCentre.setUp', dataCentre: FRANKFURT_DATA_CENTRE, up: false },
        atS: PEAK.from + 3,
      },
    ],
  },
  {
    id: 'parents',
    title: 'Parent caches',
    stage: [{ view: 'crowd-charts', parts: ['charts'] }, 'map'],
    question: {
      id: 'parents-origin',
      kind: 'choice',
      purpose: 'predict',
      prompt: `With ${DATA_CENTRE_COUNT} data centres and a parent cache per region, how does the origin's load compare with ${PARENT_COUNT} data centres (one per region) and no parents?`,
      choices: [
        { id: 'grows', label: 'It grows with the number of data centres' },
        { id: 'same', label: 'It stays about the same' },
        { id: 'falls', label: 'It falls: more data centres share the work' },
      ],
      correct: parentsOutcome,
      explanation: `Without parents every data centre that is asked for an object fetches it from the origin once, so the origin's fetches grow with the number of data centres. With a parent per region, the data centres of a region ask their parent, which fetches each object once for all of them: the origin sees about one fetch per parent, ${PARENT_COUNT} here, however many data centres there are. Pages that may not be cached still go straight to the origin.`,
    },
    findings: (m) => {
      const few = result(m, 'tiersFew');
      const many = result(m, 'tiersMany');
      const parents = result(m, 'tiersParents');
      const list: Finding[] = runNow(m, 'parents', [
        ['tiersFew', `${PARENT_COUNT} data centres, no parents, to ${TIERS_END_S} s`],
        ['tiersMany', `${DATA_CENTRE_COUNT} data centres, no parents, to ${TIERS_END_S} s`],
        ['tiersParents', `${DATA_CENTRE_COUNT} data centres with parents, to ${TIERS_END_S} s`],
      ]);
      if (few)
        list.push(
          { label: 'closed in the first run', value: EXTRA_NAMES.join(', ') },
          ...tiersFindings(few.peak, `${PARENT_COUNT} data centres, no parents`),
        );
      if (many) list.push(...tiersFindings(many.peak, `${DATA_CENTRE_COUNT}, no parents`));
      if (parents)
        list.push(
          ...tiersFindings(parents.peak, `${DATA_CENTRE_COUNT} with ${PARENT_COUNT} parents`),
        );
      if (few || many || parents)
        list.push({
          label: 'measured over',
          value: `seconds ${TIERS_WINDOW.from} to ${TIERS_WINDOW.to}, at ${rps(TIERS_RPS)}`,
        });
      return list;
    },
  },
  {
    id: 'hot',
    title: 'One hot object',
    stage: [{ view: 'crowd-charts', parts: ['charts'] }],
    question: {
      id: 'hot-without',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'With the thresholds turned off, what happens to the requests for the hot object at the peak?',
      choices: [
        { id: 'fine', label: 'Nothing much: the CDN has plenty of servers' },
        {
          id: 'queue',
          label:
            'The one server per data centre that holds the object queues them and refuses what does not fit',
        },
        { id: 'origin', label: 'They fall through to the origin' },
      ],
      correct: hotWithoutOutcome,
      explanation:
        'Consistent hashing maps the object to one server in each data centre, and nothing tells the mapping that this server is overloaded: its queue fills, answers wait seconds, and the overflow is refused, while the other servers of the data centre sit idle. The origin is not involved: the object is cached. With the thresholds, the monitors spread the object over more servers and withdraw the overloaded ones.',
    },
    findings: (m) => {
      const on = result(m, 'hotWith');
      const off = result(m, 'hotWithout');
      const list: Finding[] = runNow(m, 'hot', [
        ['hotWith', 'the hot object with the thresholds on'],
        ['hotWithout', 'the same crowd with the thresholds off'],
      ]);
      if (on) {
        list.push(
          { label: 'thresholds on: most servers per object', value: String(on.spreadServers) },
          { label: 'thresholds on: withdrawals', value: String(on.withdrawals) },
          ...peakFindings(on.peak, 'thresholds on: ').slice(3),
        );
      }
      if (off) list.push(...peakFindings(off.peak, 'thresholds off: ').slice(3));
      return list;
    },
  },
  {
    id: 'uncacheable',
    title: 'Pages the edge cannot keep',
    stage: [{ view: 'crowd-charts', parts: ['charts'] }],
    question: {
      id: 'uncacheable-origin',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'No page can be cached. Put the CDN in front of the origin: what happens to the origin’s load?',
      choices: [
        { id: 'less', label: 'It falls by half or more' },
        { id: 'same', label: 'It stays about the same' },
        { id: 'more', label: 'It rises' },
      ],
      correct: uncacheableOutcome,
      explanation:
        'Every request still needs the origin to build its page, so its load stays the same. What the CDN changes is the time each user waits: connections are opened and losses repaired over a short path to the edge, and the middle mile to the origin runs on connections that are already open.',
    },
    findings: (m) => {
      const direct = peak(m, 'uncacheableDirect');
      const viaCdn = peak(m, 'uncacheableCdn');
      const list: Finding[] = runNow(m, 'uncacheable', [
        ['uncacheableDirect', 'the pages straight from the origin'],
        ['uncacheableCdn', 'the same pages through the CDN'],
      ]);
      if (direct)
        list.push(
          { label: 'straight to the origin: origin busy', value: pct(direct.originUtilisation) },
          ...regionFindings(direct, 'straight to the origin: '),
        );
      if (viaCdn)
        list.push(
          { label: 'through the CDN: origin busy', value: pct(viaCdn.originUtilisation) },
          ...regionFindings(viaCdn, 'through the CDN: '),
        );
      return list;
    },
  },
  {
    id: 'capacity',
    title: 'How many servers?',
    stage: [{ view: 'crowd-charts', parts: ['charts', 'regions'] }],
    question: {
      id: 'capacity-servers',
      kind: 'number',
      purpose: 'predict',
      prompt: `At its peak the crowd asks for ${count(CROWD.peakRps)} requests per second. An edge server processes ${count(EDGE.capacityRps)} per second, and the mapping spreads content off a server above ${EDGE.spreadThreshold * 100} % of that. How many edge servers does the crowd need at least?`,
      unit: 'servers',
      // Arithmetic on the prompt's numbers, so a fixed value: the verdict says "the answer is",
      // not "the simulation measured". The run shows how many servers really carry the crowd.
      expected: SERVERS_NEEDED,
      tolerance: { absolute: 0.5 },
      explanation: `That is arithmetic, not a measurement: ${count(CROWD.peakRps)} requests/s ÷ ${count(EDGE.spreadThreshold * EDGE.capacityRps)} requests/s per server (${EDGE.spreadThreshold * 100} % of ${count(EDGE.capacityRps)}), rounded up. Now watch the run: the panel lists how many edge servers it really keeps busy. Users go to the data centre near them, not to the emptiest one, and consistent hashing puts each object on its own server in every data centre, so a crowd is carried in parts by many servers, not by the fewest that could.`,
    },
    controls: [
      {
        id: 'crowdPeak',
        label: 'Try another crowd: requests per second at its peak',
        ...TRY_CROWD,
        initial: CROWD.peakRps,
        unit: 'requests/s',
      },
      {
        id: 'spreadThreshold',
        label: 'Try another spread threshold (share of a server’s capacity)',
        ...TRY_SPREAD,
        initial: EDGE.spreadThreshold,
      },
    ],
    findings: capacityStepFindings,
  },
  { id: 'done', title: 'What you saw', stage: ['map'] },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['crowd-charts'],
});
