/**
 * The engine the rollout's fleet, controller and requests of death schedule on.
 *
 * They name the places of their events by fleet index, the "source": server s (0..n − 1), the
 * controller n, the requests of death n + 1. On a private `Engine` (the Monte Carlo's fresh
 * fleets, the model's unit tests) a source is used as the event's origin and target as it is.
 * The live run in a world schedules on the world's engine through `worldRolloutEngine`, which
 * turns sources into the world's keys and node ids.
 */
import type { Engine } from '../../engine/Engine';
import { assert, fail } from '../../util/assert';
import type { FleetLayout } from './fleetLayout';

/** What the rollout schedules with: a private `Engine` is one as it is. */
export type RolloutEngine = Pick<
  Engine,
  'now' | 'registerKind' | 'schedule' | 'scheduleAt' | 'cancel'
>;

/** Events one source may schedule: room in the sequence number for every source's count. */
const PER_SOURCE = 2 ** 32;

/**
 * The world's engine as the live rollout schedules on it.
 *
 * Every shard runs the whole rollout, so its kinds are every-shard kinds (a split run's trace
 * counts them once), and each event's key (origin, sequence) must be the same in every shard. A
 * node's own sequence counts every event that node schedules for any model, and only the shard
 * that owns it runs the other models' events, so the rollout does not key on a server's node:
 * its events have `origin`, an id no node has (after every node's own events at the same instant,
 * as other every-shard events), and a sequence of their own, (source, that source's count). At one
 * instant they therefore run in the order the rollout's private engine gave them: servers by
 * index, then the controller, then the requests of death.
 *
 * Targets are node ids of the world, so that a stepped event names a real node: a server's own,
 * and for the controller and the requests of death the operations centre (`controlNode`), which
 * sends the orders and reads the checks. Handlers get the fleet index back (a target that is no
 * server reads as the controller, n; those handlers ignore it).
 */
export function worldRolloutEngine(
  engine: Engine,
  layout: FleetLayout,
  keys: { origin: number; controlNode: number; nodes: number },
): RolloutEngine {
  const n = layout.node.length;
  const sources = n + 2;
  assert(
    sources * PER_SOURCE <= Number.MAX_SAFE_INTEGER,
    `${n} servers leave no room for the rollout's event keys`,
  );
  const counts = new Float64Array(sources);
  const indexOf = new Int32Array(keys.nodes).fill(n);
  layout.node.forEach((node, s) => (indexOf[node] = s));
  const nodeOf = (source: number) => (source < n ? layout.node[source] : keys.controlNode);
  const seqOf = (source: number) => {
    if (!(counts[source] < PER_SOURCE)) fail(`rollout source ${source} is unknown or out of keys`);
    return source * PER_SOURCE + counts[source]++;
  };
  const at = (time: number, source: number, target: number, kind: number, arg = 0, p?: unknown) =>
    engine.scheduleKeyed(time, keys.origin, seqOf(source), nodeOf(target), kind, arg, p);
  return {
    get now() {
      return engine.now;
    },
    registerKind: (name, handler) =>
      engine.registerKind(name, (target, arg, p) => handler(indexOf[target], arg, p), {
        everyShard: true,
      }),
    schedule: (delayNs, source, target, kind, arg, p) =>
      at(engine.now + delayNs, source, target, kind, arg, p),
    scheduleAt: at,
    cancel: (handle) => engine.cancel(handle),
  };
}
