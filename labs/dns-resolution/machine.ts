/**
 * The DNS resolution lab as a statechart. Each top-level state is a step. An experiment step
 * builds the situation it needs from a fresh run (so a shared link or a reload lands on a step
 * that works): it resets the simulation, runs the lookups that warm the resolver's cache at full
 * speed, fast-forwards simulated time if the step is about expiry, then waits for the student's
 * prediction, then runs the experiment in slow motion and records what the resolver did.
 */
import { assign, setup } from 'xstate';
import { simActions } from '@lab/simActions';
import type { LabRuntimeEvent } from '@lab/types';
import type { SimCommand } from '@sim/models/commands';
import { addressNode } from '@sim/models/dns/names';
import type {
  AnswerSeen,
  ConnectedSeen,
  ResolutionSeen,
  ResolutionStepSeen,
  TotalsSeen,
} from '@sim/models/dns/observations';

export type { AnswerSeen, ConnectedSeen, ResolutionSeen, ResolutionStepSeen, TotalsSeen };
import { MS, SECOND } from '@sim/time';
import { accessLinkOf, CLIENT, NAME, OTHER_CLIENT, SIBLING } from './places';

type LabEvent = LabRuntimeEvent | ResolutionSeen | AnswerSeen | ConnectedSeen | TotalsSeen;

/** What one experiment measured. */
export interface Measured {
  /** the servers asked, in order, as `role:kind` (e.g. `toplevel:referral`) */
  asked: string[];
  ttls: (number | null)[];
  /** node ids of the servers asked, in order */
  servers: number[];
  latencyMs: number;
  addresses: string[];
}

/** One design's totals after an hour of background lookups (from `sim.dnsTotals`). */
export interface TierTotals {
  lookups: number;
  topLevelQueries: number;
  latencyMeanMs: number | null;
}

export interface LabContext {
  /** per step id: what its experiment measured */
  results: Record<string, Measured>;
  /** per step id: the student has answered its question */
  answered: Record<string, boolean>;
  /** the warm-up lookup's result in the current step (targets for failures and load) */
  primed: Measured | null;
  /** the other city's answer, in the mapping step */
  otherAddresses: string[] | null;
  /** the address that was loaded or failed, in the mapping and failure steps */
  target: string | null;
  /** mapping step: the low-level server that answered before its path became lossy, and after */
  lossyServer: number | null;
  afterLoss: number | null;
  /** failure step: connection attempts the client needed with a dead server in its answer */
  fallbackTries: number | null;
  /** failure step: the answer after the dead server's answer expired */
  afterFailure: string[] | null;
  /** two-tier step: totals over an hour of traffic in each design (null until measured) */
  tiers: { one: TierTotals | null; two: TierTotals | null };
}

/**
 * Slow motion for following messages: 5 ms of simulated time per wall second, so a query
 * across the Atlantic (about 40 ms there and back) takes eight seconds to watch.
 */
const FOLLOW = 5 * MS;
/** For a lookup that is not the one the student follows: quicker, still visible. */
const GLANCE = 100 * MS;
/**
 * Warm-up speed: real time. Flat out, the run could be far past the answer's 20 s TTL before
 * the page hears that the warm-up lookup is done.
 */
const WARM_UP = SECOND;
/** Slow enough to see a 376 ms resolver timeout and a 1 s connect timeout pass. */
const FOLLOW_TIMEOUTS = 200 * MS;
/** The answer's TTL is 20 s: 25 s after the warm-up it has expired. */
export const AFTER_ANSWER_TTL_S = 25;
/** The failure step asks again here, once the answer naming the dead edge server has expired. */
export const ASK_AGAIN_S = 2 * AFTER_ANSWER_TTL_S;
/** The delegation's TTL is 3,600 s. */
const AFTER_DELEGATION_TTL_S = 3605;
/** Background lookups for the two-tier comparison: per client group per second. */
const TIER_LOAD = 0.05;
const HOUR_S = 3600;

const lookup = (name: string, client = CLIENT): SimCommand => ({
  type: 'dns.lookup',
  client,
  name,
});

function measure(e: ResolutionSeen): Measured {
  return {
    asked: e.steps.map((s) => `${s.role}:${s.kind}`),
    ttls: e.steps.map((s) => s.ttl),
    servers: e.steps.map((s) => s.serverNode),
    latencyMs: (e.timeNs - e.startedAtNs) / 1e6,
    addresses: e.addresses,
  };
}

