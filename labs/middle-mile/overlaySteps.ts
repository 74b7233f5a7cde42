/**
 * The middle-mile lab's overlay steps: BGP's blindness to delay (a faster path through a third
 * server, and how many pairs have one), the overlay around a cable that goes silent, and its
 * limits (a server's own access link). Each is judged on the overlay model's measurements.
 */
import type { Finding, Measurements, StagePane, StageParts } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import type { LabContext } from './machine';
import { EDGE_END_S, FOLLOWED_PAIR } from './machine';
import type { BlindResult, RecoveryResult } from './overlayMeasure';
import { BOSTON_SERVER, TOKYO_SERVER, networkName, serverName } from './places';
import {
  FASTER_BY_MS,
  FLOW_EVERY_S,
  OVERLAY_END_S,
  OVERLAY_EVENT_AT_S,
  ROWS_AT_S,
} from './scenario';

const results = (m: Measurements<LabContext>) => m.context.results ?? {};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The overlay view with the parts a step is about, and the BGP view's. */
const overlayView = (...parts: StageParts['overlay-paths'][]): StagePane => ({
  view: 'overlay-paths',
  parts,
});
const routes = (...parts: StageParts['bgp-routing'][]): StagePane => ({
  view: 'bgp-routing',
  parts,
});

function runNow(m: Measurements<LabContext>, step: string, done: boolean, doing: string) {
  if (!m.context.answered?.[step] || done) return [];
  return [{ label: 'the run now', value: `${doing}; the verdict comes at its end` }];
}

// --- BGP is blind to performance ---

/** Which choice a share of pairs with a faster relay falls in. */
export function shareBucket(faster: number, pairs: number): string {
  const share = pairs === 0 ? 0 : faster / pairs;
  if (share === 0) return 'none';
  if (share < 0.1) return 'few';
  if (share < 0.3) return 'some';
  return 'many';
}

function blindFindings(r: BlindResult | undefined): Finding[] {
  if (!r) return [];
  const f = r.followed;
  return [
    {
      label: `BGP's route from ${serverName(TOKYO_SERVER)} to ${serverName(FOLLOWED_PAIR.to)}`,
      value: r.bgpPath.map(networkName).join(' → '),
    },
    ...(f
      ? [
          { label: 'its round trip, as the servers measured it', value: ms(f.directMs) },
          {
            label: `through ${serverName(f.via)} instead`,
            value: `${ms(f.viaMs)} (${ms(f.directMs - f.viaMs)} ${f.viaMs < f.directMs ? 'faster' : 'slower'})`,
          },
        ]
      : []),
    {
      label: `server pairs with a path through a third server at least ${FASTER_BY_MS} ms faster`,
      value: `${r.faster} of ${r.pairs} (${((100 * r.faster) / r.pairs).toFixed(1)} %)`,
    },
  ];
}

const blindStep: LabStepInput<LabContext> = {
  id: 'blind',
  title: 'BGP is blind to delay',
  stage: [overlayView('paths')],
  question: {
    id: 'blind-share',
    kind: 'choice',
    purpose: 'predict',
    prompt: `For how many ordered pairs of the CDN's servers is a path through a third server at least ${FASTER_BY_MS} ms faster than BGP's route?`,
    choices: [
      { id: 'none', label: 'None: BGP already gives every pair its fastest path' },
      { id: 'few', label: 'A few: under 10 % of the pairs' },
      { id: 'some', label: 'Some: 10 to 30 %' },
      { id: 'many', label: 'Many: 30 % or more, as Detour measured in 1999' },
    ],
    correct: (m) => {
      const r = results(m).blind;
      return r ? shareBucket(r.faster, r.pairs) : undefined;
    },
    explanation:
      "BGP chooses by who pays whom and by counting networks, never by delay. Tokyo's tier-1 hears Washington's prefix from two peers, both routes two networks long, and the tie-break picks Frankfurt's: the long way round. In this small Internet few pairs gain so; real routes wander far more (Detour: 30 to 80 %).",
  },
  findings: (m) => [
    ...runNow(
      m,
      'blind',
      results(m).blind !== undefined,
      `the servers probing each other for ${ROWS_AT_S} simulated seconds`,
    ),
    ...blindFindings(results(m).blind),
  ],
};

// --- the overlay around a silent cable, and its limits ---

