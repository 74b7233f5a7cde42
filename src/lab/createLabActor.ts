/**
 * A lab's machine as a running actor wired to a simulation: its sim actions queued on `sim`,
 * its `after` delays on simulated time. LabDriver uses it; so can a lab's own tests, with a
 * stand-in LabSim and a SimTimeClock they advance by hand.
 */
import { createActor, type Actor, type AnyStateMachine } from 'xstate';
import type { LabSim } from './LabSim';
import { SimQueue } from './SimQueue';
import { SimTimeClock } from './SimTimeClock';
import { simActionImplementations } from './simActions';
import { machineStartingAt } from './steps';

export interface LabActorOptions {
  /** the step to start at (its entry actions run); default the machine's own first state */
  stepId?: string;
  /** default a new SimTimeClock at time 0 */
  clock?: SimTimeClock;
  /** default a queue of its own that reports failures to `onError` */
  queue?: SimQueue;
  onError?: (message: string) => void;
}

export interface LabActor {
  actor: Actor<AnyStateMachine>;
  clock: SimTimeClock;
  queue: SimQueue;
}

/** Creates (does not start) the actor. */
export function createLabActor(
  machine: AnyStateMachine,
  sim: LabSim,
  options: LabActorOptions = {},
): LabActor {
  const clock = options.clock ?? new SimTimeClock();
  const queue = options.queue ?? new SimQueue(sim, options.onError ?? (() => {}));
  const start = options.stepId ?? (machine.config.initial as string);
  const wired = machineStartingAt(machine, start).provide({
    actions: simActionImplementations(queue),
  });
  return { actor: createActor(wired, { clock }), clock, queue };
}
