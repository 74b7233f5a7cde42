/**
 * The fat-file paradox lab (Leighton 2009, Figure 2): one TCP transfer watched packet by packet;
 * the same transfer from four distances; the paper's table simulated beside its closed forms;
 * a sweep of round-trip time against loss; and what an edge server near the user changes.
 */
import type { Finding, Measurements } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import type { TcpConnTotals } from '@sim/models/tcp/tcpRuntime';
import { FIGURE2_ROWS, PATH_INFLATION } from '@sim/models/tcp/figure2';
import { about } from './about';
import { machine, type LabContext, type RunName } from './machine';
import { cell, conn, groups, ratioBucket } from './measure';
import {
  CLEAN_MIDDLE_LOSS,
  DISTANCE_END_S,
  EDGE_END_S,
  FIRST_END_S,
  FIRST_LOSS,
  GRID_GROUP,
  GRID_LOSS,
  GRID_RTT_MS,
  INFLATION_RANGE,
  ONE_TRANSFER,
  PARALLEL_FETCHES,
  PLACES,
  TODAY_LINK_MBPS,
  TODAY_RUN_S,
  TODAY_GRID_LOSS,
  TODAY_GRID_RTT_MS,
  TODAY_VARIANTS,
  simulation,
  todayCellName,
  todayGridGroup,
  todayName,
  type TodayVariant,
} from './scenario';

const result = (m: Measurements<LabContext>, name: RunName): TcpConnTotals[] | undefined =>
  m.context.results?.[name];

const mbps = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${x < 1 ? x.toFixed(2) : x.toFixed(1)} Mbit/s`;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const hours = (h: number | null) =>
  h === null ? '–' : h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`;

const RATIO_CHOICES = [
  { id: 'same', label: 'About the same (less than 2 times lower)' },
  { id: 'few', label: '2 to 10 times lower' },
  { id: 'tens', label: '10 to 200 times lower' },
  { id: 'huge', label: 'More than 200 times lower' },
];

/** The grid cells the heat-map question compares: 50 ms and 0.5 %, then each doubled. */
const Q_RTT = GRID_RTT_MS.indexOf(50);
const Q_LOSS = GRID_LOSS.indexOf(0.005);

function rttOrLoss(m: Measurements<LabContext>): string | undefined {
  const g = result(m, 'grid');
  const base = cell(g, Q_RTT, Q_LOSS);
  const longer = cell(g, Q_RTT + 1, Q_LOSS);
  const lossier = cell(g, Q_RTT, Q_LOSS + 1);
  if (base === undefined || longer === undefined || lossier === undefined) return undefined;
  const byRtt = base / longer;
  const byLoss = base / lossier;
  if (Math.abs(byRtt - byLoss) < 0.1 * Math.min(byRtt, byLoss)) return 'same';
  return byRtt > byLoss ? 'rtt' : 'loss';
}

const crossRow = FIGURE2_ROWS[2];
const farRow = FIGURE2_ROWS[3];

/**
 * While the step's run is under way: what it is doing and why Next waits (the verdict comes
 * with its end). Nothing before the prediction, nothing once the run is measured.
 */
function runNow(m: Measurements<LabContext>, step: string, run: RunName, doing: string): Finding[] {
  const c = m.context;
  if (!c.answered?.[step] || c.results?.[run]) return [];
  return [{ label: 'the run now', value: `${doing}; the verdict comes at its end` }];
}

/** A table run's rows beside the paper's, each label prefixed (the judged run, or a try). */
function tableFindings(r: TcpConnTotals[] | undefined, prefix: string): Finding[] {
  if (!r) return [];
  // The RTT of a row's runs says which inflation they used.
  const first = groups(r)[0];
  const used = first ? first.rttMs / FIGURE2_ROWS[0].latencyMs : PATH_INFLATION;
  const header: Finding[] = [{ label: `${prefix}path inflation`, value: used.toFixed(1) }];
  return header.concat(
    groups(r).flatMap((g): Finding[] => {
      const paper = FIGURE2_ROWS.find((x) => x.label === g.group);
      return [
        {
          label: `${prefix}${g.group}: simulated (paper)`,
          value: `${mbps(g.meanMbps)} ± ${g.sdMbps.toFixed(g.meanMbps < 1 ? 3 : 2)} (${paper?.paperMbps ?? '–'})`,
        },
        { label: `${prefix}${g.group}: 4 GB takes`, value: hours(g.downloadHours) },
      ];
    }),
  );
}

