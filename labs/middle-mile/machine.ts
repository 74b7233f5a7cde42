/**
 * The middle-mile lab as a statechart. Each experiment step waits for the student's prediction,
 * builds a fresh classroom Internet with the bgp model (converged before the run starts),
 * plays a timeline on it (the cable cut, the de-peering, the hijack's announcements, each at its
 * simulated second) and keeps the routing trees and UPDATEs the model reports. A run is a list
 * of stages: each sends its commands while the run is paused at its start second, plays to its
 * end second exactly, and may record what was measured by then (the hijack records one result
 * per stage). The cut step's MRAI control reruns the cut with the student's interval, beside the
 * judged run at RFC 4271's 30 s. The overlay steps' runs are timelines too, keeping the overlay
 * model's rows or its flow's requests.
 */
import { assign, not, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import {
  buildState,
  labGuards,
  noteAnswered,
  runState,
  type ExperimentRun,
  type FromContext,
} from '@lab/experiment';
import type { LabRuntimeEvent } from '@lab/types';
import {
  cutResult,
  depeerResult,
  emptyTrace,
  failoverResult,
  FLOW_REQUEST,
  ROW,
  stageResult,
  traceEvent,
  treeAt,
  TREE,
  UPDATE,
  type CutResult,
  type DepeerResult,
  type FailoverResult,
  type Heard,
  type RoutingTreeSeen,
  type RunTrace,
  type StageResult,
  type UpdateSeen,
} from './measure';
import {
  BOSTON,
  BOSTON_ADDRESS,
  FRANKFURT_TIER1,
  LONDON,
  LONDON_ADDRESS,
  LONDON_PREFIX,
  BOSTON_SERVER,
  BOSTON_SERVER_ACCESS,
  NEW_YORK_TIER1,
  PAKISTAN,
  TOKYO_SERVER,
  WASHINGTON_SERVER,
  YOUTUBE,
  addressOf,
  networkOfServer,
} from './places';
import {
  CUT_END_S,
  CUT_SLOW,
  CUT_SPEED_NS,
  DEPEER_END_S,
  DEPEER_SPEED_NS,
  HIJACK_CLOCK,
  HIJACK_SPEED_NS,
  HIJACK_TAIL_S,
  HIJACKED_24,
  MRAI_DEFAULT,
  YOUTUBE_22,
  YOUTUBE_25S,
  YOUTUBE_WWW,
  OVERLAY_END_S,
  OVERLAY_EVENT_AT_S,
  OVERLAY_SPEED_NS,
  ROWS_AT_S,
  FASTER_BY_MS,
  bgpConfig,
  flow,
  hijackSecond,
  runConfig,
} from './scenario';
import {
  forwardingPath,
  recoveryResult,
  relayPairs,
  type BlindResult,
  type RecoveryResult,
} from './overlayMeasure';

type LabEvent = LabRuntimeEvent | Heard<RoutingTreeSeen> | Heard<UpdateSeen>;

/** The hijack's stages, each until the next event: before it, the hijack, YouTube's /24, its /25s, withdrawn. */
export const HIJACK_STAGES = ['before', 'hijack', 'answer', 'moreSpecific', 'withdrawn'] as const;
export type HijackStage = (typeof HIJACK_STAGES)[number];

/**
 * `cutTried`: the cut again with the student's MRAI, beside the judged one; `blind`, `around`
 * and `edge`: the overlay steps' runs (relays measured; the overlay around a silent cable; a
 * server's own access link failed).
 */
export type RunName =
  'cut' | 'cutTried' | 'failover' | 'depeer' | HijackStage | 'blind' | 'around' | 'edge';

export interface LabContext {
  answered: Record<string, boolean>;
  /** what the run under way has reported */
  trace: RunTrace;
  results: {
    cut?: CutResult;
    cutTried?: CutResult;
    failover?: FailoverResult;
    depeer?: DepeerResult;
    blind?: BlindResult;
    around?: RecoveryResult;
    edge?: RecoveryResult;
  } & Partial<Record<HijackStage, StageResult>>;
  /** the cut step's MRAI control now, s (the judged run always uses the default) */
  mrai: number;
  /** the MRAI the `cutTried` run was built with (null: no try yet) */
  triedMrai: number | null;
}

/** What a stage records when it ends (the stage's result, by its kind), or nothing. */
type Record_ =
  | { name: 'cut' | 'cutTried'; kind: 'cut' }
  | { name: 'failover'; kind: 'failover' }
  | { name: 'depeer'; kind: 'depeer' }
  | { name: HijackStage; kind: 'stage' }
  | { name: 'blind'; kind: 'relays' }
  | { name: 'around' | 'edge'; kind: 'recovery' }
  | { kind: 'none' };

/** A stage of a run: commands sent at its start, played to its end second, then recorded. */
interface Stage {
  commands: readonly unknown[];
  untilS: FromContext<number, LabContext>;
  speed: number | 'fast';
  slow?: { nsPerSecond: number; forMs: number };
  record: Record_;
}

interface TimelineRun {
  /** the state names' prefix */
  id: string;
  config: FromContext<unknown, LabContext>;
  /** the addresses whose trees the run keeps (those its configuration watches) */
  watch: readonly string[];
  /** the overlay's observations it keeps too (its requests, its rows), by type */
  overlay?: readonly string[];
  stages: Stage[];
}

/** The second the cut and the de-peering happen: after a moment of the converged Internet. */
export const EVENT_AT_S = 1;

const cutLink = { type: 'bgp.cutLink', networkA: LONDON, networkB: FRANKFURT_TIER1 };
const cutRun = (id: string, name: 'cut' | 'cutTried', mrai: FromContext<number, LabContext>) => {
  const mraiOf = (c: LabContext) => (typeof mrai === 'function' ? mrai(c) : mrai);
  return {
    id,
    config: (c: LabContext) => runConfig(bgpConfig([LONDON_ADDRESS], mraiOf(c))),
    watch: [LONDON_ADDRESS],
    stages: [
      { commands: [], untilS: EVENT_AT_S, speed: CUT_SLOW.nsPerSecond, record: { kind: 'none' } },
      {
        commands: [cutLink],
        untilS: (c: LabContext) => EVENT_AT_S + CUT_END_S(mraiOf(c)),
        speed: name === 'cut' ? CUT_SPEED_NS : 'fast',
        slow: name === 'cut' ? CUT_SLOW : undefined,
        record: { name, kind: 'cut' },
      },
    ],
  } satisfies TimelineRun;
};

/** The second cable: one of Boston's two, the one to New York's tier-1. */
export const FAILOVER_END_S = EVENT_AT_S + 35;
const FAILOVER_RUN: TimelineRun = {
  id: 'failover',
  config: runConfig(bgpConfig([BOSTON_ADDRESS])),
  watch: [BOSTON_ADDRESS],
  stages: [
    { commands: [], untilS: EVENT_AT_S, speed: CUT_SLOW.nsPerSecond, record: { kind: 'none' } },
    {
      commands: [{ type: 'bgp.cutLink', networkA: BOSTON, networkB: NEW_YORK_TIER1 }],
      untilS: FAILOVER_END_S,
      speed: CUT_SPEED_NS,
      slow: CUT_SLOW,
      record: { name: 'failover', kind: 'failover' },
    },
  ],
};

const announce = (network: number, prefix: string) => ({ type: 'bgp.announce', network, prefix });
const HIJACK_AT = HIJACK_CLOCK.map((e) => hijackSecond(e.utc));
const hijackStage = (commands: unknown[], untilS: number, name: HijackStage): Stage => ({
  commands,
  untilS,
  speed: HIJACK_SPEED_NS,
  record: { name, kind: 'stage' },
});

/** The hijack, replayed: the stage before each event ends where the event happens. */
const HIJACK_RUN: TimelineRun = {
  id: 'hijack',
  config: runConfig(bgpConfig([YOUTUBE_WWW])),
  watch: [YOUTUBE_WWW],
  stages: [
    hijackStage([announce(YOUTUBE, YOUTUBE_22)], HIJACK_AT[0], 'before'),
    hijackStage([announce(PAKISTAN, HIJACKED_24)], HIJACK_AT[1], 'hijack'),
    hijackStage([announce(YOUTUBE, HIJACKED_24)], HIJACK_AT[2], 'answer'),
    hijackStage(
      YOUTUBE_25S.map((p) => announce(YOUTUBE, p)),
      HIJACK_AT[3],
      'moreSpecific',
    ),
    hijackStage(
      [{ type: 'bgp.withdraw', network: PAKISTAN, prefix: HIJACKED_24 }],
      HIJACK_AT[3] + HIJACK_TAIL_S,
      'withdrawn',
    ),
  ],
};

const DEPEER_RUN: TimelineRun = {
  id: 'depeer',
  config: runConfig(bgpConfig([LONDON_ADDRESS])),
  watch: [LONDON_ADDRESS],
  stages: [
    { commands: [], untilS: EVENT_AT_S, speed: DEPEER_SPEED_NS, record: { kind: 'none' } },
    {
      commands: [{ type: 'bgp.depeer', networkA: FRANKFURT_TIER1, networkB: NEW_YORK_TIER1 }],
      untilS: EVENT_AT_S + DEPEER_END_S,
      speed: DEPEER_SPEED_NS,
      record: { name: 'depeer', kind: 'depeer' },
    },
  ],
};

// --- the overlay steps: the CDN's servers, probing each other beside BGP ---

/** The blind step follows this pair: BGP sends it through Frankfurt, a relay in New York is faster. */
export const FOLLOWED_PAIR = { from: TOKYO_SERVER, to: WASHINGTON_SERVER };
const WASHINGTON_ADDRESS = addressOf(networkOfServer(WASHINGTON_SERVER));

/** The servers measure each other for ROWS_AT_S, then each reports its row. */
const BLIND_RUN: TimelineRun = {
  id: 'blind',
  config: runConfig(bgpConfig([WASHINGTON_ADDRESS]), { summarySeconds: ROWS_AT_S }),
  watch: [WASHINGTON_ADDRESS],
  overlay: [ROW],
  stages: [
    {
      commands: [],
      untilS: ROWS_AT_S + 1,
      speed: OVERLAY_SPEED_NS,
      record: { name: 'blind', kind: 'relays' },
    },
  ],
};

/** The request the overlay steps follow: Tokyo's server to Boston's, across the Pacific. */
export const FLOW = 'tokyo-boston';
/** The limits step's run ends once RON's probes have long declared the server gone. */
export const EDGE_END_S = OVERLAY_EVENT_AT_S + 60;

/** A run with the flow: the overlay measures for a while, then `event` happens. */
const flowRun = (
  id: 'around' | 'edge',
  event: object,
  untilS: number,
  summarySeconds = 0,
): TimelineRun => ({
  id,
  config: runConfig(bgpConfig([BOSTON_ADDRESS]), {
    flows: [flow(FLOW, TOKYO_SERVER, BOSTON_SERVER)],
    summarySeconds,
  }),
  watch: [BOSTON_ADDRESS],
  overlay: [FLOW_REQUEST],
  stages: [
    { commands: [], untilS: OVERLAY_EVENT_AT_S, speed: OVERLAY_SPEED_NS, record: { kind: 'none' } },
    {
      commands: [event],
      untilS,
      speed: OVERLAY_SPEED_NS,
      record: { name: id, kind: 'recovery' },
    },
  ],
});

/** Boston's cable to New York's tier-1 again, silent this time: BGP waits for its hold timer. */
export const SILENCE = { type: 'bgp.silenceLink', networkA: BOSTON, networkB: NEW_YORK_TIER1 };
const AROUND_RUN = flowRun('around', SILENCE, OVERLAY_END_S);
/** Boston's server's own link fails: both ends of the link see it (a world command). */
export const EDGE_DOWN = { type: 'link.set', link: BOSTON_SERVER_ACCESS, up: false };
/** its servers report their rows every ROW_EVERY_S, so the matrix shows Boston's going dark */
export const ROW_EVERY_S = 10;
const EDGE_RUN = flowRun('edge', EDGE_DOWN, EDGE_END_S, ROW_EVERY_S);

/** What a finished stage measured, from the run's trace. */
function measured(c: LabContext, r: Record_): LabContext['results'] {
  const t = c.trace;
  switch (r.kind) {
    case 'none':
      return c.results;
    case 'cut': {
      const mrai = r.name === 'cut' ? MRAI_DEFAULT : (c.triedMrai ?? c.mrai);
      const got = cutResult(t, LONDON_PREFIX, LONDON_ADDRESS, EVENT_AT_S, mrai);
      return got ? { ...c.results, [r.name]: got } : c.results;
    }
    case 'failover': {
      const got = failoverResult(t, BOSTON_ADDRESS, EVENT_AT_S, FAILOVER_END_S);
      return got ? { ...c.results, failover: got } : c.results;
    }
    case 'depeer': {
      const got = depeerResult(t, LONDON_ADDRESS);
      return got ? { ...c.results, depeer: got } : c.results;
    }
    case 'stage': {
      const got = stageResult(t, YOUTUBE_WWW, YOUTUBE, PAKISTAN);
      return got ? { ...c.results, [r.name]: got } : c.results;
    }
    case 'relays': {
      const got = relayPairs(t, FASTER_BY_MS, FOLLOWED_PAIR);
      const tree = treeAt(t, WASHINGTON_ADDRESS);
      if (!got || !tree) return c.results;
      const bgpPath = forwardingPath(tree, networkOfServer(TOKYO_SERVER));
      return { ...c.results, blind: { ...got, bgpPath } };
    }
    case 'recovery': {
      const got = recoveryResult(t, FLOW, OVERLAY_EVENT_AT_S);
      return got ? { ...c.results, [r.name]: got } : c.results;
    }
  }
}

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ trace: () => emptyTrace() }),
    // Events without their data (as a path walk sends them) change nothing.
    trace: assign({ trace: ({ context, event }) => traceEvent(context.trace, event) }),
    recordRun: assign({ results: ({ context }, p: Record_) => measured(context, p) }),
    setMrai: assign({
      mrai: ({ context, event }) =>
        event.type === 'user.set' && event.id === 'mrai' ? event.value : context.mrai,
    }),
    noteTried: assign({
      triedMrai: ({ context }) => context.mrai,
      results: ({ context }) => ({ ...context.results, cutTried: undefined }),
    }),
  },
  guards: {
    ...labGuards,
    isMrai: ({ event }) => event.type === 'user.set' && event.id === 'mrai',
    /** an observation from the start of a run (time 0), heard while it is being built */
    /** a tree of one of the run's addresses */
    ours: ({ event }, p: { watch: readonly string[] }) =>
      p.watch.includes((event as { address?: string }).address ?? ''),
    /** The control was moved before the judged run ended, to a value not tried yet. */
    untried: ({ context }) => context.mrai !== MRAI_DEFAULT && context.triedMrai !== context.mrai,
  },
}).createMachine({
  id: 'middle-mile',
  initial: 'intro',
  context: {
    answered: {},
    trace: emptyTrace(),
    results: {},
    mrai: MRAI_DEFAULT,
    triedMrai: null,
  },
  states: {
    intro: { on: { 'user.next': 'blind' } },
    blind: timelineStep('blind', 'cut', [BLIND_RUN], ['blind']),
    cut: cutStep('depeer'),
    depeer: timelineStep('depeer', 'hijack', [DEPEER_RUN], ['depeer']),
    hijack: timelineStep('hijack', 'overlay', [HIJACK_RUN], HIJACK_STAGES),
    overlay: timelineStep('overlay', 'limits', [AROUND_RUN], ['around']),
    limits: timelineStep('limits', 'done', [EDGE_RUN], ['edge']),
    done: { type: 'final' },
  },
});

