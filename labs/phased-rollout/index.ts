/**
 * The faulty-rollouts lab (Leighton 2009, principles 4–6; Afergan, Wein, LaMeyer 2005): a good
 * release spreads phase by phase; a release that crashes at once is caught on its first machine,
 * restarted, put to sleep and rolled back; a bug that needs scale passes the staging phases and
 * fails at world level while redundancy keeps users served; a request of death spreads through
 * naive failover and is held by quarantine; and a hundred random releases per plan give the
 * phase at which releases are aborted, beside the paper's record.
 */
import type { Finding, Measurements } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import { about } from './about';
import { machine, type LabContext, type RunName } from './machine';
import type { MonteCarloSeen, RunResult } from './measure';
import {
  PAPER,
  PRESETS,
  YOUR_PLAN,
  YOUR_PLAN_START,
  QUARANTINE_SET,
  RELEASES,
  ROD_MINUTES,
  SOAK_MINUTES,
  WORLD_WATCH_MINUTES,
  simulation,
} from './scenario';

const ctx = (m: Measurements<LabContext>) => m.context;
const result = (m: Measurements<LabContext>, name: RunName): RunResult | undefined =>
  ctx(m).results?.[name];
const plan = (m: Measurements<LabContext>, i: number): MonteCarloSeen | undefined =>
  ctx(m).plans?.[PRESETS[i].label];

const minutes = (x: number) => `${x.toFixed(x < 10 && x % 1 !== 0 ? 1 : 0)} min`;
const count = (x: number) => x.toLocaleString('en-US');
const share = (x: number) => `${(100 * x).toFixed(x < 0.001 ? 4 : 2)} %`;

/** Which phase a run ended in, as the choices name them; 'shipped' when it was not aborted. */
function endPhase(r: RunResult | undefined): string | undefined {
  if (!r) return undefined;
  return r.aborted ? r.endLabel : 'shipped';
}

const PHASE_CHOICES = [
  { id: '1', label: 'Phase one: the single machine' },
  { id: 'dc', label: 'Phase two: its data centre' },
  { id: '10%', label: 'Phase three: 10 % of the network' },
  { id: 'world', label: 'The last phase: the whole world' },
  { id: 'shipped', label: 'None: it ships' },
];

function runFindings(r: RunResult | undefined, prefix = ''): Finding[] {
  if (!r) return [];
  return [
    {
      label: `${prefix}phases entered`,
      value: r.phases.map((p) => `${p.label} (${count(p.servers)})`).join(' → '),
    },
    {
      label: `${prefix}outcome`,
      value: r.aborted
        ? `aborted in phase ${r.endLabel} at ${minutes(r.endMinute)}: ${r.detail}`
        : `shipped at ${minutes(r.endMinute)}`,
    },
    { label: `${prefix}servers that crashed`, value: count(r.crashed.length) },
    {
      label: `${prefix}crashes / restarts / long sleeps`,
      value: `${r.crashes} / ${r.restarts} / ${r.longSleeps}`,
    },
    { label: `${prefix}user-visible error minutes`, value: r.errorMinutes.toFixed(2) },
    { label: `${prefix}share of all users' traffic that failed`, value: share(r.failedShare) },
  ];
}

/**
 * While a step's runs are under way: which one plays and why Next waits (the verdict comes
 * when the last has ended). `runs` in the order the machine plays them.
 */
function runNow(m: Measurements<LabContext>, step: string, runs: [RunName, string][]): Finding[] {
  if (!ctx(m).answered?.[step]) return [];
  const i = runs.findIndex(([name]) => !result(m, name));
  if (i < 0) return [];
  const of = runs.length > 1 ? ` (run ${i + 1} of ${runs.length})` : '';
  return [{ label: 'the run now', value: `${runs[i][1]}${of}; the verdict comes at its end` }];
}

/** A one-run step's findings: what the run is doing, then what it measured. */
const oneRun = (step: string, name: RunName, doing: string) => (m: Measurements<LabContext>) =>
  result(m, name) ? runFindings(result(m, name)) : runNow(m, step, [[name, doing]]);

function rodOutcome(m: Measurements<LabContext>): string | undefined {
  const off = result(m, 'rodOff');
  const on = result(m, 'rodOn');
  if (!off || !on) return undefined;
  if (on.crashed.length >= off.crashed.length) return 'same';
  if (on.crashed.length <= 1) return 'one';
  return on.crashed.length <= QUARANTINE_SET ? 'set' : 'fewer';
}