/**
 * "Soon", s: RON's slowest detection of a dead path (a probe interval of up to 15 s, then four
 * probes lost 3 s apart: 27 s) and a request's 3 s timeout fit in it; BGP's hold timer (60 to
 * 90 s after a silence) does not.
 */
export const SOON_S = 45;

export const RECOVERY_CHOICES = [
  { id: 'both-soon', label: `Both within ${SOON_S} s` },
  { id: 'overlay-first', label: `Over the overlay within ${SOON_S} s; directly later, if ever` },
  { id: 'both-late', label: 'Both only later: the overlay waits for BGP too' },
  { id: 'neither', label: 'Neither, for as long as the run lasts' },
];

/** Which choice a flow's recovery falls in: back soon, later, or not at all. */
export function recoveryBucket(r: RecoveryResult): string {
  const { directBackS: direct, overlayBackS: overlay } = r;
  const soon = (s: number | null) => s !== null && s <= SOON_S;
  if (overlay === null) return direct === null ? 'neither' : 'both-late';
  if (!soon(overlay)) return 'both-late';
  return soon(direct) ? 'both-soon' : 'overlay-first';
}

const back = (s: number | null) =>
  s === null ? 'not by the end of the run' : s === 0 ? 'never lost' : `${s.toFixed(1)} s after`;

function recoveryFindings(r: RecoveryResult | undefined, event: string): Finding[] {
  if (!r) return [];
  return [
    {
      label: `requests from ${serverName(TOKYO_SERVER)} to ${serverName(BOSTON_SERVER)} sent from ${event} on`,
      value: `${r.requests}, one every ${FLOW_EVERY_S} s`,
    },
    {
      label: 'sent directly: failed · first through again',
      value: `${r.directFailed} · ${back(r.directBackS)}`,
    },
    {
      label: 'over the overlay: failed · first through again',
      value: `${r.overlayFailed} · ${back(r.overlayBackS)}`,
    },
    {
      label: 'servers the overlay relayed through',
      value: r.relays.length === 0 ? 'none' : r.relays.map(serverName).join(', '),
    },
  ];
}

const overlayStep: LabStepInput<LabContext> = {
  id: 'overlay',
  title: 'The overlay around a silent cable',
  stage: [overlayView('requests'), routes('tree')],
  question: {
    id: 'overlay-back',
    kind: 'choice',
    purpose: 'predict',
    prompt: `Boston's cable to New York's tier-1 goes silent at ${OVERLAY_EVENT_AT_S} s. When do Tokyo's requests to Boston's server get through again, directly and over the overlay?`,
    choices: RECOVERY_CHOICES,
    correct: (m) => {
      const r = results(m).around;
      return r ? recoveryBucket(r) : undefined;
    },
    explanation:
      "No router sees a silent cable go: BGP sends packets into it until the hold timer expires, then takes Boston's other provider. The overlay's servers notice lost probes and failed requests within seconds, race the direct path against two relays, and take Washington's server, whose paths avoid the cable.",
  },
  findings: (m) => [
    ...runNow(
      m,
      'overlay',
      results(m).around !== undefined,
      `the silence and ${OVERLAY_END_S - OVERLAY_EVENT_AT_S} simulated seconds after it`,
    ),
    ...recoveryFindings(results(m).around, 'the silence'),
  ],
};

const limitsStep: LabStepInput<LabContext> = {
  id: 'limits',
  title: 'What an overlay cannot route around',
  stage: [overlayView('requests', 'paths')],
  question: {
    id: 'limits-back',
    kind: 'choice',
    purpose: 'predict',
    prompt: `Now the link between Boston's server and its own network fails, at ${OVERLAY_EVENT_AT_S} s. When do Tokyo's requests to it get through again, directly and over the overlay?`,
    choices: RECOVERY_CHOICES,
    correct: (m) => {
      const r = results(m).edge;
      return r ? recoveryBucket(r) : undefined;
    },
    explanation:
      'Every path to the server, direct or through any relay, ends on that one link. Probes to it are lost from every member, so the overlay deems it down everywhere, and no relay helps. An overlay routes around trouble in the middle; a failure at the edge needs a second link: multihoming.',
  },
  findings: (m) => [
    ...runNow(
      m,
      'limits',
      results(m).edge !== undefined,
      `the failed link and ${EDGE_END_S - OVERLAY_EVENT_AT_S} simulated seconds after it`,
    ),
    ...recoveryFindings(results(m).edge, 'the failure'),
  ],
};

export const overlaySteps = { blindStep, overlayStep, limitsStep };
