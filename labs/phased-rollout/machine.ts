/**
 * The faulty-rollouts lab as a statechart. Each experiment step waits for the student's
 * prediction, then builds each run it needs from a fresh simulation, starts the step's scripted
 * release (and, in step 4, a request of death), plays it at a speed that suits it, and keeps what
 * the run measured when the release is aborted or shipped. The statistics step asks the model to
 * run many releases for each plan in the simulation's workers, which share them
 * (`rollout.monteCarlo`), off the page's main thread, and keeps the histograms they report.
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import { experimentStep, labGuards, noteAnswered } from '@lab/experiment';
import type { LabRuntimeEvent } from '@lab/types';
import { SECOND } from '@sim/time';
import {
  emptyTrace,
  finishRun,
  traceEvent,
  type MonteCarloSeen,
  type OutcomeSeen,
  type PhaseSeen,
  type RunResult,
  type RunTrace,
  type ServerSeen,
} from './measure';
import {
  GOOD_BUGS,
  INSTANT_BUGS,
  PHASED,
  PRESETS,
  RELEASES,
  ROD_RUN,
  SCALE_BUGS,
  YOUR_PLAN,
  YOUR_PLAN_START,
  yourPlanCommand,
  type PresetLabel,
} from './scenario';

type LabEvent = LabRuntimeEvent | PhaseSeen | ServerSeen | OutcomeSeen | MonteCarloSeen;

export type RunName = 'good' | 'instant' | 'scale' | 'rodOff' | 'rodOn';

export interface LabContext {
  answered: Record<string, boolean>;
  results: Partial<Record<RunName, RunResult>>;
  /** the statistics step: each plan's Monte Carlo, by preset label (and the student's own) */
  plans: Partial<Record<PresetLabel | typeof YOUR_PLAN, MonteCarloSeen>>;
  /** the student's own plan (the step's controls) */
  yourPlan: { phases: number; soakHours: number };
  trace: RunTrace;
}

/** Simulated minutes per wall second. */
const perSecond = (minutes: number) => minutes * 60 * SECOND;

interface RunSpec {
  name: RunName;
  config: unknown;
  commands: unknown[];
  /** watching speed, simulated ns per wall second */
  speed: number;
}

const start = (bugs: string) => ({ type: 'rollout.start', bugs });

/** Runs the student's own plan's releases (see PHASES_BY_COUNT). */
const askYourPlan = {
  type: 'sendSimCommand',
  params: ({ context }: { context: LabContext }) => ({
    command: yourPlanCommand(context.yourPlan.phases, context.yourPlan.soakHours),
  }),
} as const;

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ trace: () => emptyTrace() }),
    // Events without their data (as a path walk sends them) change nothing.
    trace: assign({
      trace: ({ context, event }) =>
        (event as ServerSeen).server === undefined && (event as PhaseSeen).label === undefined
          ? context.trace
          : traceEvent(context.trace, event as PhaseSeen | ServerSeen),
    }),
    recordRun: assign({
      results: ({ context, event }, p: { name: RunName }) => {
        const r = finishRun(context.trace, event as OutcomeSeen);
        return r ? { ...context.results, [p.name]: r } : context.results;
      },
    }),
    clearPlans: assign({ plans: () => ({}) }),
    setYourPlan: assign({
      yourPlan: ({ context, event }) => {
        if (event.type !== 'user.set') return context.yourPlan;
        if (event.id === 'phases') return { ...context.yourPlan, phases: event.value };
        if (event.id === 'soakHours') return { ...context.yourPlan, soakHours: event.value };
        return context.yourPlan;
      },
    }),
    keepPlan: assign({
      plans: ({ context, event }) => {
        const o = event as MonteCarloSeen;
        return o.abortPhaseHistogram ? { ...context.plans, [o.label]: o } : context.plans;
      },
    }),
  },
  guards: {
    ...labGuards,
    plansMeasured: ({ context }) => PRESETS.every((p) => context.plans[p.label] !== undefined),
    hasOutcome: ({ event }) => (event as OutcomeSeen).outcome !== undefined,
  },
}).createMachine({
  id: 'phased-rollout',
  initial: 'intro',
  context: {
    answered: {},
    results: {},
    plans: {},
    trace: emptyTrace(),
    yourPlan: { ...YOUR_PLAN_START },
  },
  states: {
    intro: { on: { 'user.next': 'good' } },
    good: experiment('good', 'instant', [
      { name: 'good', config: PHASED, commands: [start(GOOD_BUGS)], speed: perSecond(12) },
    ]),
    instant: experiment('instant', 'scale', [
      { name: 'instant', config: PHASED, commands: [start(INSTANT_BUGS)], speed: perSecond(1) },
    ]),
    scale: experiment('scale', 'rod', [
      { name: 'scale', config: PHASED, commands: [start(SCALE_BUGS)], speed: perSecond(12) },
    ]),
    rod: experiment('rod', 'stats', [
      {
        name: 'rodOff',
        config: ROD_RUN(false),
        commands: [start('none'), { type: 'rollout.requestOfDeath' }],
        speed: perSecond(5),
      },
      {
        name: 'rodOn',
        config: ROD_RUN(true),
        commands: [start('none'), { type: 'rollout.requestOfDeath' }],
        speed: perSecond(5),
      },
    ]),
    stats: {
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'stats' } } },
        'user.next': { target: 'done', guard: 'plansMeasured' },
        'user.set': { actions: 'setYourPlan' },
      },
      initial: 'ready',
      states: {
        ready: {
          entry: [{ type: 'pauseSim' }],
          always: { guard: { type: 'answered', params: { step: 'stats' } }, target: 'build' },
        },
        build: {
          entry: [
            { type: 'clearPlans' },
            { type: 'resetSimWith', params: { modelConfig: PHASED } },
          ],
          on: { 'sim.started': 'run' },
        },
        run: {
          entry: [
            ...PRESETS.map((p) => ({
              type: 'sendSimCommand' as const,
              params: {
                command: {
                  type: 'rollout.monteCarlo' as const,
                  releases: RELEASES,
                  phases: p.phases,
                  soakSeconds: p.soakSeconds,
                  label: p.label,
                },
              },
            })),
            askYourPlan,
            { type: 'runSimTo', params: { seconds: 60 } },
          ],
          on: { 'sim.rolloutMonteCarlo': { actions: 'keepPlan' } },
          always: { guard: 'plansMeasured', target: 'measured' },
        },
        measured: {
          entry: [{ type: 'pauseSim' }],
          // The student's plan changed: run it again, beside the presets.
          on: {
            'user.set': { actions: ['setYourPlan', askYourPlan] },
            'sim.rolloutMonteCarlo': { actions: 'keepPlan' },
          },
        },
      },
    },
    done: { type: 'final' },
  },
});

/**
 * An experiment step: wait for the prediction, then each run in turn (fresh simulation with the
 * run's configuration, its commands, played until the release ends, then measured), then `next`
 * opens.
 */
/** An experiment step of releases, each played until it ships or is aborted. */
function experiment(step: string, next: string, runs: RunSpec[]) {
  return experimentStep<LabContext>(
    step,
    next,
    runs.map((run) => ({
      name: run.name,
      config: run.config,
      commands: run.commands,
      speed: run.speed,
      stop: { on: ['sim.rolloutAborted', 'sim.rolloutShipped'], guard: 'hasOutcome' },
      collect: {
        'sim.rolloutPhase': 'trace',
        'sim.serverCrashed': 'trace',
        'sim.serverRestarted': 'trace',
        'sim.serverLongSleep': 'trace',
      },
    })),
  );
}