/** How the straight-to-the-world plan's error minutes compare with four phases'. */
function fastOutcome(m: Measurements<LabContext>): string | undefined {
  const phased = plan(m, 0);
  const fast = plan(m, 1);
  if (!phased || !fast || phased.errorMinutes === 0) return undefined;
  const ratio = fast.errorMinutes / phased.errorMinutes;
  if (ratio > 1.1) return 'more';
  return ratio < 0.9 ? 'fewer' : 'same';
}

function planFindings(p: MonteCarloSeen | undefined, name: string): Finding[] {
  if (!p) return [];
  const aborts = Object.entries(p.abortPhaseHistogram)
    .map(([k, v]) => `${k.split(':')[1]}: ${v}`)
    .join(', ');
  return [
    { label: `${name}: aborts by phase`, value: aborts },
    {
      label: `${name}: shipped`,
      value: `${p.shipped} of ${p.releases} (${p.shippedWithBugs} with a bug that never showed)${p.parts > 1 ? `; run in ${p.parts} workers` : ''}`,
    },
    {
      label: `${name}: hours until every server runs a shipped release`,
      value: p.hoursToWorld === null ? '–' : p.hoursToWorld.toFixed(1),
    },
    { label: `${name}: user-visible error minutes`, value: p.errorMinutes.toFixed(0) },
  ];
}