const isMine = (e: LabEvent, name: string, client = CLIENT) =>
  e.type === 'sim.resolution' && e.client === client && e.name === name;

export const machine = setup({
  types: {
    context: {} as LabContext,
    events: {} as LabEvent,
  },
  actions: {
    ...simActions,
    noteAnswer: assign({
      answered: ({ context, event }, p: { step: string }) =>
        event.type === 'user.answered' ? { ...context.answered, [p.step]: true } : context.answered,
    }),
    clearStep: assign({
      lossyServer: null,
      afterLoss: null,
      primed: null,
      otherAddresses: null,
      target: null,
      fallbackTries: null,
      afterFailure: null,
    }),
    recordPrimed: assign({
      primed: ({ event }) => measure(event as ResolutionSeen),
    }),
    recordResult: assign({
      results: ({ context, event }, p: { step: string }) => ({
        ...context.results,
        [p.step]: measure(event as ResolutionSeen),
      }),
    }),
    recordOther: assign({
      otherAddresses: ({ event }) => (event as ResolutionSeen).addresses,
    }),
    pickFirstAddress: assign({
      target: ({ context }) => context.primed?.addresses[0] ?? null,
    }),
    pickFailedAnswerAddress: assign({
      target: ({ context }) => context.results.failure?.addresses[0] ?? null,
    }),
    pickLossyServer: assign({
      lossyServer: ({ context }) => lowLevelAsked(context.results.mapping ?? null),
    }),
    recordAfterLoss: assign({
      afterLoss: ({ event }) => lowLevelAsked(measure(event as ResolutionSeen)),
    }),
    recordFallback: assign({
      fallbackTries: ({ event }) => (event as ConnectedSeen).tries,
    }),
    recordAfterFailure: assign({
      afterFailure: ({ event }) => (event as ResolutionSeen).addresses,
    }),
    resetTiers: assign({ tiers: () => ({ one: null, two: null }) }),
    recordTier: assign({
      tiers: ({ context, event }, p: { design: 'one' | 'two' }) => {
        const e = event as TotalsSeen;
        const totals: TierTotals = {
          lookups: e.counters['dns.lookups'] ?? 0,
          topLevelQueries: e.counters['dns.queries.toplevel'] ?? 0,
          latencyMeanMs: e.lookupLatencyMs.mean,
        };
        return { ...context.tiers, [p.design]: totals };
      },
    }),
  },
  guards: {
    answered: ({ context }, p: { step: string }) => context.answered[p.step] === true,
    measured: ({ context }, p: { step: string }) => context.results[p.step] !== undefined,
    mine: ({ event }, p: { name: string; client?: number }) => isMine(event, p.name, p.client),
    myConnection: ({ event }) => event.type === 'sim.connected' && event.client === CLIENT,
    reached: ({ event }, p: { seconds: number }) =>
      event.type === 'sim.tick' && event.timeNs >= p.seconds * SECOND,
    failureSeen: ({ context }) => context.afterFailure !== null,
    mappingDone: ({ context }) => context.afterLoss !== null,
    tiersDone: ({ context }) => context.tiers.one !== null && context.tiers.two !== null,
  },
}).createMachine({
  id: 'dns',
  initial: 'intro',
  context: {
    results: {},
    answered: {},
    primed: null,
    otherAddresses: null,
    lossyServer: null,
    afterLoss: null,
    target: null,
    fallbackTries: null,
    afterFailure: null,
    tiers: { one: null, two: null },
  },
  states: {
    intro: {
      entry: [{ type: 'resetSim' }],
      on: { 'user.next': 'cold' },
    },

    cold: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'cold' } } },
        'user.next': { target: 'warmSame', guard: { type: 'measured', params: { step: 'cold' } } },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'ready' } },
        ready: readyState('cold', FOLLOW),
        running: runningState('cold', NAME, 'measured'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    warmSame: warmStep('warmSame', 'warmSibling', NAME, 0),
    warmSibling: warmStep('warmSibling', 'answerExpiry', SIBLING, 0),
    answerExpiry: warmStep('answerExpiry', 'delegationExpiry', NAME, AFTER_ANSWER_TTL_S),
    delegationExpiry: warmStep('delegationExpiry', 'twoTiers', NAME, AFTER_DELEGATION_TTL_S),

    twoTiers: {
      entry: [{ type: 'clearStep' }, { type: 'resetTiers' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'twoTiers' } } },
        'user.next': { target: 'mapping', guard: 'tiersDone' },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'ready' } },
        ready: {
          always: { guard: { type: 'answered', params: { step: 'twoTiers' } }, target: 'oneTier' },
        },
        oneTier: hourOf(true, 'countOne'),
        countOne: totalsOf('one', 'restart'),
        restart: {
          entry: [{ type: 'pauseSim' }, { type: 'resetSim' }],
          on: { 'sim.started': 'twoTier' },
        },
        twoTier: hourOf(false, 'countTwo'),
        countTwo: totalsOf('two', 'measured'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    mapping: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'mapping' } } },
        // Next waits for the whole experiment (Tokyo's lookup and the lossy link too): the
        // verdict and its explanation point at all of it.
        'user.next': { target: 'failure', guard: 'mappingDone' },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'priming' } },
        priming: primingState('loading'),
        // Monitoring reports the first server named as loaded past the second threshold.
        loading: forwardState(AFTER_ANSWER_TTL_S, 'ready', [
          { type: 'pickFirstAddress' },
          {
            type: 'sendSimCommand',
            params: ({ context }: { context: LabContext }) => ({
              command: {
                type: 'dns.setEdgeLoad',
                node: addressNode(context.target ?? ''),
                load: 0.95,
              } as SimCommand,
            }),
          },
        ] as const),
        ready: readyState('mapping', FOLLOW),
        running: runningState('mapping', NAME, 'elsewhere'),
        elsewhere: {
          entry: [
            { type: 'setSimSpeed', params: { nsPerSecond: GLANCE } },
            { type: 'sendSimCommand', params: { command: lookup(NAME, OTHER_CLIENT) } },
          ],
          on: {
            'sim.resolution': {
              guard: { type: 'mine', params: { name: NAME, client: OTHER_CLIENT } },
              target: 'lossy',
              actions: 'recordOther',
            },
          },
        },
        // The path to the data centre that answered turns lossy; the top level will weigh it
        // when the resolver next needs the delegation, an hour after it learned it.
        lossy: forwardState(AFTER_DELEGATION_TTL_S, 'afterLoss', [
          { type: 'pickLossyServer' },
          {
            type: 'sendSimCommand',
            params: ({ context }: { context: LabContext }) => ({
              command: {
                type: 'link.set',
                link: accessLinkOf(context.lossyServer ?? 0),
                lossRate: 0.3,
              } as SimCommand,
            }),
          },
        ] as const),
        afterLoss: {
          entry: [
            { type: 'sendSimCommand', params: { command: lookup(NAME) } },
            { type: 'playSim' },
          ],
          on: {
            'sim.resolution': {
              guard: { type: 'mine', params: { name: NAME } },
              target: 'measured',
              actions: 'recordAfterLoss',
            },
          },
        },
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    failure: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'failure' } } },
        'user.next': { target: 'done', guard: 'failureSeen' },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'priming' } },
        priming: primingState('silencing'),
        // The low-level name server that answered the warm-up stops answering.
        silencing: forwardState(AFTER_ANSWER_TTL_S, 'ready', [
          {
            type: 'sendSimCommand',
            params: ({ context }: { context: LabContext }) => ({
              command: {
                type: 'dns.setServerUp',
                node: lowLevelAsked(context.primed),
                up: false,
              } as SimCommand,
            }),
          },
        ] as const),
        ready: readyState('failure', FOLLOW_TIMEOUTS),
        running: runningState('failure', NAME, 'edgeDies'),
        edgeDies: {
          // The first edge server of that answer dies while the answer is still cached.
          entry: [
            { type: 'pickFailedAnswerAddress' },
            {
              type: 'sendSimCommand',
              params: ({ context }: { context: LabContext }) => ({
                command: {
                  type: 'dns.setServerUp',
                  node: addressNode(context.target ?? ''),
                  up: false,
                } as SimCommand,
              }),
            },
            { type: 'sendSimCommand', params: { command: lookup(NAME) } },
          ],
          on: {
            'sim.connected': {
              guard: 'myConnection',
              target: 'waitForExpiry',
              actions: 'recordFallback',
            },
          },
        },
        waitForExpiry: forwardState(ASK_AGAIN_S, 'askAgain'),
        // Timeout speed: the resolver may ask the silent name server first and wait out its
        // timeout again, which at FOLLOW would hold the step for more than a minute.
        askAgain: {
          entry: [
            { type: 'pauseSim' },
            { type: 'setSimSpeed', params: { nsPerSecond: FOLLOW_TIMEOUTS } },
            { type: 'sendSimCommand', params: { command: lookup(NAME) } },
            { type: 'playSim' },
          ],
          on: {
            'sim.resolution': {
              guard: { type: 'mine', params: { name: NAME } },
              target: 'measured',
              actions: 'recordAfterFailure',
            },
          },
        },
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    done: { type: 'final' },
  },
});

