/**
 * The named actions through which a lab machine acts on the simulation. A machine spreads
 * `simActions` into `setup({ actions })` (so the names and their params are typed) and uses
 * them by name, e.g. `entry: [{ type: 'resetSim' }, { type: 'sendSimCommand', params: {
 * command: { type: 'node.setUp', node: 3, up: false } } }]`. The declarations do nothing: the
 * runtime swaps in the real ones (`machine.provide`), and path tests run the machine without a
 * simulation at all.
 */
import type { SimCommand } from '@sim/models/commands';
import type { SimQueue } from './SimQueue';
import { watchingSpeed } from './testSpeed';

type NoParams = undefined;
/** A do-nothing action whose params type `P` is what the machine must pass. */
const declare =
  <P>() =>
  (_args: unknown, _params: P): void => {};

export const simActions = {
  /** rebuild the simulation at the scenario's start, paused (a `sim.started` event follows) */
  resetSim: declare<NoParams>(),
  /** the same, with the model configured as given for this run instead of as the lab's scenario says */
  resetSimWith: declare<{ modelConfig: unknown }>(),
  playSim: declare<NoParams>(),
  /** play at the set speed and pause at simulated second `seconds` exactly */
  playSimUntil: declare<{ seconds: number }>(),
  pauseSim: declare<NoParams>(),
  /** simulated ns per wall-clock second; `MS / 5` is the slowest slow motion (src/ui/session/speed.ts) */
  setSimSpeed: declare<{ nsPerSecond: number }>(),
  /** run the single earliest event (while paused) */
  stepSimEvent: declare<NoParams>(),
  /** run one coordinator window (while paused) */
  stepSimWindow: declare<NoParams>(),
  /** fast-forward: run as fast as possible to simulated second `seconds`, then pause there */
  runSimTo: declare<{ seconds: number }>(),
  /** any validated command: failures, link and network parameters, model commands */
  sendSimCommand: declare<{ command: SimCommand }>(),
  /** inject a failure: take node `node` down */
  failNode: declare<{ node: number }>(),
  restoreNode: declare<{ node: number }>(),
};

export type SimActionName = keyof typeof simActions;

/** The real implementations, each queued on the simulation in the order the machine runs them. */
export function simActionImplementations(queue: SimQueue) {
  return {
    resetSim: () => queue.run('restart the simulation', (sim) => sim.reset(), { reset: true }),
    resetSimWith: (_: unknown, p: { modelConfig: unknown }) =>
      queue.run('restart the simulation', (sim) => sim.reset({ modelConfig: p.modelConfig }), {
        reset: true,
      }),
    playSim: () => queue.run('play', (sim) => sim.play()),
    playSimUntil: (_: unknown, p: { seconds: number }) =>
      queue.run(`play to ${p.seconds} s`, (sim) => sim.playUntil(p.seconds * 1e9)),
    pauseSim: () => queue.run('pause', (sim) => sim.pause()),
    setSimSpeed: (_: unknown, p: { nsPerSecond: number }) =>
      queue.run('set the speed', (sim) => void (sim.speed = watchingSpeed(p.nsPerSecond))),
    stepSimEvent: () => queue.run('step one event', (sim) => sim.stepEvent()),
    stepSimWindow: () => queue.run('step one window', (sim) => sim.stepWindow()),
    runSimTo: (_: unknown, p: { seconds: number }) =>
      queue.run(`fast-forward to ${p.seconds} s`, (sim) => sim.runTo(p.seconds * 1e9)),
    sendSimCommand: (_: unknown, p: { command: SimCommand }) =>
      queue.run(`send ${p.command.type}`, (sim) => sim.command(p.command)),
    failNode: (_: unknown, p: { node: number }) =>
      queue.run(`fail node ${p.node}`, (sim) =>
        sim.command({ type: 'node.setUp', node: p.node, up: false }),
      ),
    restoreNode: (_: unknown, p: { node: number }) =>
      queue.run(`restore node ${p.node}`, (sim) =>
        sim.command({ type: 'node.setUp', node: p.node, up: true }),
      ),
  } satisfies Record<SimActionName, unknown>;
}