const steps: LabStepInput<LabContext>[] = [
  {
    id: 'intro',
    title: 'Shipping software to a live network',
    stage: [{ view: 'rollout-charts', parts: ['fleet'] }, 'map'],
  },
  {
    id: 'good',
    title: 'A good release, phase by phase',
    stage: [{ view: 'rollout-charts', parts: ['timeline', 'fleet'] }, 'map'],
    question: {
      id: 'good-world-minute',
      kind: 'number',
      purpose: 'predict',
      prompt: `The release goes to one machine, then that machine's data centre, then 10 % of the network, then every server. Each phase but the last is watched for ${SOAK_MINUTES} minutes before the next starts. How many minutes after the start will every server run the new version?`,
      unit: 'minutes',
      expected: (m) => {
        const r = result(m, 'good');
        return r?.phases.find((p) => p.label === 'world')?.minute;
      },
      tolerance: { absolute: 1 },
      explanation: `Three phases are each watched for ${SOAK_MINUTES} minutes before the world phase starts, so the whole network runs the release after three soaks. The world phase is then watched for ${WORLD_WATCH_MINUTES} minutes (a day in the model's defaults) before the release counts as shipped.`,
    },
    findings: oneRun(
      'good',
      'good',
      `the release, phase by phase, until it ships after the world phase's ${WORLD_WATCH_MINUTES}-minute watch`,
    ),
  },
  {
    id: 'instant',
    title: 'A bug that shows at once',
    stage: [{ view: 'rollout-charts', parts: ['timeline', 'fleet'] }],
    question: {
      id: 'instant-phase',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'This release crashes the server running it within a minute or so, whatever the server does. In which phase is it stopped?',
      choices: PHASE_CHOICES,
      correct: (m) => endPhase(result(m, 'instant')),
      explanation:
        'The single machine crashes, restarts from its last known good state, and crashes again. After three crashes in half an hour it is put into a long sleep, and the next health check sees that and rolls the release back. One server out of hundreds was affected, and the mapping had already moved its users to other servers.',
    },
    findings: oneRun('instant', 'instant', 'the release, until it is aborted or ships'),
  },
  {
    id: 'scale',
    title: 'A bug that needs the whole network',
    stage: [{ view: 'rollout-charts', parts: ['timeline', 'fleet'] }],
    question: {
      id: 'scale-phase',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'This release crashes servers only once at least half the network runs it. In which phase is it stopped?',
      choices: PHASE_CHOICES,
      correct: (m) => endPhase(result(m, 'scale')),
      explanation:
        'No staging phase reaches half the network, so the bug cannot show there: one machine, a data centre and 10 % of the servers all look healthy. In the world phase servers start to crash, the next check counts more crashes than it allows, and every server goes back to the old version. The crashed servers restarted, and the mapping sent their users elsewhere, so only a tiny share of traffic failed.',
    },
    findings: oneRun('scale', 'scale', 'the release, until it is aborted or ships'),
    // The health checks still see the bug; nothing stops the release on what they see.
    whatIfs: [
      {
        id: 'no-auto-abort',
        label: 'Turn the automatic abort off',
        command: { type: 'rollout.configure', autoAbort: false },
        atS: 60,
      },
    ],
  },
  {
    id: 'rod',
    title: 'A request of death',
    stage: [{ view: 'rollout-charts', parts: ['timeline', 'fleet'] }],
    question: {
      id: 'rod-quarantine',
      kind: 'choice',
      purpose: 'predict',
      // The prose above tells the bug and the two runs; the prompt asks only what is judged.
      prompt: `The request of death keeps coming for ${ROD_MINUTES} minutes. With quarantine (the customer's content served only by its set of ${QUARANTINE_SET} servers), how many servers does it take down?`,
      choices: [
        { id: 'one', label: 'Only the first one' },
        { id: 'set', label: `At most the customer's ${QUARANTINE_SET} servers` },
        { id: 'fewer', label: `Fewer than without quarantine, but more than ${QUARANTINE_SET}` },
        { id: 'same', label: 'As many as without quarantine' },
      ],
      correct: rodOutcome,
      explanation: `Failing the crashed server is not enough: the mapping hands the object to another server, which crashes too, and so on through the network. Bounding each customer's content to a few servers keeps the damage inside that set: once all ${QUARANTINE_SET} are out, requests for that one object fail, and nobody else is affected.`,
    },
    findings: (m) => [
      ...runNow(m, 'rod', [
        ['rodOff', `${ROD_MINUTES} minutes without quarantine`],
        ['rodOn', `${ROD_MINUTES} minutes with quarantine`],
      ]),
      ...runFindings(result(m, 'rodOff'), 'without quarantine: ').filter(
        (f) => !/phases|outcome/.test(f.label),
      ),
      ...runFindings(result(m, 'rodOn'), 'with quarantine: ').filter(
        (f) => !/phases|outcome/.test(f.label),
      ),
    ],
  },
  {
    id: 'stats',
    title: 'A hundred releases',
    stage: [{ view: 'rollout-charts', parts: ['releases'] }],
    question: {
      id: 'stats-fast',
      kind: 'choice',
      purpose: 'predict',
      prompt: `The model draws ${RELEASES} releases from its stated mix of bugs and rolls each out under three plans. Going straight from one machine to the world (no data centre, no 10 % phase) reaches every server sooner. Compared with the four-phase plan, what happens to the minutes of traffic users see fail?`,
      choices: [
        { id: 'more', label: 'More: bugs that a middle phase would catch reach everyone' },
        { id: 'same', label: 'About the same (within 10 %)' },
        { id: 'fewer', label: 'Fewer: bad releases are over sooner' },
      ],
      correct: fastOutcome,
      explanation:
        'A bug too rare for one machine but common enough for a data centre or 10 % of the network is caught there when those phases exist, having hurt few users. Without them it is caught only after every server runs it. The longer soak catches a few more in the early phases, at the price of hours of delivery time.',
    },
    controls: [
      {
        id: 'phases',
        label: 'Your plan: phases, from one machine to the world',
        min: 2,
        max: 6,
        step: 1,
        initial: YOUR_PLAN_START.phases,
      },
      {
        id: 'soakHours',
        label: 'Your plan: soak time of each phase',
        min: 0.25,
        max: 8,
        step: 0.25,
        initial: YOUR_PLAN_START.soakHours,
        unit: 'h',
      },
    ],
    findings: (m) => [
      ...(ctx(m).answered?.stats && PRESETS.some((_, i) => !plan(m, i))
        ? [
            {
              label: 'the run now',
              value: `${RELEASES} releases under each plan, in the simulation's workers; the verdict comes when every plan has reported`,
            },
          ]
        : []),
      ...PRESETS.flatMap((p, i) => planFindings(plan(m, i), p.label)),
      // Named after the settings the result was run with (the sliders may have moved since).
      ...((mine) =>
        mine
          ? planFindings(
              mine,
              `your plan (${mine.phases.join(',')}, ${mine.soakSeconds / 3_600} h soak)`,
            )
          : [])(ctx(m).plans?.[YOUR_PLAN]),
      ...(plan(m, 0)
        ? [
            {
              label: 'the paper’s record (seven years, Afergan, Wein, LaMeyer 2005)',
              value: `${PAPER.phaseOne} aborts in phase one, ${PAPER.world} at world level`,
            },
          ]
        : []),
    ],
  },
  {
    id: 'done',
    title: 'What you saw',
    stage: [{ view: 'rollout-charts', parts: ['releases'] }],
  },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['rollout-charts'],
  viewOptions: {
    'rollout-charts': {
      paper: {
        caption: "The paper's record (seven years)",
        aborts: [
          { phase: '1', count: PAPER.phaseOne },
          { phase: 'world', count: PAPER.world },
        ],
        note: 'The paper gives only these two counts.',
      },
    },
  },
});
