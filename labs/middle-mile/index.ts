/**
 * The middle-mile lab (Leighton 2009, "the middle mile"; issue 18): the Internet as networks
 * that route by BGP. A cable cut leaves a network unreachable while the others explore paths to
 * it for tens of seconds (Labovitz et al. 2000), as long as the MRAI makes them wait; two tier-1s
 * stop peering and strand each other's single-homed customers (Cogent and Telia, 2008); and the
 * YouTube hijack of 24 February 2008 is replayed with its real prefixes and order (RIPE NCC).
 * Then the CDN's overlay (overlaySteps.ts): a faster path through a third server that BGP does
 * not see (Detour), the overlay around a silent cable while BGP waits for its hold timer (RON),
 * and a server's own access link that nothing routes around (Gummadi et al.). Every figure comes
 * from the bgp model's routing trees and UPDATEs and the overlay model's requests and rows.
 */
import type { Finding, Measurements, StagePane, StageParts } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import { about } from './about';
import { overlaySteps } from './overlaySteps';
import { HIJACK_STAGES, machine, type HijackStage, type LabContext } from './machine';
import type { CutResult, FailoverResult, StageResult } from './measure';
import {
  BOSTON,
  BOSTON_OTHER_PROVIDER,
  FRANKFURT_TIER1,
  LONDON,
  NETWORKS,
  NEW_YORK_TIER1,
  PAKISTAN,
  PCCW,
  YOUTUBE,
  customersOf,
  networkName,
  providersOf,
} from './places';
import {
  HIJACK_CLOCK,
  HIJACK_TAIL_S,
  HIJACKED_24,
  MRAI_DEFAULT,
  MRAI_RANGE,
  YOUTUBE_WWW,
  hijackSecond,
  simulation,
} from './scenario';

const results = (m: Measurements<LabContext>) => m.context.results ?? {};

const seconds = (s: number) => `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
const names = (nets: readonly number[]) =>
  nets.length === 0 ? 'none' : nets.map(networkName).join(', ');

/** While a step's run is under way: what it is doing (nothing before the prediction or after). */
function runNow(
  m: Measurements<LabContext>,
  step: string,
  done: boolean,
  doing: string,
): Finding[] {
  if (!m.context.answered?.[step] || done) return [];
  return [{ label: 'the run now', value: `${doing}; the verdict comes at its end` }];
}

// --- the cable cut ---

const QUIET_CHOICES = [
  { id: 'instant', label: 'Under a second' },
  { id: 'seconds', label: 'A few seconds (1 to 10 s)' },
  { id: 'tens', label: 'Tens of seconds (10 to 60 s)' },
  { id: 'minutes', label: 'Minutes (more than 60 s)' },
];

/** The choice a time after the cut falls in. */
export function quietBucket(s: number): string {
  if (s < 1) return 'instant';
  if (s < 10) return 'seconds';
  if (s <= 60) return 'tens';
  return 'minutes';
}

function cutFindings(r: CutResult | undefined, prefix: string): Finding[] {
  if (!r) return [];
  return [
    { label: `${prefix}MRAI`, value: `${r.mraiSeconds} s` },
    {
      label: `${prefix}last UPDATE about London's prefix`,
      value: `${seconds(r.quietSeconds)} after the cut`,
    },
    { label: `${prefix}UPDATEs about it`, value: String(r.updates) },
    {
      label: `${prefix}AS paths announced for it after the cut`,
      value: r.paths.length === 0 ? 'none' : r.paths.join(' · '),
    },
    {
      label: `${prefix}last change of its routing tree`,
      value: `${seconds(r.treeSettledSeconds)} after the cut`,
    },
    {
      label: `${prefix}networks reaching it, before / after`,
      value: `${r.reachBefore} / ${r.reachAfter} of ${NETWORKS}`,
    },
  ];
}

function failoverFindings(r: FailoverResult | undefined): Finding[] {
  if (!r) return [];
  const hit = r.outage.filter((s) => s > 0).length;
  return [
    {
      label: `${networkName(BOSTON)}, two providers, one cut: networks that lost it for a while`,
      value: `${hit} of ${NETWORKS}`,
    },
    {
      label: 'the longest any of them was without a path',
      value: seconds(Math.max(...r.outage)),
    },
  ];
}

// --- the de-peering ---

const singleHomedOf = (net: number) => customersOf(net).filter((c) => providersOf(c).length === 1);

