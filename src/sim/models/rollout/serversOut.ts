/**
 * A release acting on the rest of the CDN (the rollout config's `takesServersOut`, as in the
 * sandbox's whole CDN): a server the release has crashed, or sent into a long sleep, is out of
 * service for the whole world until it restarts. The network stops delivering to it, and the
 * mapping's monitoring agents see it go (after their detection delay) and stop handing it out,
 * exactly as when a student fails it.
 *
 * The rollout runs on its own engine (see rolloutRuntime.ts), brought up to the world's time
 * when the runtime looks; that is too late for a crash to act on requests. So the world's engine
 * carries a wake-up at the time of the rollout's next event: it runs the rollout to that
 * instant and applies what changed. Every shard keeps the whole rollout, so every shard wakes at
 * the same instants and makes the same changes; the wake-ups are registered as every-shard
 * events, which a split run's trace counts once.
 */
import type { World } from '../../scenario/buildWorld';
import type { ModelContext } from '../../model/SimModel';
import { UP } from './Fleet';
import type { RolloutSim } from './RolloutSim';

export interface ServersOut {
  /** a server's status may have changed (a crash, a long sleep, a restart) */
  noteServer(server: number): void;
  /** the rollout's schedule may have changed (a command): wake at its next event */
  plan(): void;
}

export function takeServersOut(world: World, context: ModelContext, sim: RolloutSim): ServersOut {
  const nodes = sim.layout.node;
  /** what the world has been told: 1 where the server is out of service */
  const told = new Uint8Array(nodes.length);
  const changed = new Set<number>();
  // Ordered after every node's own events at the same instant (its origin is no node's id), with
  // its own sequence, so its place in the trace does not depend on the shard.
  const origin = world.topology.nodes.length;
  let seq = 0;
  let wakeAt = Infinity;
  let handle = -1;

  const wake = world.engine.registerKind(
    'rollout.wake',
    () => {
      wakeAt = Infinity;
      const now = world.engine.now;
      sim.engine.runUntil(now);
      while (sim.engine.nextEventTime() <= now) sim.engine.step();
      plan();
    },
    { everyShard: true },
  );

  function apply(): void {
    for (const server of changed) {
      const out = sim.fleet.status[server] !== UP ? 1 : 0;
      if (out === told[server]) continue;
      told[server] = out;
      context.changeWorld({ type: 'node.setUp', node: nodes[server], up: out === 0 });
    }
    changed.clear();
  }

  /** Tells the world what changed, then wakes at the rollout's next event. */
  function plan(): void {
    apply();
    const next = sim.engine.nextEventTime();
    if (next === wakeAt) return;
    if (wakeAt !== Infinity) world.engine.cancel(handle);
    wakeAt = next;
    if (next !== Infinity) handle = world.engine.scheduleKeyed(next, origin, seq++, origin, wake);
  }

  return { noteServer: (server) => changed.add(server), plan };
}
