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
import { accessLinkOf, CLIENT, NAME, OTHER_CLIENT, PUBLIC_RESOLVER, SIBLING } from './places';

type LabEvent = LabRuntimeEvent | ResolutionSeen | AnswerSeen | ConnectedSeen | TotalsSeen;

/** What one experiment measured. */
export interface Measured {
  /** the servers asked, in order, as `role:kind` (e.g. `toplevel:referral`) */
  asked: string[];
  ttls: (number | null)[];
  /** node ids of the servers asked, in order (an anycast server's: the instance reached) */
  servers: number[];
  /** how long the resolver would wait for each, ms (its timeout for that server) */
  timeouts: number[];
  latencyMs: number;
  addresses: string[];
}

/** A lookup through the distant public resolver, and the round trip of the connection after it. */
export interface Distant {
  lookup: Measured;
  /** the connection's handshake with the edge server it was given: one round trip, ms */
  connectMs: number | null;
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
  /** failure step: the lookup after the dead server's answer expired */
  afterFailure: Measured | null;
  /** anycast step: the root instance that answered the first lookup and was then failed */
  failedInstance: number | null;
  /** memory step: the lookups while the resolver remembers the silent server (25 s, 50 s) */
  remembered: Measured[];
  /** client-subnet step: the lookups through the distant resolver, without and with ECS */
  distant: { without: Distant | null; with: Distant | null };
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
/**
 * The memory step asks once more here: 15 minutes (Unbound's infra-host-ttl, 900 s) after the
 * resolver first met either low-level server, and a little more, so it has forgotten both.
 */
export const FORGOTTEN_S = 930;
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
    timeouts: e.steps.map((s) => s.timeoutMs),
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
      failedInstance: null,
      remembered: [],
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
      afterFailure: ({ event }) => measure(event as ResolutionSeen),
    }),
    pickFailedInstance: assign({
      failedInstance: ({ context }) => context.primed?.servers[0] ?? null,
    }),
    recordRemembered: assign({
      remembered: ({ context, event }) => [...context.remembered, measure(event as ResolutionSeen)],
    }),
    resetDistant: assign({ distant: () => ({ without: null, with: null }) }),
    recordDistant: assign({
      distant: ({ context, event }, p: { ecs: 'without' | 'with' }) => ({
        ...context.distant,
        [p.ecs]: { lookup: measure(event as ResolutionSeen), connectMs: null },
      }),
    }),
    recordDistantConnect: assign({
      distant: ({ context, event }, p: { ecs: 'without' | 'with' }) => {
        const d = context.distant[p.ecs];
        if (!d) return context.distant;
        const connectMs = (event as ConnectedSeen).handshakeNs / 1e6;
        return { ...context.distant, [p.ecs]: { ...d, connectMs } };
      },
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
    distantDone: ({ context }) =>
      context.distant.without?.connectMs != null && context.distant.with?.connectMs != null,
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
    failedInstance: null,
    remembered: [],
    distant: { without: null, with: null },
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
        'user.next': { target: 'anycast', guard: { type: 'measured', params: { step: 'cold' } } },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'ready' } },
        ready: readyState('cold', FOLLOW),
        running: runningState('cold', NAME, 'measured'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    anycast: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'anycast' } } },
        'user.next': {
          target: 'warmSame',
          guard: { type: 'measured', params: { step: 'anycast' } },
        },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'priming' } },
        // A cold lookup shows which root instance answers this resolver...
        priming: primingState('restart', GLANCE),
        // ...then a fresh run, cache empty again, in which that instance has failed.
        restart: {
          entry: [{ type: 'pickFailedInstance' }, { type: 'pauseSim' }, { type: 'resetSim' }],
          on: {
            'sim.started': {
              target: 'ready',
              actions: {
                type: 'sendSimCommand',
                params: ({ context }: { context: LabContext }) => ({
                  command: {
                    type: 'dns.setServerUp',
                    node: context.failedInstance ?? -1,
                    up: false,
                  } as SimCommand,
                }),
              },
            },
          },
        },
        ready: readyState('anycast', FOLLOW),
        running: runningState('anycast', NAME, 'measured'),
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
        'user.next': { target: 'clientSubnet', guard: 'mappingDone' },
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
        afterLoss: lookupState('measured', 'recordAfterLoss'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    clientSubnet: {
      entry: [{ type: 'clearStep' }, { type: 'resetDistant' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'clientSubnet' } } },
        'user.next': { target: 'failure', guard: 'distantDone' },
      },
      initial: 'setup',
      states: {
        // The student's client group now asks a public resolver in Washington.
        setup: {
          on: {
            'sim.started': {
              target: 'ready',
              actions: {
                type: 'sendSimCommand',
                params: {
                  command: { type: 'dns.useResolver', client: CLIENT, resolver: PUBLIC_RESOLVER },
                },
              },
            },
          },
        },
        ready: readyState('clientSubnet', FOLLOW),
        running: lookupState('connecting', [
          { type: 'recordResult', params: { step: 'clientSubnet' } },
          { type: 'recordDistant', params: { ecs: 'without' } },
        ] as const),
        connecting: distantConnection('without', 'subnetOn'),
        // The resolver starts sending the client's subnet; once the answer has expired the
        // client looks the name up again.
        subnetOn: forwardState(AFTER_ANSWER_TTL_S, 'again', [
          {
            type: 'sendSimCommand',
            params: { command: { type: 'dns.configure', clientSubnet: true } },
          },
        ] as const),
        again: lookupState(
          'reconnecting',
          { type: 'recordDistant', params: { ecs: 'with' } } as const,
          FOLLOW,
        ),
        reconnecting: distantConnection('with', 'measured'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    failure: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'failure' } } },
        'user.next': { target: 'memory', guard: 'failureSeen' },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'priming' } },
        priming: primingState('silencing'),
        // The low-level name server that answered the warm-up stops answering.
        silencing: silenceLowLevel('ready'),
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
        askAgain: lookupState('measured', 'recordAfterFailure', FOLLOW_TIMEOUTS),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    memory: {
      entry: [{ type: 'clearStep' }, { type: 'resetSim' }],
      on: {
        'user.answered': { actions: { type: 'noteAnswer', params: { step: 'memory' } } },
        'user.next': { target: 'done', guard: { type: 'measured', params: { step: 'memory' } } },
      },
      initial: 'setup',
      states: {
        setup: { on: { 'sim.started': 'priming' } },
        priming: primingState('silencing'),
        silencing: silenceLowLevel('firstTry'),
        // The lookup that meets the silent server, then one 25 s later, quickly.
        firstTry: rememberedLookup('afterTimeout'),
        afterTimeout: forwardState(ASK_AGAIN_S, 'secondTry'),
        secondTry: rememberedLookup('forgetting'),
        // Past Unbound's 900 s memory of both low-level servers.
        forgetting: forwardState(FORGOTTEN_S, 'ready'),
        ready: readyState('memory', FOLLOW_TIMEOUTS),
        running: runningState('memory', NAME, 'measured'),
        measured: { entry: [{ type: 'pauseSim' }] },
      },
    },

    done: { type: 'final' },
  },
});