/** The low-level name server that answered the warm-up lookup (the one to silence). */
function lowLevelAsked(primed: Measured | null): number {
  const i = primed?.asked.indexOf('lowlevel:answer') ?? -1;
  return i >= 0 ? primed!.servers[i] : -1;
}

/**
 * Paused at the experiment's speed, waiting for the student's prediction (heard now or replayed
 * when the step reopens), then `running`.
 */
function readyState(step: string, nsPerSecond: number) {
  return {
    entry: [{ type: 'pauseSim' }, { type: 'setSimSpeed', params: { nsPerSecond } }],
    always: { guard: { type: 'answered', params: { step } }, target: 'running' },
  } as const;
}

/** The experiment's lookup of `name` by the student's client, recorded as `step`'s result. */
function runningState(step: string, name: string, next: string) {
  return {
    entry: [{ type: 'sendSimCommand', params: { command: lookup(name) } }, { type: 'playSim' }],
    on: {
      'sim.resolution': {
        guard: { type: 'mine', params: { name } },
        target: next,
        actions: { type: 'recordResult', params: { step } },
      },
    },
  } as const;
}

/** An hour of background lookups from every client group in one design, then `next`. */
function hourOf(oneTier: boolean, next: string) {
  const configure = {
    type: 'sendSimCommand',
    params: { command: { type: 'dns.configure', oneTier, lookupsPerClientPerSecond: TIER_LOAD } },
  } as const;
  return forwardState(HOUR_S, next, [configure] as const);
}