/** Which choice the networks that lost London's network make, by who they are. */
export function whoLost(lost: readonly number[]): string {
  const set = new Set(lost);
  const single = [NEW_YORK_TIER1, ...singleHomedOf(NEW_YORK_TIER1)];
  const allNy = [NEW_YORK_TIER1, ...customersOf(NEW_YORK_TIER1)];
  const same = (xs: number[]) => xs.length === set.size && xs.every((x) => set.has(x));
  if (set.size === 0) return 'none';
  if (same(single)) return 'single';
  if (same(allNy)) return 'allNy';
  return 'all';
}

// --- the hijack ---

const STAGE_LABELS: Record<HijackStage, string> = {
  before: `before ${HIJACK_CLOCK[0].utc}`,
  hijack: `${HIJACK_CLOCK[0].utc}–${HIJACK_CLOCK[1].utc}, Pakistan Telecom's /24`,
  answer: `${HIJACK_CLOCK[1].utc}–${HIJACK_CLOCK[2].utc}, YouTube's /24 too`,
  moreSpecific: `${HIJACK_CLOCK[2].utc}–${HIJACK_CLOCK[3].utc}, YouTube's /25s`,
  withdrawn: `after ${HIJACK_CLOCK[3].utc}, the hijack withdrawn`,
};

/** Where the networks' packets for YouTube's address went at one stage. */
export function whereTo(r: StageResult | undefined): string | undefined {
  if (!r) return undefined;
  if (r.toOwner.length > 0 && r.toHijacker.length > 0) return 'split';
  if (r.lost.length > 0) return 'lost';
  return r.toHijacker.length > 0 ? 'hijacker' : 'owner';
}

function stageFinding(r: StageResult | undefined, stage: HijackStage): Finding[] {
  if (!r) return [];
  return [
    {
      label: STAGE_LABELS[stage],
      value: `to YouTube ${r.toOwner.length} · to Pakistan Telecom ${r.toHijacker.length} · lost ${r.lost.length}`,
    },
  ];
}

/** The BGP view with the parts a step is about. */
const routes = (...parts: StageParts['bgp-routing'][]): StagePane => ({
  view: 'bgp-routing',
  parts,
});

