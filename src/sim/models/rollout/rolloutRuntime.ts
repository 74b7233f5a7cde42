/**
 * The rollout model as the runtime runs it (model id 'rollout'), in the shape of the runtime's
 * InstalledModel (structurally: the simulation layer does not import the runtime).
 *
 * Every shard runs the whole rollout: it is cheap (one event per bug, check and failure, none
 * per request) and its decisions need the whole fleet, so each shard keeps an identical copy
 * and every shard agrees on every server's version. The copy's events run on the shard's world
 * engine as every-shard events (rolloutEngine.ts), so the timeline steps them like any other
 * model's and the trace counts them once. Only the shard that owns the first edge server
 * reports counters and observations, so the runtime's sums count each once.
 */
import type { RolloutCommand } from './commands';
import type { World } from '../../scenario/buildWorld';
import type { HistogramSnapshot } from '../../stats/Histogram';
import { MINUTE, SECOND } from '../../time';
import { parseBugSpec } from './bugSpec';
import { fleetLayout } from './fleetLayout';
import { runMonteCarlo } from './monteCarlo';
import { monteCarloPart } from './monteCarloParts';
import { parsePhases, phaseLabel } from './phases';
import { rolloutConfig, type RolloutConfig } from './rolloutConfig';
import { RolloutSim } from './RolloutSim';
import type { ControlMessage } from './RolloutController';
import { UP } from './Fleet';
import type { ModelContext } from '../../model/SimModel';
import { takeServersOut } from './serversOut';
import { worldRolloutEngine } from './rolloutEngine';
import { RolloutLog } from './log';

/**
 * A control message's size: the order to install a version, or a server's status (the bytes of
 * the release itself are not modelled), for its trip time.
 */
export const CONTROL_MESSAGE_BYTES = 512;

/**
 * The control messages of one moment (observation `sim.rolloutMessages`), for drawing them: a
 * push or a rollback leaves the operations centre at `timeNs` and reaches each server `tripNs`
 * later; the status reports a check reads arrive at `timeNs`, each having left its server
 * `tripNs` before. Trips are the network's empty-path latency between the two places.
 */
export interface RolloutMessages {
  type: 'sim.rolloutMessages';
  timeNs: number;
  what: ControlMessage;
  /** node id of the operations centre (see operationsNode) */
  ops: number;
  /** node ids of the servers */
  servers: number[];
  /** each server's one-way trip, ns */
  tripNs: number[];
}

/**
 * Where the operations centre that pushes releases and reads the checks sits. The topology has
 * no node of its own for it: it shares the site of the CDN's first top-level name server (the
 * CDN's home, Boston, at every scale that has one). -1 when there is none.
 */
export function operationsNode(world: World): number {
  return world.topology.nodes.find((n) => n.kind === 'dnsCdnTop')?.id ?? -1;
}

/** The model's configuration as plain data (times in seconds). */
export interface RolloutModelConfig {
  phases?: string;
  soakSeconds?: number;
  worldWatchSeconds?: number;
  checkIntervalSeconds?: number;
  quarantine?: boolean;
  autoAbort?: boolean;
  /** servers the release crashes or puts to sleep are out of service for the world (serversOut.ts) */
  takesServersOut?: boolean;
}

export function rolloutConfigFrom(input: RolloutModelConfig = {}): RolloutConfig {
  const c = rolloutConfig();
  if (input.phases !== undefined) c.phases = parsePhases(input.phases);
  if (input.soakSeconds !== undefined) c.soakNs = Math.round(input.soakSeconds * SECOND);
  if (input.worldWatchSeconds !== undefined)
    c.worldWatchNs = Math.round(input.worldWatchSeconds * SECOND);
  if (input.checkIntervalSeconds !== undefined)
    c.checkIntervalNs = Math.round(input.checkIntervalSeconds * SECOND);
  if (input.quarantine !== undefined) c.quarantine = input.quarantine;
  if (input.autoAbort !== undefined) c.autoAbort = input.autoAbort;
  return c;
}