/** At AFTER_ANSWER_TTL_S, the low-level name server that answered the warm-up stops answering. */
function silenceLowLevel(target: string) {
  return forwardState(AFTER_ANSWER_TTL_S, target, [
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
  ] as const);
}

/** The client's connection after a lookup through the distant resolver, kept, then `next`. */
function distantConnection(ecs: 'without' | 'with', next: string) {
  return {
    on: {
      'sim.connected': {
        guard: 'myConnection',
        target: next,
        actions: { type: 'recordDistantConnect', params: { ecs } },
      },
    },
  } as const;
}

/** A lookup of NAME at a glance, kept in `remembered`, then `next`. */
function rememberedLookup(next: string) {
  return lookupState(next, 'recordRemembered', GLANCE);
}

/**
 * Looks the lab's name up from the followed client group and goes to `next` with `actions`
 * once its resolver has answered; with `nsPerSecond`, from a pause at that speed, else at the
 * speed already set.
 */
function lookupState<const A>(next: string, actions: A, nsPerSecond?: number) {
  const speed =
    nsPerSecond === undefined
      ? []
      : ([{ type: 'pauseSim' }, { type: 'setSimSpeed', params: { nsPerSecond } }] as const);
  return {
    entry: [
      ...speed,
      { type: 'sendSimCommand', params: { command: lookup(NAME) } },
      { type: 'playSim' },
    ] as const,
    on: {
      'sim.resolution': { guard: { type: 'mine', params: { name: NAME } }, target: next, actions },
    },
  } as const;
}

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
function primingState(next: string, nsPerSecond = WARM_UP) {
  return {
    entry: [
      { type: 'setSimSpeed', params: { nsPerSecond } },
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