/** The sweeps' corner where loss-based TCP is slowest: the longest round trip, the most loss. */
const FAR_RTT_MS = 200;
const FAR_LOSS = 0.05;

/** What the since-2009 step's sweeps show: BBR against NewReno cell by cell, and one corner. */
function sweepFindings(r: TcpConnTotals[], grid2009: TcpConnTotals[] | undefined): Finding[] {
  const rate = (v: TodayVariant, i: number, j: number) =>
    conn(r, todayCellName(v, i, j))?.goodputMbps;
  const pairs = TODAY_GRID_RTT_MS.flatMap((_, i) =>
    TODAY_GRID_LOSS.map((_, j) => [rate('bbr', i, j), rate('newreno', i, j)] as const),
  ).filter(([b, n]) => b !== undefined && n !== undefined);
  if (pairs.length === 0) return [];
  const tenfold = pairs.filter(([b, n]) => b! >= 10 * n!).length;
  const [i, j] = [TODAY_GRID_RTT_MS.indexOf(FAR_RTT_MS), TODAY_GRID_LOSS.indexOf(FAR_LOSS)];
  const corner = TODAY_VARIANTS.map(({ variant }) => `${variant} ${mbps(rate(variant, i, j))}`);
  const was = cell(grid2009, GRID_RTT_MS.indexOf(FAR_RTT_MS), GRID_LOSS.indexOf(FAR_LOSS));
  return [
    {
      label: 'sweep cells where BBR is 10 times NewReno or more',
      value: `${tenfold} of ${pairs.length}`,
    },
    {
      label: `sweep, ${FAR_RTT_MS} ms and ${pct(FAR_LOSS)} (previous step, no link)`,
      value: `${corner.join(' · ')} (${mbps(was)})`,
    },
  ];
}

