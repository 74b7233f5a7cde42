/**
 * The acceleration lab as a statechart. Each experiment step waits for the student's
 * prediction, builds a fresh run with the step's page loads, fast-forwards it past their end and
 * keeps what the model reported of each load by its configured name: its end (`pageload.done`,
 * its time and the parts of it), its HTML's row of the waterfall (`pageload.request`) and its
 * bytes per leg and load on the origin (`pageload.bytes`, one per load, kept in order: a load
 * repeated through the run reports once per time).
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import { experimentStep, labGuards, noteAnswered, type ExperimentRun } from '@lab/experiment';
import type { LabRuntimeEvent } from '@lab/types';
import type {
  LoadBytesSeen,
  MiddleRouteSeen,
  PageDoneSeen,
  RequestSeen,
} from '@sim/models/pageload/observations';
import * as S from './scenario';
import { configuredName } from './measure';

/** The model's observations as the driver sends them: `sim.` before their type. */
type Heard<T extends { type: string }> = Omit<T, 'type'> & { type: `sim.${T['type']}` };
type LabEvent =
  | LabRuntimeEvent
  | Heard<PageDoneSeen>
  | Heard<RequestSeen>
  | Heard<LoadBytesSeen>
  | Heard<MiddleRouteSeen>;

export type RunName =
  | 'connectionsNear'
  | 'connections'
  | 'split'
  | 'prefetch'
  | 'esi'
  | 'compress'
  | 'edgeCompute'
  | 'route'
  | S.AllUser;

/** What one run's loads reported, by configured name. */
export interface RunSeen {
  /** each load's end (a repeated load: its last) */
  done: Record<string, PageDoneSeen>;
  /** each load's HTML, as its waterfall row (a repeated load: its last) */
  html: Record<string, RequestSeen>;
  /** every load's bytes and origin load, in the order the loads ended */
  bytes: LoadBytesSeen[];
  /** the middle mile each load over the overlay took (the relay, and the round trips) */
  routes: Record<string, MiddleRouteSeen>;
}

export const emptyRun = (): RunSeen => ({ done: {}, html: {}, bytes: [], routes: {} });

export interface LabContext {
  answered: Record<string, boolean>;
  /** what the run under way has reported so far */
  latest: RunSeen;
  results: Partial<Record<RunName, RunSeen>>;
}

/** An observation's fields, once it carries them (a path walk sends events without data). */
const fields = <T extends { type: string }>(event: { type: string }) => event as Partial<Heard<T>>;
const asSeen = <T extends { type: string }>(e: Partial<Heard<T>>, type: T['type']) =>
  ({ ...e, type }) as unknown as T;

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ latest: () => emptyRun() }),
    keepDone: assign({
      latest: ({ context, event }) => {
        const e = fields<PageDoneSeen>(event);
        if (!e.load) return context.latest;
        const done = {
          ...context.latest.done,
          [configuredName(e.load)]: asSeen(e, 'pageload.done'),
        };
        return { ...context.latest, done };
      },
    }),
    // Only the HTML's row: the findings compare documents; the view keeps every row itself.
    keepHtml: assign({
      latest: ({ context, event }) => {
        const e = fields<RequestSeen>(event);
        if (!e.load || !e.object?.endsWith('.html')) return context.latest;
        const html = {
          ...context.latest.html,
          [configuredName(e.load)]: asSeen(e, 'pageload.request'),
        };
        return { ...context.latest, html };
      },
    }),
    keepBytes: assign({
      latest: ({ context, event }) => {
        const e = fields<LoadBytesSeen>(event);
        if (!e.load) return context.latest;
        const bytes = [...context.latest.bytes, asSeen(e, 'pageload.bytes')];
        return { ...context.latest, bytes };
      },
    }),
    keepRoute: assign({
      latest: ({ context, event }) => {
        const e = fields<MiddleRouteSeen>(event);
        if (!e.load) return context.latest;
        const routes = {
          ...context.latest.routes,
          [configuredName(e.load)]: asSeen(e, 'pageload.middleRoute'),
        };
        return { ...context.latest, routes };
      },
    }),
    recordRun: assign({
      results: ({ context }, p: { name: RunName }) => ({
        ...context.results,
        [p.name]: context.latest,
      }),
    }),
  },
  guards: labGuards,
}).createMachine({
  id: 'acceleration',
  initial: 'intro',
  context: { answered: {}, latest: emptyRun(), results: {} },
  states: {
    intro: { on: { 'user.next': 'connections' } },
    connections: experimentStep('connections', 'split', [
      run('connectionsNear', S.CONNECTIONS_NEAR, S.CONNECTIONS_NEAR_END_S),
      run('connections', S.CONNECTIONS, S.CONNECTIONS_END_S),
    ]),
    split: experimentStep('split', 'prefetch', [run('split', S.SPLIT, S.SPLIT_END_S)]),
    prefetch: experimentStep('prefetch', 'esi', [run('prefetch', S.PREFETCH, S.PREFETCH_END_S)]),
    esi: experimentStep('esi', 'compress', [run('esi', S.ESI, S.ESI_END_S)]),
    compress: experimentStep('compress', 'edge-compute', [
      run('compress', S.COMPRESS, S.COMPRESS_END_S),
    ]),
    'edge-compute': experimentStep('edge-compute', 'route', [
      run('edgeCompute', S.EDGE_COMPUTE, S.EDGE_COMPUTE_END_S),
    ]),
    route: experimentStep('route', 'all', [run('route', S.ROUTE, S.ROUTE_END_S, S.ROUTE_COMMANDS)]),
    // The waterfall ends on the far user's loads: the question's answer, in most detail.
    all: experimentStep(
      'all',
      'done',
      S.ALL_USERS.map((u) => run(u, S.ALL[u], S.ALL_END_S[u])),
    ),
    done: { type: 'final' },
  },
});

/**
 * A run of page loads, fast-forwarded past their end (a load's bars come in as it finishes),
 * after `commands` (a change to the network) given as it starts.
 */
function run(
  name: RunName,
  config: object,
  endS: number,
  commands: readonly unknown[] = [],
): ExperimentRun<LabContext> {
  return {
    name,
    config: S.pageloads(config),
    commands,
    speed: 'fast',
    stop: { seconds: endS },
    collect: {
      'sim.pageload.done': 'keepDone',
      'sim.pageload.request': 'keepHtml',
      'sim.pageload.bytes': 'keepBytes',
      'sim.pageload.middleRoute': 'keepRoute',
    },
  };
}
