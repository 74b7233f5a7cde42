/**
 * The fat-file lab as a statechart. Each experiment step waits for the student's prediction,
 * builds a fresh simulation with the step's connections, runs it (played at a watchable speed
 * while the charts fill, or fast-forwarded when only the end result matters) and keeps every
 * connection's totals once the run reaches its end.
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import type { LabRuntimeEvent } from '@lab/types';
import { mergeTotalsByName } from '@sim/tcp/groupTotals';
import type { TcpConnTotals, TcpSample, TcpTotals } from '@sim/tcp/tcpRuntime';
import { SECOND } from '@sim/time';
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
  SLOW_MOTION,
  figure2Table,
  tableEndS,
} from './scenario';
import { PATH_INFLATION } from '@sim/tcp/figure2';

type LabEvent = LabRuntimeEvent | TcpTotals | TcpSample;

export type RunName = 'first' | 'distance' | 'table' | 'grid' | 'edge';

export interface LabContext {
  answered: Record<string, boolean>;
  /** every connection's totals as last reported by the run under way */
  latest: TcpConnTotals[];
  /** each finished run's totals */
  results: Partial<Record<RunName, TcpConnTotals[]>>;
  /** the path inflation the table step uses (the student may change it there) */
  inflation: number;
}

/** A run's configuration or end, fixed or read from the context when the run is built. */
type FromContext<T> = T | ((context: LabContext) => T);
const resolve = <T>(x: FromContext<T>, context: LabContext): T =>
  typeof x === 'function' ? (x as (c: LabContext) => T)(context) : x;

interface RunSpec {
  name: RunName;
  config: FromContext<unknown>;
  endS: FromContext<number>;
  /** a control of the step (see LabStep.controls) whose change rebuilds the run */
  control?: string;
  /** simulated ns per wall second, or 'fast' to fast-forward to the end */
  speed: number | 'fast';
  /** an opening in slow motion: this speed for the first `forMs` simulated ms */
  slow?: { nsPerSecond: number; forMs: number };
}

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({
      answered: ({ context, event }, p: { step: string }) =>
        event.type === 'user.answered' ? { ...context.answered, [p.step]: true } : context.answered,
    }),
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
    recordRun: assign({
      results: ({ context }, p: { name: RunName }) => ({
        ...context.results,
        [p.name]: context.latest,
      }),
    }),
  },
  guards: {
    answered: ({ context }, p: { step: string }) => context.answered[p.step] === true,
    measured: ({ context }, p: { run: RunName }) => context.results[p.run] !== undefined,
    reached: ({ event }, p: { seconds: number }) =>
      event.type === 'sim.tick' && event.timeNs >= p.seconds * SECOND,
    isControl: ({ event }, p: { id: string }) => event.type === 'user.set' && event.id === p.id,
    controlAfterAnswer: ({ context, event }, p: { id: string; step: string }) =>
      event.type === 'user.set' && event.id === p.id && context.answered[p.step] === true,
  },
}).createMachine({
  id: 'fat-file',
  initial: 'intro',
  context: { answered: {}, latest: [], results: {}, inflation: PATH_INFLATION },
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
    table: experiment('table', 'heatmap', {
      name: 'table',
      config: (c: LabContext) => figure2Table(c.inflation),
      endS: (c: LabContext) => tableEndS(c.inflation),
      control: 'inflation',
      speed: 'fast',
    }),
    heatmap: experiment('heatmap', 'edge', {
      name: 'grid',
      config: LOSS_VS_LATENCY,
      endS: GRID_END_S,
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
function experiment(step: string, next: string, run: RunSpec) {
  const endS = ({ context }: { context: LabContext }) => ({
    seconds: resolve(run.endS, context),
  });
  const go =
    run.speed === 'fast'
      ? ([{ type: 'runSimTo', params: endS }] as const)
      : ([
          { type: 'setSimSpeed', params: { nsPerSecond: run.slow?.nsPerSecond ?? run.speed } },
          { type: 'playSim' },
        ] as const);
  // `after` counts simulated ms: the slow opening ends at the same point of every run.
  const speedUp =
    run.slow && run.speed !== 'fast'
      ? {
          after: {
            [run.slow.forMs]: {
              actions: [{ type: 'setSimSpeed', params: { nsPerSecond: run.speed } }] as const,
            },
          },
        }
      : {};
  return {
    on: {
      'user.answered': { actions: { type: 'noteAnswer', params: { step } } },
      'user.next': { target: next, guard: { type: 'measured', params: { run: run.name } } },
      // A changed setting applies at once: before the prediction it is kept for the run, after it
      // the run is built again with it.
      ...(run.control
        ? {
            'user.set': [
              {
                guard: { type: 'controlAfterAnswer', params: { id: run.control, step } },
                target: '.build',
                actions: 'setInflation',
              } as const,
              {
                guard: { type: 'isControl', params: { id: run.control } },
                actions: 'setInflation',
              } as const,
            ],
          }
        : {}),
    },
    initial: 'ready',
    states: {
      ready: {
        entry: [{ type: 'pauseSim' }],
        always: { guard: { type: 'answered', params: { step } }, target: 'build' },
      },
      build: {
        entry: [
          { type: 'clearRun' },
          {
            type: 'resetSimWith',
            params: ({ context }: { context: LabContext }) => ({
              modelConfig: resolve(run.config, context),
            }),
          },
        ],
        on: { 'sim.started': 'run' },
      },
      run: {
        entry: go,
        ...speedUp,
        on: {
          'sim.tcpTotals': { actions: 'keepTotals' },
          'sim.tick': {
            guard: { type: 'reached', params: endS },
            target: 'measured',
            actions: [{ type: 'pauseSim' }, { type: 'recordRun', params: { name: run.name } }],
          },
        },
      },
      measured: { entry: [{ type: 'pauseSim' }] },
    },
  } as const;
}