/** The states of one run: its build, then one state per stage; the last goes to `after`. */
function runStates(
  run: TimelineRun,
  after: string,
  on: Record<string, object> = {},
  buildEntry: readonly object[] = [],
) {
  const stageId = (i: number) => `${run.id}${i}`;
  const experimentRun = (stage: Stage, i: number): ExperimentRun<LabContext> => ({
    name: stageId(i),
    config: typeof run.config === 'function' ? undefined : run.config,
    ...(typeof run.config === 'function'
      ? { configOf: run.config as (c: LabContext) => unknown }
      : {}),
    commands: stage.commands,
    speed: stage.speed,
    slowOpening: stage.slow,
    stop: { seconds: stage.untilS },
    // the trees are kept by `ours` below, only those of the run's own addresses; the overlay's
    // reports only by the runs that read them (each kind kept multiplies the lab check's states)
    collect: Object.fromEntries([UPDATE, ...(run.overlay ?? [])].map((type) => [type, 'trace'])),
    record: stage.record,
  });
  // A new run's time-0 trees reach the machine after `sim.started` (the lab driver holds frames
  // that come while a reset settles), so the run's own states keep them.
  const ours = { guard: { type: 'ours', params: { watch: run.watch } }, actions: 'trace' };
  const states: Record<string, object> = {
    [`${run.id}Build`]: buildState(experimentRun(run.stages[0], 0), stageId(0), buildEntry, on),
  };
  run.stages.forEach((stage, i) => {
    const next = i + 1 < run.stages.length ? stageId(i + 1) : after;
    states[stageId(i)] = runState(experimentRun(stage, i), next, { [TREE]: ours, ...on });
  });
  return states;
}

