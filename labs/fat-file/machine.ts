/**
 * The fat-file lab as a statechart. Each experiment step waits for the student's prediction,
 * builds a fresh simulation with the step's connections, runs it (played at a watchable speed
 * while the charts fill, or fast-forwarded when only the end result matters) and keeps every
 * connection's totals once the run reaches its end.
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
import { mergeTotalsByName } from '@sim/models/tcp/groupTotals';
import type { TcpConnTotals, TcpSample, TcpTotals } from '@sim/models/tcp/tcpRuntime';
import {
  DISTANCE_END_S,
  DISTANCE_SPEED_NS,
  EDGE_END_S,
  EDGE_RUNS,
  EDGE_SPEED_NS,
  FIRST_END_S,
  FIRST_SPEED_NS,
  FOUR_SERVERS,
  GRID_END_S,
  LOSS_VS_LATENCY,
  ONE_TRANSFER,
  SINCE_2009,
  SLOW_MOTION,
  TODAY_END_S,
  figure2Table,
  tableEndS,
} from './scenario';
import { PATH_INFLATION } from '@sim/models/tcp/figure2';

type LabEvent = LabRuntimeEvent | TcpTotals | TcpSample;

/** `tableTried`: the table again with the student's path inflation, beside the judged one. */
export type RunName = 'first' | 'distance' | 'table' | 'tableTried' | 'grid' | 'today' | 'edge';

export interface LabContext {
  answered: Record<string, boolean>;
  /** every connection's totals as last reported by the run under way */
  latest: TcpConnTotals[];
  /** each finished run's totals */
  results: Partial<Record<RunName, TcpConnTotals[]>>;
  /** the table step's path-inflation control now (the judged run always uses the calibrated one) */
  inflation: number;
  /** the inflation the `tableTried` run was built with (null: no try yet) */
  triedInflation: number | null;
}

/** A run's configuration or end, fixed or read from the context when the run is built. */
type FromContext<T> = T | ((context: LabContext) => T);

interface RunSpec {
  name: RunName;
  config: FromContext<unknown>;
  endS: FromContext<number>;
  /**
   * A control of the step (see LabStep.controls) and the run it starts: once the judged run is
   * measured, each setting runs as `tried`, beside it, so exploring never re-judges the answer.
   */
  control?: { id: string; tried: RunName; config: FromContext<unknown>; endS: FromContext<number> };
  /** simulated ns per wall second, or 'fast' to fast-forward to the end */
  speed: number | 'fast';
  /** an opening in slow motion: this speed for the first `forMs` simulated ms */
  slow?: { nsPerSecond: number; forMs: number };
}

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ latest: () => [] }),
    setInflation: assign({
      inflation: ({ context, event }) =>
        event.type === 'user.set' && event.id === 'inflation' ? event.value : context.inflation,
    }),
    // Events without their data (as a path walk sends them) change nothing.
    keepTotals: assign({
      // Each worker reports the connections it runs: merged by name.
      latest: ({ context, event }) =>
        mergeTotalsByName(context.latest, (event as TcpTotals).conns ?? []),
    }),
    noteTried: assign({
      triedInflation: ({ context }) => context.inflation,
      results: ({ context }) => ({ ...context.results, tableTried: undefined }),
    }),
    recordRun: assign({
      results: ({ context }, p: { name: RunName }) => ({
        ...context.results,
        [p.name]: context.latest,
      }),
    }),
  },
  guards: {
    ...labGuards,
    isControl: ({ event }, p: { id: string }) => event.type === 'user.set' && event.id === p.id,
    /** The control was moved before the judged run ended, to a value not tried yet. */
    untried: ({ context }) =>
      context.inflation !== PATH_INFLATION && context.triedInflation !== context.inflation,
  },
}).createMachine({
  id: 'fat-file',
  initial: 'intro',
  context: {
    answered: {},
    latest: [],
    results: {},
    inflation: PATH_INFLATION,
    triedInflation: null,
  },
  states: {
    intro: { on: { 'user.next': 'transfer' } },
    transfer: experiment('transfer', 'distance', {
      name: 'first',
      config: ONE_TRANSFER,
      endS: FIRST_END_S,
      speed: FIRST_SPEED_NS,
      slow: SLOW_MOTION,
    }),
    distance: experiment('distance', 'table', {
      name: 'distance',
      config: FOUR_SERVERS,
      endS: DISTANCE_END_S,
      speed: DISTANCE_SPEED_NS,
    }),
    // The question is about the calibrated inflation, so the judged run uses it; the slider's
    // values run afterwards as `tableTried`.
    table: experiment('table', 'heatmap', {
      name: 'table',
      config: figure2Table(PATH_INFLATION),
      endS: tableEndS(PATH_INFLATION),
      control: {
        id: 'inflation',
        tried: 'tableTried',
        config: (c: LabContext) => figure2Table(c.inflation),
        endS: (c: LabContext) => tableEndS(c.inflation),
      },
      speed: 'fast',
    }),
    heatmap: experiment('heatmap', 'today', {
      name: 'grid',
      config: LOSS_VS_LATENCY,
      endS: GRID_END_S,
      speed: 'fast',
    }),
    today: experiment('today', 'edge', {
      name: 'today',
      config: SINCE_2009,
      endS: TODAY_END_S,
      speed: 'fast',
    }),
    edge: experiment('edge', 'done', {
      name: 'edge',
      config: EDGE_RUNS,
      endS: EDGE_END_S,
      speed: EDGE_SPEED_NS,
    }),
    done: { type: 'final' },
  },
});

/**
 * An experiment step: wait for the prediction, build a fresh simulation with the run's
 * connections, run it to its end, keep the totals; then `next` opens.
 */
/** A lab run as the experiment step plays it: TCP totals collected until its end time. */
function tcpRun(
  name: RunName,
  config: FromContext<unknown>,
  endS: FromContext<number>,
  speed: number | 'fast',
  slowOpening?: RunSpec['slow'],
): ExperimentRun<LabContext> {
  return {
    name,
    config,
    ...(typeof config === 'function' ? { configOf: config as (c: LabContext) => unknown } : {}),
    speed,
    slowOpening,
    stop: { seconds: endS },
    collect: { 'sim.tcpTotals': 'keepTotals' },
  };
}

/**
 * An experiment step of one run; with a control, a changed setting starts a run of its own
 * beside the judged one once that is measured (a change before is only kept).
 */
function experiment(step: string, next: string, run: RunSpec) {
  const judged = [tcpRun(run.name, run.config, run.endS, run.speed, run.slow)];
  const control = run.control;
  if (!control) return experimentStep(step, next, judged);
  const isControl = { type: 'isControl', params: { id: control.id } } as const;
  const restart = {
    'user.set': { guard: isControl, target: 'buildTried', actions: 'setInflation' },
  };
  const tried = tcpRun(control.tried, control.config, control.endS, 'fast');
  return experimentStep(step, next, judged, {
    on: { 'user.set': { guard: isControl, actions: 'setInflation' } },
    measured: { always: { guard: 'untried', target: 'buildTried' }, on: restart },
    states: {
      buildTried: buildState(tried, 'runTried', [{ type: 'noteTried' }], restart),
      runTried: runState(tried, 'measured', restart),
    },
  });
}
