/**
 * The experiment step every lab runs, and the guards and actions all labs share.
 *
 * An experiment step waits for the student's prediction (the step's question), then runs each
 * of its runs in turn: build a fresh simulation configured for the run, send its commands, play
 * it at a watchable speed (or fast-forward), collect the observations it needs as they come,
 * stop at a simulated time or at an observation, and record what it measured. Next opens once
 * every run is measured. A lab takes `labGuards` as its `setup`'s guards (or spreads them beside
 * its own), declares `noteAnswer` with `noteAnswered`, `clearRun` (forget the last run's
 * observations) and `recordRun` (keep what it measured), and writes
 * `experimentStep(step, next, runs)` for each such step.
 *
 * The states are plain objects, as XState takes them: `ready` (paused, waiting for the answer),
 * `build<i>` and `run<i>` per run, `measured`.
 */
import { SECOND } from '@sim/time';

/** A value fixed in the step's definition, or read from the lab's context when the run starts. */
export type FromContext<T, C> = T | ((context: C) => T);

export interface ExperimentRun<C> {
  /** the run's name: what `recordRun` keeps it under, and what `measured` waits for */
  name: string;
  /** the model's configuration for this run's fresh simulation */
  config: unknown;
  /** or one made from the lab's context when the run starts (a control's value) */
  configOf?: (context: C) => unknown;
  /** commands sent once the run is built, before it plays */
  commands?: readonly unknown[];
  /** simulated ns per wall second, or 'fast' to fast-forward to `stop.seconds` */
  speed: number | 'fast';
  /** an opening in slow motion: this speed for the first `forMs` simulated ms */
  slowOpening?: { nsPerSecond: number; forMs: number };
  /** the run ends at simulated second `seconds`, or at one of the observations `on` */
  stop: { seconds: FromContext<number, C> } | { on: readonly string[]; guard?: string };
  /** what the run collects while it plays: an action (by name) per observation type */
  collect?: Readonly<Record<string, string>>;
  /** the params of its `recordRun` action (default `{ name }`) */
  record?: object;
}

export interface ExperimentOptions {
  /** more handlers while the step is open (a control's change kept for later) */
  on?: Record<string, object>;
  /** more for the `measured` state (a control that starts another run) */
  measured?: object;
  /** more states of the step (another run's build and run, beside the judged ones) */
  states?: Record<string, object>;
}

const resolve = <T, C>(v: FromContext<T, C>, context: C): T =>
  typeof v === 'function' ? (v as (c: C) => T)(context) : v;

/** The state that rebuilds the simulation for `run` and goes to `target` once it has started. */
export function buildState<C>(
  run: ExperimentRun<C>,
  target: string,
  entry: readonly object[] = [],
  on: Record<string, object> = {},
) {
  const configOf = run.configOf;
  return {
    entry: [
      { type: 'clearRun' },
      ...entry,
      {
        type: 'resetSimWith',
        params: configOf
          ? ({ context }: { context: C }) => ({ modelConfig: configOf(context) })
          : { modelConfig: run.config },
      },
    ],
    on: { 'sim.started': target, ...on },
  };
}

/** The state that plays `run`, collects its observations and, at its end, records it and goes on. */
export function runState<C>(run: ExperimentRun<C>, after: string, on: Record<string, object> = {}) {
  const record = [
    { type: 'pauseSim' },
    { type: 'recordRun', params: run.record ?? { name: run.name } },
  ];
  const collect = Object.fromEntries(
    Object.entries(run.collect ?? {}).map(([type, action]) => [type, { actions: action }]),
  );
  const stop = run.stop;
  const endAt =
    'seconds' in stop
      ? ({ context }: { context: C }) => ({ seconds: resolve(stop.seconds, context) })
      : null;
  const ends: Record<string, object> = endAt
    ? {
        'sim.tick': { guard: { type: 'reached', params: endAt }, target: after, actions: record },
      }
    : Object.fromEntries(
        ('on' in stop ? stop.on : []).map((type) => [
          type,
          {
            ...('guard' in stop && stop.guard ? { guard: stop.guard } : {}),
            target: after,
            actions: record,
          },
        ]),
      );
  if (run.speed === 'fast' && !endAt)
    throw new Error(`run ${run.name}: a fast-forward needs an end time, not an observation`);
  const go =
    run.speed === 'fast' && endAt
      ? [{ type: 'runSimTo', params: endAt }]
      : [
          {
            type: 'setSimSpeed',
            params: { nsPerSecond: run.slowOpening?.nsPerSecond ?? run.speed },
          },
          // A timed run pauses exactly at its end, so what it measures does not depend on how
          // fast it was played (or on the page's frame rate).
          endAt ? { type: 'playSimUntil', params: endAt } : { type: 'playSim' },
        ];
  // `after` counts simulated ms: the slow opening ends at the same point of every run.
  const speedUp =
    run.slowOpening && run.speed !== 'fast'
      ? {
          after: {
            [run.slowOpening.forMs]: {
              actions: [{ type: 'setSimSpeed', params: { nsPerSecond: run.speed } }],
            },
          },
        }
      : {};
  return {
    entry: [
      ...(run.commands ?? []).map((command) => ({ type: 'sendSimCommand', params: { command } })),
      ...go,
    ],
    ...speedUp,
    on: { ...collect, ...ends, ...on },
  };
}

/**
 * An experiment step: `ready` until the step's question is answered, then each run built and
 * played in turn, then `measured`; Next (to `next`) opens once every run is recorded.
 */
export function experimentStep<C>(
  step: string,
  next: string,
  runs: readonly ExperimentRun<C>[],
  options: ExperimentOptions = {},
) {
  const states: Record<string, object> = {
    ready: {
      entry: [{ type: 'pauseSim' }],
      always: { guard: { type: 'answered', params: { step } }, target: 'build0' },
    },
    measured: { entry: [{ type: 'pauseSim' }], ...options.measured },
    ...options.states,
  };
  runs.forEach((run, i) => {
    states[`build${i}`] = buildState(run, `run${i}`);
    states[`run${i}`] = runState(run, i + 1 < runs.length ? `build${i + 1}` : 'measured');
  });
  return {
    on: {
      'user.answered': { actions: { type: 'noteAnswer', params: { step } } },
      ...options.on,
      'user.next': {
        target: next,
        guard: { type: 'measured', params: { runs: runs.map((r) => r.name) } },
      },
    },
    initial: 'ready',
    states,
  } as const;
}

/** The context every lab keeps: which questions the student has answered, and what was measured. */
export interface LabBaseContext {
  answered: Record<string, boolean>;
  results: Partial<Record<string, unknown>>;
}

/** Guards every lab's machine uses by these names. */
export const labGuards = {
  /** the step's question has been answered */
  answered: ({ context }: { context: LabBaseContext }, p: { step: string }) =>
    context.answered[p.step] === true,
  /** every named run has been recorded */
  measured: ({ context }: { context: LabBaseContext }, p: { runs: readonly string[] }) =>
    p.runs.every((r) => context.results[r] !== undefined),
  /** a tick at or past simulated second `seconds` */
  reached: ({ event }: { event: { type: string } }, p: { seconds: number }) =>
    event.type === 'sim.tick' &&
    (event as unknown as { timeNs: number }).timeNs >= p.seconds * SECOND,
};

/**
 * The `answered` update of the `noteAnswer` action every lab declares, as
 * `noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) })`.
 */
export const noteAnswered = (
  { context, event }: { context: LabBaseContext; event: { type: string } },
  p: { step: string },
) => (event.type === 'user.answered' ? { ...context.answered, [p.step]: true } : context.answered);
