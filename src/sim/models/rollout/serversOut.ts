/**
 * A release acting on the rest of the CDN (the rollout config's `takesServersOut`, as in the
 * sandbox's whole CDN): a server the release has crashed, or sent into a long sleep, is out of
 * service for the whole world until it restarts. The network stops delivering to it, and the
 * mapping's monitoring agents see it go (after their detection delay) and stop handing it out,
 * exactly as when a student fails it.
 *
 * The rollout's events run on the world's engine (rolloutRuntime.ts), so the world is told
 * inside the event that crashes or restarts the server: requests reaching it from that instant
 * on find it out. Every shard keeps the whole rollout and runs that event at the same instant
 * (an every-shard event), so every shard makes the same change.
 */
import type { ModelContext } from '../../model/SimModel';
import { UP } from './Fleet';
import type { RolloutSim } from './RolloutSim';

/** Returns what to call when a server's status may have changed (a crash, a sleep, a restart). */
export function takeServersOut(context: ModelContext, sim: RolloutSim): (server: number) => void {
  const nodes = sim.layout.node;
  /** what the world has been told: 1 where the server is out of service */
  const told = new Uint8Array(nodes.length);
  return (server) => {
    const out = sim.fleet.status[server] !== UP ? 1 : 0;
    if (out === told[server]) return;
    told[server] = out;
    context.changeWorld({ type: 'node.setUp', node: nodes[server], up: out === 0 });
  };
}
