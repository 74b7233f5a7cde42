/**
 * The flash-crowd lab as a statechart. Each experiment step waits for the student's
 * prediction, then builds each run it needs from a fresh simulation configured for it (origin
 * alone, through the CDN, thresholds on or off...), plays it at a watchable speed while the
 * charts fill, and keeps what the run measured once it reaches its end.
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import {
  buildState,
  experimentStep,
  labGuards,
  noteAnswered,
  runState,
  type ExperimentRun,
} from '@lab/experiment';
import type { LabRuntimeEvent } from '@lab/types';
import type { SecondStats } from '@sim/models/delivery';
import type { SecondSeen, SpreadSeen, WithdrawnSeen } from '@sim/models/delivery/observations';

export type { SecondSeen, SpreadSeen, WithdrawnSeen };
import { SECOND } from '@sim/time';
import { measureRun, type RunKind, type RunResult } from './measure';
import { EXTRA_DATA_CENTRES } from './parentPlaces';
import {
  HOT_END_S,
  HOT_WITH,
  HOT_WITHOUT,
  ORIGIN_ONLY,
  CROWD,
  EDGE,
  THROUGH_CDN,
  TIERS_END_S,
  TIERS_OFF,
  TIERS_ON,
  tryCrowd,
  UNCACHEABLE_CDN,
  UNCACHEABLE_DIRECT,
  UNCACHEABLE_END_S,
  UNCACHEABLE_LOSS,
} from './scenario';

type LabEvent = LabRuntimeEvent | SecondSeen | SpreadSeen | WithdrawnSeen;

/** The runs the lab keeps, by name. */
export type RunName =
  | 'origin'
  | 'cdn'
  | 'tiersFew'
  | 'tiersMany'
  | 'tiersParents'
  | 'hotWith'
  | 'hotWithout'
  | 'uncacheableCdn'
  | 'uncacheableDirect'
  | 'capacity'
  | 'tried';

/** The settings of the student's own crowd (the capacity step's controls). */
export interface TrySettings {
  peakRps: number;
  spreadThreshold: number;
}

export interface LabContext {
  answered: Record<string, boolean>;
  results: Partial<Record<RunName, RunResult>>;
  /** the run under way: its seconds so far, widest spread and withdrawals seen */
  seconds: SecondStats[];
  spreadServers: number;
  withdrawals: number;
  /** the capacity step's controls now, and the settings the `tried` run was made with */
  trying: TrySettings;
  tried: TrySettings | null;
}

/** Watching speed: 3 simulated seconds per wall second, so a minute of crowd takes 20 s. */
const WATCH = 3 * SECOND;
/** The crowd steps run a minute: 20 s quiet, 10 s of ramp, 30 s at the peak. */
const CROWD_END_S = 60;
/** The capacity step stops in the middle of the peak, so the map shows it. */
export const CAPACITY_END_S = 45;