/**
 * Runs `before`, then fast-forwards to simulated second `seconds` and goes to `target` once the
 * run is there.
 */
function forwardState<A extends readonly unknown[] = readonly []>(
  seconds: number,
  target: string,
  before: A = [] as unknown as A,
) {
  return {
    entry: [...before, { type: 'runSimTo', params: { seconds } }] as const,
    on: { 'sim.tick': { guard: { type: 'reached', params: { seconds } }, target } },
  } as const;
}

/** Asks the model for its totals and keeps them as `design`'s, then `next`. */
function totalsOf(design: 'one' | 'two', next: string) {
  return {
    entry: [
      { type: 'pauseSim' },
      { type: 'sendSimCommand', params: { command: { type: 'dns.reportTotals' } } },
    ],
    on: {
      'sim.dnsTotals': { target: next, actions: { type: 'recordTier', params: { design } } },
    },
  } as const;
}

/**
 * The warm-up: the student's client looks the name up once, in real time, so that the
 * resolver's cache holds the referrals and the answer; then `next`.
 */
function primingState(next: string) {
  return {
    entry: [
      { type: 'setSimSpeed', params: { nsPerSecond: WARM_UP } },
      { type: 'sendSimCommand', params: { command: lookup(NAME) } },
      { type: 'playSim' },
    ],
    on: {
      'sim.resolution': {
        guard: { type: 'mine', params: { name: NAME } },
        target: next,
        actions: 'recordPrimed',
      },
    },
  } as const;
}

/**
 * A warm-cache step: warm up, fast-forward to `atS` simulated seconds (0: at once), wait for
 * the prediction, then look `name` up in slow motion and record what the resolver asked.
 */
function warmStep(step: string, next: string, name: string, atS: number) {
  const ready = atS > 0 ? 'forwarding' : 'ready';
  const forwarding = forwardState(atS, 'ready');
  return {
    entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
    on: {
      'user.answered': { actions: { type: 'noteAnswer', params: { step } } },
      'user.next': { target: next, guard: { type: 'measured', params: { step } } },
    },
    initial: 'setup',
    states: {
      setup: { on: { 'sim.started': 'priming' } },
      priming: primingState(ready),
      ...(atS > 0 ? { forwarding } : {}),
      ready: readyState(step, FOLLOW),
      running: runningState(step, name, 'measured'),
      measured: { entry: [{ type: 'pauseSim' }] },
    },
  } as const;
}
