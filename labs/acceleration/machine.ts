/**
 * The acceleration lab as a statechart. Each experiment step waits for the student's
 * prediction, builds a fresh run with the step's page loads, fast-forwards it past their end and
 * keeps each load's `pageload.done` (heard as `sim.pageload.done`) (its time and the parts of it) by configured name.
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import { experimentStep, labGuards, noteAnswered, type ExperimentRun } from '@lab/experiment';
import type { LabRuntimeEvent } from '@lab/types';
import type { PageDoneSeen, RequestSeen } from '@sim/models/pageload/observations';
import {
  CONNECTIONS,
  CONNECTIONS_END_S,
  CONNECTIONS_NEAR,
  CONNECTIONS_NEAR_END_S,
  PREFETCH,
  PREFETCH_END_S,
  SPLIT,
  SPLIT_END_S,
} from './scenario';
import { configuredName } from './measure';

/** The model's observations as the driver sends them: `sim.` before their type. */
type Heard<T extends { type: string }> = Omit<T, 'type'> & { type: `sim.${T['type']}` };
type LabEvent = LabRuntimeEvent | Heard<PageDoneSeen> | Heard<RequestSeen>;

export type RunName = 'connectionsNear' | 'connections' | 'split' | 'prefetch';
/** each load's end, by its configured name */
export type LoadsDone = Record<string, PageDoneSeen>;

export interface LabContext {
  answered: Record<string, boolean>;
  /** the loads of the run under way that have ended */
  latest: LoadsDone;
  results: Partial<Record<RunName, LoadsDone>>;
}

export const machine = setup({
  types: { context: {} as LabContext, events: {} as LabEvent },
  actions: {
    ...simActions,
    noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
    clearRun: assign({ latest: () => ({}) }),
    // Events without their data (as a path walk sends them) change nothing.
    keepDone: assign({
      latest: ({ context, event }) => {
        const e = event as Partial<Heard<PageDoneSeen>>;
        return e.load
          ? {
              ...context.latest,
              [configuredName(e.load)]: { ...e, type: 'pageload.done' } as PageDoneSeen,
            }
          : context.latest;
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
  context: { answered: {}, latest: {}, results: {} },
  states: {
    intro: { on: { 'user.next': 'connections' } },
    connections: experimentStep('connections', 'split', [
      run('connectionsNear', CONNECTIONS_NEAR, CONNECTIONS_NEAR_END_S),
      run('connections', CONNECTIONS, CONNECTIONS_END_S),
    ]),
    split: experimentStep('split', 'prefetch', [run('split', SPLIT, SPLIT_END_S)]),
    prefetch: experimentStep('prefetch', 'done', [run('prefetch', PREFETCH, PREFETCH_END_S)]),
    done: { type: 'final' },
  },
});

/** A run of page loads, fast-forwarded past their end (a load's bars come in as it finishes). */
function run(name: RunName, config: unknown, endS: number): ExperimentRun<LabContext> {
  return {
    name,
    config,
    speed: 'fast',
    stop: { seconds: endS },
    collect: { 'sim.pageload.done': 'keepDone' },
  };
}