/**
 * An experiment step of one timeline run: `ready` until the step's question is answered, the
 * run, then `measured`; Next opens once the named results are in.
 */
function timelineStep(
  step: string,
  next: string,
  runs: readonly TimelineRun[],
  results: readonly RunName[],
  extra: {
    on?: Record<string, object>;
    measured?: { always?: object; on?: Record<string, object> };
    states?: Record<string, object>;
  } = {},
) {
  // A run that ended without a tree to measure (the model always sends one at the start, but a
  // lost frame would leave Next closed for good) is run again.
  const first = `${runs[0].id}Build`;
  const rerun = { guard: not({ type: 'measured', params: { runs: results } }), target: first };
  return {
    on: {
      'user.answered': { actions: { type: 'noteAnswer', params: { step } } },
      ...extra.on,
      'user.next': { target: next, guard: { type: 'measured', params: { runs: results } } },
    },
    initial: 'ready',
    states: {
      ready: {
        entry: [{ type: 'pauseSim' }],
        always: { guard: { type: 'answered', params: { step } }, target: first },
      },
      // the runs one after the other, each from a fresh simulation
      ...Object.assign(
        {},
        ...runs.map((run, i) =>
          runStates(run, runs[i + 1] ? `${runs[i + 1].id}Build` : 'measured'),
        ),
      ),
      measured: {
        // what the runs measured is in the results: their traces are forgotten
        entry: [{ type: 'pauseSim' }, { type: 'clearRun' }],
        always: [rerun, ...(extra.measured?.always ? [extra.measured.always] : [])],
        on: extra.measured?.on ?? {},
      },
      ...extra.states,
    },
  } as const;
}

/**
 * The cable cuts: London's only link at the default MRAI (judged), then one of Boston's two
 * links; once both are measured, each new setting of the MRAI control runs London's cut again
 * as `cutTried` (a change before is only kept).
 */
function cutStep(next: string) {
  const restart = {
    'user.set': { guard: 'isMrai', target: 'triedBuild', actions: 'setMrai' },
  };
  // Built with the control's value, which noteTried keeps as the one tried.
  const tried = runStates(
    cutRun('tried', 'cutTried', (c) => c.mrai),
    'measured',
    restart,
    [{ type: 'noteTried' }],
  );
  const judged = [cutRun('cut', 'cut', MRAI_DEFAULT), FAILOVER_RUN];
  return timelineStep('cut', next, judged, ['cut', 'failover'], {
    on: { 'user.set': { guard: 'isMrai', actions: 'setMrai' } },
    measured: { always: { guard: 'untried', target: 'triedBuild' }, on: restart },
    states: tried,
  });
}