interface RunSpec {
  name: RunName;
  kind: RunKind;
  config: unknown;
  endS: number;
  /** commands sent once the run is built, before it plays */
  commands?: unknown[];
}

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ seconds: () => [], spreadServers: 1, withdrawals: 0 }),
    // Events without their data (as a path walk sends them) change nothing.
    keepSecond: assign({
      seconds: ({ context, event }) => {
        const { stats } = event as SecondSeen;
        return stats ? [...context.seconds, stats] : context.seconds;
      },
    }),
    noteSpread: assign({
      spreadServers: ({ context, event }) =>
        Math.max(context.spreadServers, (event as SpreadSeen).servers ?? 0),
    }),
    noteWithdrawal: assign({
      withdrawals: ({ context, event }) =>
        context.withdrawals + ((event as WithdrawnSeen).withdrawn ? 1 : 0),
    }),
    setTrying: assign({
      trying: ({ context, event }) => {
        if (event.type !== 'user.set') return context.trying;
        if (event.id === 'crowdPeak') return { ...context.trying, peakRps: event.value };
        if (event.id === 'spreadThreshold')
          return { ...context.trying, spreadThreshold: event.value };
        return context.trying;
      },
    }),
    // A new try replaces the last one: its settings are noted, the last result forgotten.
    noteTried: assign({
      tried: ({ context }) => ({ ...context.trying }),
      results: ({ context }) => ({ ...context.results, tried: undefined }),
    }),
    recordRun: assign({
      results: ({ context }, p: { name: RunName; kind: RunKind }) => ({
        ...context.results,
        [p.name]: measureRun(p.kind, context.seconds, context.spreadServers, context.withdrawals),
      }),
    }),
  },
  guards: labGuards,
}).createMachine({
  id: 'flash-crowd',
  initial: 'intro',
  context: {
    answered: {},
    results: {},
    seconds: [],
    spreadServers: 1,
    withdrawals: 0,
    trying: { peakRps: CROWD.peakRps, spreadThreshold: EDGE.spreadThreshold },
    tried: null,
  },
  states: {
    intro: { on: { 'user.next': 'origin' } },
    origin: experiment('origin', 'cdn', [
      { name: 'origin', kind: 'crowd', config: ORIGIN_ONLY, endS: CROWD_END_S },
    ]),
    cdn: experiment('cdn', 'parents', [
      { name: 'cdn', kind: 'crowd', config: THROUGH_CDN, endS: CROWD_END_S },
    ]),
    // One data centre per region (the others closed at the start), then all of them, without
    // parents; then all of them with one parent per region.
    parents: experiment('parents', 'hot', [
      {
        name: 'tiersFew',
        kind: 'tiers',
        config: TIERS_OFF,
        endS: TIERS_END_S,
        commands: EXTRA_DATA_CENTRES.map((dataCentre) => ({
          type: 'dataCentre.setUp',
          dataCentre,
          up: false,
        })),
      },
      { name: 'tiersMany', kind: 'tiers', config: TIERS_OFF, endS: TIERS_END_S },
      { name: 'tiersParents', kind: 'tiers', config: TIERS_ON, endS: TIERS_END_S },
    ]),
    hot: experiment('hot', 'uncacheable', [
      { name: 'hotWith', kind: 'hot', config: HOT_WITH, endS: HOT_END_S },
      { name: 'hotWithout', kind: 'hot', config: HOT_WITHOUT, endS: HOT_END_S },
    ]),
    uncacheable: experiment('uncacheable', 'capacity', [
      {
        name: 'uncacheableDirect',
        kind: 'steady',
        config: UNCACHEABLE_DIRECT,
        endS: UNCACHEABLE_END_S,
        commands: [lossyLastMiles()],
      },
      {
        name: 'uncacheableCdn',
        kind: 'steady',
        config: UNCACHEABLE_CDN,
        endS: UNCACHEABLE_END_S,
        commands: [lossyLastMiles()],
      },
    ]),
    // The judged run is the crowd the question names; the student's own crowds (the step's
    // controls) each run afterwards, beside it, and never change the verdict.
    capacity: experiment(
      'capacity',
      'done',
      [{ name: 'capacity', kind: 'crowd', config: THROUGH_CDN, endS: CAPACITY_END_S }],
      { name: 'tried', kind: 'crowd', endS: CAPACITY_END_S },
    ),
    done: { type: 'final' },
  },
});

function lossyLastMiles() {
  return { type: 'linkClass.set', linkClass: 'lastMile', lossRate: UNCACHEABLE_LOSS };
}

/**
 * An experiment step: wait for the prediction, then each run in turn (fresh simulation with
 * the run's configuration, played at WATCH to its end, then measured), then `next` opens.
 */
/** A crowd run as the lab's experiment steps play it: watched, one simulated second at a time. */
function crowdRun(run: RunSpec): ExperimentRun<LabContext> {
  return {
    name: run.name,
    config: run.config,
    commands: run.commands,
    speed: WATCH,
    stop: { seconds: run.endS },
    collect: {
      'sim.second': 'keepSecond',
      'sim.contentSpread': 'noteSpread',
      'sim.serverWithdrawn': 'noteWithdrawal',
    },
    record: { name: run.name, kind: run.kind },
  };
}

/**
 * An experiment step of crowd runs; with `tryRun`, the step's controls start the student's own
 * crowd beside the judged runs once those are over (a change while one runs starts the next).
 */
function experiment(step: string, next: string, runs: RunSpec[], tryRun?: Omit<RunSpec, 'config'>) {
  const judged = runs.map(crowdRun);
  if (!tryRun) return experimentStep(step, next, judged);
  const tried: ExperimentRun<LabContext> = {
    ...crowdRun({ ...tryRun, config: undefined }),
    configOf: (c) => tryCrowd(c.trying.peakRps, c.trying.spreadThreshold),
  };
  const restart = { 'user.set': { target: 'buildTry', actions: 'setTrying' } };
  return experimentStep(step, next, judged, {
    // Before the judged run is over a change is only kept: it runs once that run has ended.
    on: { 'user.set': { actions: 'setTrying' } },
    measured: { on: restart },
    states: {
      buildTry: buildState(tried, 'runTry', [{ type: 'noteTried' }]),
      runTry: runState(tried, 'measured', restart),
    },
  });
}