const steps: LabStepInput<LabContext>[] = [
  // The intro's run sits at its start: the converged Internet's routes to London's network.
  { id: 'intro', title: 'Thirteen networks and BGP', stage: [routes('tree'), 'map'] },
  overlaySteps.blindStep,
  {
    id: 'cut',
    title: 'A cable cut',
    stage: [routes('tree', 'log')],
    question: {
      id: 'cut-quiet',
      kind: 'choice',
      purpose: 'predict',
      prompt: `London's network has one cable, to its provider in Frankfurt, and it is cut. With the MRAI at ${MRAI_DEFAULT} s, how long after the cut do the networks go on sending UPDATEs about London's prefix?`,
      choices: QUIET_CHOICES,
      correct: (m) => {
        const r = results(m).cut;
        return r ? quietBucket(r.quietSeconds) : undefined;
      },
      explanation:
        "London's prefix is withdrawn at once, but networks that heard it from several neighbours still hold older paths to it. Each tries the next one it knows and announces it, and every new message on a session waits for that session's MRAI: the bad news spreads one interval at a time (path exploration). The packets were lost from the first instant.",
    },
    controls: [
      {
        id: 'mrai',
        label: 'MRAI (MinRouteAdvertisementInterval) for a rerun of the cut',
        ...MRAI_RANGE,
        initial: MRAI_DEFAULT,
        unit: 's',
      },
    ],
    findings: (m) => {
      const r = results(m);
      return [
        ...runNow(
          m,
          'cut',
          r.failover !== undefined,
          r.cut ? "now one of Boston's two links" : "London's only link, played until BGP is quiet",
        ),
        ...cutFindings(r.cut, ''),
        ...failoverFindings(r.failover),
        ...(m.context.triedMrai !== null && m.context.triedMrai !== undefined && !r.cutTried
          ? [{ label: 'rerun', value: `the cut again with an MRAI of ${m.context.triedMrai} s` }]
          : []),
        ...cutFindings(r.cutTried, 'rerun: '),
      ];
    },
    whatIfs: [
      {
        id: 'boston-both',
        label: `Cut Boston’s cable to ${networkName(BOSTON_OTHER_PROVIDER)} too`,
        command: { type: 'bgp.cutLink', networkA: BOSTON, networkB: BOSTON_OTHER_PROVIDER },
        atS: 5,
      },
    ],
  },
  {
    id: 'depeer',
    title: 'Two big networks stop peering',
    stage: [routes('tree', 'reach')],
    question: {
      id: 'depeer-who',
      kind: 'choice',
      purpose: 'predict',
      prompt: `Frankfurt's and New York's tier-1s stop peering. Who loses London, a customer of Frankfurt's tier-1 alone?`,
      choices: [
        { id: 'none', label: 'No one: others carry the traffic round' },
        {
          id: 'single',
          label: 'New York’s tier-1 and its single-homed customers',
        },
        {
          id: 'allNy',
          label: 'New York’s tier-1 and all its customers',
        },
        { id: 'all', label: 'Everyone outside Frankfurt’s customers' },
      ],
      correct: (m) => {
        const r = results(m).depeer;
        return r ? whoLost(r.lostAfter) : undefined;
      },
      explanation:
        "A tier-1 has no provider. Routes heard from a peer or a provider go to customers only (valley-free export, Gao and Rexford 2001), so no other network carries traffic between the two tier-1s' sides. New York's tier-1 and the networks that buy only from it lose London; those with a second provider reach it that way: multihoming saves them.",
    },
    findings: (m) => {
      const r = results(m).depeer;
      return [
        ...runNow(m, 'depeer', r !== undefined, 'the de-peering, played for 20 simulated seconds'),
        ...(r
          ? [
              { label: 'could not reach London before', value: names(r.lostBefore) },
              { label: 'cannot reach London after', value: names(r.lostAfter) },
              {
                label: `customers of ${networkName(NEW_YORK_TIER1)} that still reach it`,
                value: names(customersOf(NEW_YORK_TIER1).filter((c) => !r.lostAfter.includes(c))),
              },
            ]
          : []),
      ];
    },
  },
  {
    id: 'hijack',
    title: 'The YouTube hijack, replayed',
    stage: [routes('tree', 'reach')],
    question: {
      id: 'hijack-answer',
      kind: 'choice',
      purpose: 'predict',
      prompt: `At ${HIJACK_CLOCK[1].utc} YouTube announces the hijacked ${HIJACKED_24} itself. Where do packets for ${YOUTUBE_WWW} go next?`,
      choices: [
        { id: 'owner', label: 'All back to YouTube, the owner' },
        {
          id: 'split',
          label: 'Some to YouTube, some to Pakistan Telecom',
        },
        { id: 'hijacker', label: 'All still to Pakistan Telecom' },
        { id: 'lost', label: 'Some nowhere: two origins confuse routers' },
      ],
      correct: (m) => whereTo(results(m).answer),
      explanation:
        "Two announcements of one /24 are two routes to choose from: nobody checks who owns a prefix. Each network applies its usual rules (a customer's route first, then the shorter AS path, then the route it already has), so some come back to YouTube and some stay with the hijacker. YouTube's /25s end it: more specific, they win everywhere.",
    },
    findings: (m) => {
      const r = results(m);
      return [
        ...runNow(
          m,
          'hijack',
          r.withdrawn !== undefined,
          `the evening of 24 February 2008, one real minute a simulated second, ${hijackSecond(HIJACK_CLOCK[3].utc) + HIJACK_TAIL_S} s in all`,
        ),
        ...HIJACK_STAGES.flatMap((s) => stageFinding(r[s], s)),
        ...(r.before
          ? [
              {
                label: 'stand-ins',
                value: `YouTube ${networkName(YOUTUBE)}, Pakistan Telecom ${networkName(PAKISTAN)}, PCCW ${networkName(PCCW)}`,
              },
            ]
          : []),
      ];
    },
  },
  overlaySteps.overlayStep,
  overlaySteps.limitsStep,
  { id: 'done', title: 'What you saw', stage: [routes('tree', 'reach')] },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['bgp-routing', 'overlay-paths'],
  viewOptions: {
    'bgp-routing': {
      rightfulOrigin: { [YOUTUBE_WWW]: YOUTUBE },
      labels: {
        [LONDON]: 'London',
        [BOSTON]: 'Boston',
        [FRANKFURT_TIER1]: 'Frankfurt tier-1',
        [NEW_YORK_TIER1]: 'New York tier-1',
        [YOUTUBE]: 'YouTube’s stand-in',
        [PAKISTAN]: 'Pakistan Telecom’s stand-in',
        [PCCW]: 'PCCW’s stand-in',
      },
    },
  },
});