const steps: LabStepInput<LabContext>[] = [
  { id: 'intro', title: 'A fat file on a thin pipe?', stage: ['map'] },
  {
    id: 'transfer',
    title: 'One transfer, packet by packet',
    stage: [{ view: 'tcp-charts', parts: ['charts'] }, 'sequence'],
    question: {
      id: 'after-loss',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'A segment is lost; the three segments after it arrive, and each makes the receiver repeat its last acknowledgement. What does the sender do to its congestion window when it sees those three duplicate ACKs?',
      choices: [
        { id: 'halve', label: 'It resends the lost segment and halves the window' },
        { id: 'one', label: 'It drops the window to one segment and starts again' },
        { id: 'keep', label: 'Nothing: one lost packet is no reason to slow down' },
      ],
      correct: (m) => {
        const t = conn(result(m, 'first'), 'washington');
        if (!t) return undefined;
        return t.fastRetransmits >= t.timeouts ? 'halve' : 'one';
      },
      explanation:
        'Three duplicate ACKs mean later segments still get through, so the network is only mildly congested: TCP resends the missing segment at once (fast retransmit) and halves its window over the next round trip (fast recovery). Back to one segment happens only when the retransmission timer runs out, which the counters below show is much rarer. The halving, then growth by one segment per round trip, is the sawtooth on the chart.',
    },
    findings: (m) => {
      const t = conn(result(m, 'first'), 'washington');
      if (!t)
        return runNow(m, 'transfer', 'first', `one transfer, ${FIRST_END_S} simulated seconds`);
      return [
        { label: 'round trip of the path (network model)', value: ms(t.rttMs) },
        { label: 'smoothed RTT the sender measured', value: ms(t.srttMs) },
        { label: 'loss on the path', value: pct(t.lossRate) },
        { label: 'throughput over the run', value: mbps(t.goodputMbps) },
        { label: 'fast retransmits', value: String(t.fastRetransmits) },
        { label: 'timeouts', value: String(t.timeouts) },
        { label: 'Mathis formula for this path', value: mbps(t.mathisMbps) },
      ];
    },
    // Four times the loss halfway through: Mathis says half the rate from then on.
    whatIfs: [
      {
        id: 'lossier',
        label: `Raise the path’s loss to ${(4 * FIRST_LOSS * 100).toFixed(1)} %`,
        command: {
          type: 'tcp.setLoss',
          connection: ONE_TRANSFER.connections[0].name,
          lossRate: 4 * FIRST_LOSS,
        },
        atS: FIRST_END_S / 2,
      },
    ],
  },
  {
    id: 'distance',
    title: 'Move the server',
    stage: [{ view: 'tcp-charts', parts: ['charts'] }, 'map'],
    question: {
      id: 'distance-ratio',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'The same file, the same kind of server, no congestion anywhere. How many times lower will the throughput from Tokyo be than from the server in Boston?',
      choices: RATIO_CHOICES,
      correct: (m) => {
        const r = result(m, 'distance');
        const near = conn(r, PLACES[0].id);
        const far = conn(r, PLACES[3].id);
        return near && far ? ratioBucket(near.goodputMbps, far.goodputMbps) : undefined;
      },
      explanation:
        'Throughput is about one window per round trip, and loss keeps the window small: the Mathis formula says MSS / RTT × C / √p. Tokyo’s round trip is some 45 times Boston’s, and its loss is higher too, so its throughput is lower by more than the ratio of the round trips alone.',
    },
    findings: (m) => {
      const r = result(m, 'distance');
      if (!r)
        return runNow(
          m,
          'distance',
          'distance',
          `four transfers, ${DISTANCE_END_S - 1} simulated seconds`,
        );
      return PLACES.flatMap((p): Finding[] => {
        const t = conn(r, p.id);
        if (!t) return [];
        return [
          {
            label: `${p.label}: RTT, loss`,
            value: `${ms(t.rttMs)}, ${pct(t.lossRate)}`,
          },
          {
            label: `${p.label}: measured (Mathis)`,
            value: `${mbps(t.goodputMbps)} (${mbps(t.mathisMbps)})`,
          },
        ];
      });
    },
  },
  {
    id: 'table',
    title: 'Figure 2, simulated',
    stage: [{ view: 'tcp-charts', parts: ['table'] }, 'map'],
    question: {
      id: 'cross-continent-mbps',
      kind: 'number',
      purpose: 'predict',
      prompt: `Use the Mathis formula, rate = (MSS / RTT) × √(3/4) / √p, with this lab’s settings: MSS 1,460 bytes, delayed ACKs, an effective RTT of ${crossRow.latencyMs} ms × ${PATH_INFLATION} = ${(crossRow.latencyMs * PATH_INFLATION).toFixed(1)} ms and loss ${pct(crossRow.loss)}. What throughput do you predict the packet-level simulation measures on the cross-continent row, in Mbit/s?`,
      unit: 'Mbit/s',
      expected: (m) => {
        const g = groups(result(m, 'table') ?? []).find((x) => x.group === crossRow.label);
        return g?.meanMbps;
      },
      tolerance: { relative: 0.25 },
      explanation:
        'The formula gives 1,460 × 8 bits / 0.0864 s × 0.866 / 0.1 ≈ 1.17 Mbit/s. The simulated sender lands a little below it: the formula assumes every loss is repaired by fast retransmit, while real TCP sometimes waits for a timeout. PFTK, which counts timeouts, is closer.',
    },
    controls: [
      {
        id: 'inflation',
        label: 'Path inflation (effective RTT = the row’s latency × this)',
        ...INFLATION_RANGE,
        initial: PATH_INFLATION,
      },
    ],
    findings: (m) => {
      const c = m.context;
      const judged = result(m, 'table')
        ? tableFindings(result(m, 'table'), 'judged run: ')
        : runNow(m, 'table', 'table', 'Figure 2’s rows, three runs each, at full speed');
      if (c.triedInflation === null) return judged;
      const tried = result(m, 'tableTried');
      const prefix = `inflation ${c.triedInflation.toFixed(1)}: `;
      return judged.concat(
        tried
          ? tableFindings(tried, prefix)
          : [
              {
                label: 'the run now',
                value: `the table again with path inflation ${c.triedInflation.toFixed(1)}`,
              },
            ],
      );
    },
  },
  {
    id: 'heatmap',
    title: 'Loss versus latency',
    stage: [{ view: 'tcp-charts', parts: ['heatmap'] }],
    question: {
      id: 'rtt-or-loss',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'Start from a path with a 50 ms round trip and 0.5 % loss. Which costs a long transfer more throughput: doubling the round trip to 100 ms, or doubling the loss to 1 %?',
      choices: [
        { id: 'rtt', label: 'Doubling the round trip' },
        { id: 'loss', label: 'Doubling the loss' },
        { id: 'same', label: 'They cost the same' },
      ],
      correct: rttOrLoss,
      explanation:
        'In the Mathis formula the round trip divides the rate directly and the loss only under a square root: twice the RTT halves the throughput, twice the loss divides it by √2 ≈ 1.4. At high loss, timeouts make loss hurt more than that (PFTK’s second term), which the bottom rows of the map show.',
    },
    findings: (m) => {
      const g = result(m, 'grid');
      const base = cell(g, Q_RTT, Q_LOSS);
      if (base === undefined)
        return runNow(
          m,
          'heatmap',
          'grid',
          `${g?.length ?? GRID_RTT_MS.length * GRID_LOSS.length} transfers at full speed`,
        );
      return [
        { label: 'cells simulated', value: String(g!.length) },
        { label: '50 ms, 0.5 %', value: mbps(base) },
        { label: '100 ms, 0.5 %', value: mbps(cell(g, Q_RTT + 1, Q_LOSS)) },
        { label: '50 ms, 1 %', value: mbps(cell(g, Q_RTT, Q_LOSS + 1)) },
      ];
    },
  },
  {
    id: 'today',
    title: 'Since 2009: SACK, CUBIC and BBR',
    stage: [{ view: 'tcp-charts', parts: ['heatmap', 'table'] }],
    question: {
      id: 'bbr-far',
      kind: 'choice',
      purpose: 'predict',
      prompt: `Multi-continent row (${ms(farRow.latencyMs * PATH_INFLATION)}, ${pct(farRow.loss)} loss), ${TODAY_LINK_MBPS} Mbit/s link: how fast is BBR beside NewReno, both with SACK?`,
      choices: [
        { id: 'same', label: 'About the same: loss sets the rate' },
        { id: 'few', label: '2 to 10 times faster' },
        { id: 'tens', label: '10 times or more, well below the link' },
        { id: 'link', label: `Close to the ${TODAY_LINK_MBPS} Mbit/s link` },
      ],
      correct: (m) => {
        const r = result(m, 'today');
        const bbr = conn(r, todayName('bbr', farRow.label))?.goodputMbps;
        const reno = conn(r, todayName('newreno', farRow.label))?.goodputMbps;
        if (bbr === undefined || reno === undefined) return undefined;
        if (bbr > 0.5 * TODAY_LINK_MBPS) return 'link';
        const ratio = bbr / reno;
        return ratio < 2 ? 'same' : ratio < 10 ? 'few' : 'tens';
      },
      explanation:
        'BBR paces at the bottleneck rate it measures and does not take a random loss for congestion, so the link sets its rate, not √p: on its map it stays near the link in almost every cell, where NewReno falls below 1 Mbit/s. NewReno with SACK follows the Mathis formula as 2009’s TCP did, with hardly a timeout; CUBIC is faster on long paths (up to some 2.5 times) but still falls with loss. The paradox stays with loss-based senders.',
    },
    findings: (m) => {
      const r = result(m, 'today');
      if (!r)
        return runNow(
          m,
          'today',
          'today',
          `Figure 2’s rows for three senders, ${TODAY_RUN_S} simulated seconds each, and each sender’s sweep, at full speed`,
        );
      // The stage's table has every row per sender; the far row (the question's) also stands
      // here beside 2009's TCP as the table step measured it.
      const old = result(m, 'table');
      return [farRow]
        .map((row): Finding => {
          const now = TODAY_VARIANTS.map(
            ({ variant }) =>
              `${variant} ${mbps(conn(r, todayName(variant, row.label))?.goodputMbps)}`,
          ).join(' · ');
          const was = groups(old ?? []).find((g) => g.group === row.label)?.meanMbps;
          return {
            label: `${row.label}: with SACK (paper; 2009’s TCP here)`,
            value: `${now} (${row.paperMbps} Mbit/s; ${mbps(was)})`,
          };
        })
        .concat(sweepFindings(r, result(m, 'grid')));
    },
  },
  {
    id: 'edge',
    title: 'The way out: a server near the user',
    stage: [{ view: 'tcp-charts', parts: ['charts', 'table'] }],
    question: {
      id: 'edge-gain',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'A user in Tokyo downloads a large file. The origin is in New York. How many times lower is the throughput straight from New York than from an edge server in Tokyo that already holds the file?',
      choices: RATIO_CHOICES,
      correct: (m) => {
        const r = result(m, 'edge');
        const near = conn(r, 'edge-hit');
        const far = conn(r, 'direct');
        return near && far ? ratioBucket(near.goodputMbps, far.goodputMbps) : undefined;
      },
      explanation:
        'From the Tokyo edge the round trip is a few milliseconds and the loss is the last mile’s, so the window opens far enough to carry tens of megabits per second. When the edge must first fetch the file, the middle mile sets the pace: relaying over the same lossy route gains little; a cleaner route, an already-open connection and parallel fetches are what make the difference.',
    },
    findings: (m) => {
      const r = result(m, 'edge');
      if (!r)
        return runNow(
          m,
          'edge',
          'edge',
          `five downloads side by side, ${EDGE_END_S - 1} simulated seconds`,
        );
      const shown: [string, string][] = [
        ['direct', 'straight from New York'],
        ['edge-hit', 'Tokyo edge, file cached'],
        ['relay-same', 'relayed, same route'],
        ['relay-one', `relayed, clean route (${pct(CLEAN_MIDDLE_LOSS)} loss)`],
        ['relay-clean', `relayed, ${PARALLEL_FETCHES} clean connections`],
      ];
      return shown.flatMap(([name, label]): Finding[] => {
        const t = conn(r, name);
        return t
          ? [{ label, value: `${mbps(t.goodputMbps)}, 4 GB in ${hours(t.downloadHours)}` }]
          : [];
      });
    },
  },
  { id: 'done', title: 'What you saw', stage: ['map'] },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['tcp-charts'],
  viewOptions: {
    'tcp-charts': {
      // The table puts the paper's rows beside the simulated ones; the heat map marks them.
      paper: {
        source: 'Leighton 2009, Figure 2',
        rows: FIGURE2_ROWS,
        pathInflation: PATH_INFLATION,
      },
      heatmapGroup: GRID_GROUP,
      // The since-2009 step: each sender's sweep, and its runs of the paper's rows.
      heatmaps: TODAY_VARIANTS.map(({ variant, label, short }) => ({
        group: todayGridGroup(variant),
        label: short,
        rowsGroup: label,
      })),
      heatmapsNote: `As in the paper: random loss. Not as in the paper (NewReno, no SACK, no bottleneck): SACK, and a ${TODAY_LINK_MBPS} Mbit/s link on every path.`,
    },
  },
});