/**
 * Installs the model in one shard's world. `context` is needed only with `takesServersOut`,
 * which changes the world (ModelContext.changeWorld).
 */
export function installRolloutModel(
  world: World,
  owns: (id: number) => boolean,
  config: unknown,
  context?: ModelContext,
) {
  const layout = fleetLayout(world.topology);
  const input = (config ?? {}) as RolloutModelConfig;
  const cfg = rolloutConfigFrom(input);
  const ops = operationsNode(world);
  const nodes = world.topology.nodes.length;
  const engine = worldRolloutEngine(world.engine, layout, {
    // The first id no node has (BGP's wake-ups take the next): after every node's own events.
    origin: nodes,
    controlNode: ops >= 0 ? ops : layout.node[0],
    nodes,
  });
  const sim = new RolloutSim(engine, layout, cfg, world.scenario.seed);
  let serversOut: ((server: number) => void) | null = null;
  if (input.takesServersOut) {
    if (!context) throw new Error('takesServersOut needs the model context to change the world');
    serversOut = takeServersOut(context, sim);
  }
  const reporter = layout.node.length > 0 && owns(layout.node[0]);
  const observations: unknown[] = [];
  const counters = { releases: 0, shipped: 0, aborted: 0, crashes: 0, longSleeps: 0, restarts: 0 };
  // Every shard runs the same rollout: the reporting shard alone logs it.
  const log =
    reporter && context?.log
      ? new RolloutLog(context.log.bind(context), ops, (s) => layout.node[s])
      : null;
  sim.fleet.onEvent = (e) => {
    log?.fleet(e);
    if (e.type === 'sim.serverCrashed') counters.crashes++;
    else if (e.type === 'sim.serverLongSleep') counters.longSleeps++;
    else counters.restarts++;
    serversOut?.(e.server);
    if (reporter) observations.push({ ...e, node: layout.node[e.server] });
  };
  if (reporter && ops >= 0)
    sim.controller.onMessages = (what, servers) => {
      if (servers.length === 0) return;
      const nodes = Array.from(servers, (i) => layout.node[i]);
      // Orders go out from the operations centre; reports come in to it.
      const tripNs = nodes.map((node) =>
        what === 'report'
          ? world.routes.latencyNs(node, ops, CONTROL_MESSAGE_BYTES)
          : world.routes.latencyNs(ops, node, CONTROL_MESSAGE_BYTES),
      );
      const o: RolloutMessages = {
        type: 'sim.rolloutMessages',
        timeNs: sim.engine.now,
        what,
        ops,
        servers: nodes,
        tripNs,
      };
      observations.push(o);
    };
  sim.controller.onObservation = (o) => {
    log?.controller(o);
    const done = o.type === 'sim.rolloutAborted' || o.type === 'sim.rolloutShipped';
    if (o.type === 'sim.rolloutAborted') counters.aborted++;
    if (o.type === 'sim.rolloutShipped') counters.shipped++;
    if (reporter) observations.push(done ? { ...o, outcome: sim.controller.outcome } : o);
  };

  return {
    report: (): {
      counters: Record<string, number>;
      histograms: Record<string, HistogramSnapshot>;
      observations: unknown[];
    } => {
      const taken = observations.splice(0);
      // Other shards report only their shares of a Monte Carlo (the only thing they record).
      if (!reporter) return { counters: {}, histograms: {}, observations: taken };
      return {
        counters: {
          'rollout.releases': counters.releases,
          'rollout.shipped': counters.shipped,
          'rollout.aborted': counters.aborted,
          'rollout.crashes': counters.crashes,
          'rollout.longSleeps': counters.longSleeps,
          'rollout.restarts': counters.restarts,
          'rollout.phase': sim.controller.phase,
          'rollout.serversOut': sim.fleet.outCount(),
          'rollout.errorMinutes': sim.fleet.errorMinutes(),
        },
        histograms: {},
        observations: taken,
      };
    },
    /** Writes every server's version (every shard agrees; other nodes keep theirs). */
    fillVersion: (out: Uint16Array) => {
      for (let i = 0; i < layout.node.length; i++) out[layout.node[i]] = sim.fleet.version[i];
    },
    /** Marks the owned edge servers that are crashed (restarting) or in a long sleep as down. */
    fillNodeUp: (out: Uint8Array) => {
      for (let i = 0; i < layout.node.length; i++)
        if (sim.fleet.status[i] !== UP && owns(layout.node[i])) out[layout.node[i]] = 0;
    },
    // Beside a model that serves traffic (takesServersOut), the servers' load is that model's
    // to show; alone, the rollout shows the share each server carries while others are out.
    fillNodeLoad: serversOut
      ? undefined
      : (out: Float32Array) => {
          // An edge server out of service shows as idle; one up shows its share of the load the
          // others hand it while some are out.
          const share = layout.node.length / Math.max(1, layout.node.length - sim.fleet.outCount());
          for (let i = 0; i < layout.node.length; i++)
            if (owns(layout.node[i]))
              out[layout.node[i]] = sim.fleet.status[i] === 0 ? share / 2 : 0;
        },
    command: runCommand,
  };

  function runCommand(cmd: RolloutCommand): void {
    switch (cmd.type) {
      case 'rollout.start':
        // A second start (a double click) must not break the run: it is noted and ignored.
        if (sim.controller.running) {
          if (reporter) observations.push({ type: 'sim.rolloutBusy', timeNs: sim.engine.now });
          return;
        }
        if (cmd.phases !== undefined) cfg.phases = parsePhases(cmd.phases);
        if (cmd.soakSeconds !== undefined) cfg.soakNs = Math.round(cmd.soakSeconds * SECOND);
        if (cmd.quarantine !== undefined) cfg.quarantine = cmd.quarantine;
        counters.releases++;
        sim.startRelease(parseBugSpec(cmd.bugs ?? 'random'));
        return;
      case 'rollout.abort':
        sim.controller.abort();
        return;
      case 'rollout.requestOfDeath': {
        const i = cmd.server === undefined ? 0 : layout.node.indexOf(cmd.server);
        if (i < 0) throw new Error(`bad command: node ${cmd.server} is not an edge server`);
        if (sim.fleet.isNew(i)) sim.rods.start(i);
        return;
      }
      case 'rollout.configure':
        if (cmd.quarantine !== undefined) cfg.quarantine = cmd.quarantine;
        if (cmd.autoAbort !== undefined) cfg.autoAbort = cmd.autoAbort;
        if (cmd.worldWatchMinutes !== undefined)
          cfg.worldWatchNs = Math.round(cmd.worldWatchMinutes * MINUTE);
        return;
      case 'rollout.monteCarlo': {
        // The releases are shared among the shards (see monteCarloParts.ts); the live run
        // is not touched.
        const n = layout.node.length;
        if (n === 0) return;
        const mc = rolloutConfigFrom({ phases: cmd.phases, soakSeconds: cmd.soakSeconds });
        const r = runMonteCarlo(layout, mc, {
          releases: cmd.releases,
          seed: world.scenario.seed,
          bugs: parseBugSpec(cmd.bugs ?? 'random'),
          pick: (k) => owns(layout.node[k % n]),
        });
        // A shard that owns none of these releases' servers has nothing to report.
        if (r.releases.length === 0) return;
        const at = {
          timeNs: sim.engine.now,
          label: cmd.label ?? '',
          phases: mc.phases.map(phaseLabel),
          soakNs: mc.soakNs,
          worldWatchNs: mc.worldWatchNs,
        };
        observations.push(monteCarloPart(r, at, cmd.releases));
        return;
      }
    }
  }
}
