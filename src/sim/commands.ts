/**
 * Everything a user, a lab or a demo script may do to a running simulation, as plain data.
 * A run is (scenario, seed, commands with their times): replaying the same commands at the same
 * times gives the same run. Commands are validated here because they come from the UI, URLs
 * and imported scripts.
 */
import * as v from 'valibot';
import { LINK_CLASSES } from './net/linkClasses';
import { isBugSpec } from './rollout/bugSpec';
import { isPhaseSpec } from './rollout/phases';
import type { World } from './scenario/buildWorld';

const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0));

export const commandSchema = v.variant('type', [
  v.object({ type: v.literal('node.setUp'), node: nodeId, up: v.boolean() }),
  v.object({ type: v.literal('dataCentre.setUp'), dataCentre: nodeId, up: v.boolean() }),
  v.object({
    type: v.literal('peering.set'),
    networkA: nodeId,
    networkB: nodeId,
    peered: v.boolean(),
  }),
  v.object({
    type: v.literal('network.setInflation'),
    inflation: v.pipe(v.number(), v.minValue(1), v.maxValue(10)),
  }),
  v.object({
    type: v.literal('sandbox.setLoad'),
    loadFactor: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
  }),
  /** the content provider removes one object (or, without `object`, everything) from every edge cache */
  v.object({
    type: v.literal('sandbox.purge'),
    object: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000))),
  }),
  /** the content provider publishes a new version of an object at its origin */
  v.object({
    type: v.literal('sandbox.publish'),
    object: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000_000)),
  }),
  v.object({
    type: v.literal('dns.lookup'),
    /** a client group's node id */
    client: nodeId,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[a-zA-Z0-9.-]+$/)),
  }),
  v.object({
    type: v.literal('dns.setServerUp'),
    /** the server by node id, or by role and index (in node order) */
    node: v.optional(nodeId),
    role: v.optional(v.picklist(['root', 'tld', 'toplevel', 'lowlevel', 'edge'])),
    index: v.optional(nodeId),
    up: v.boolean(),
  }),
  v.object({
    type: v.literal('dns.setEdgeLoad'),
    node: nodeId,
    load: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
  }),
  v.object({
    type: v.literal('dns.setTtl'),
    answerTtl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400))),
    delegationTtl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(604_800))),
  }),
  v.object({
    type: v.literal('dns.configure'),
    /** the top level answers A records itself (no low-level tier) */
    oneTier: v.optional(v.boolean()),
    /** background lookups per client group per second (0 stops them) */
    lookupsPerClientPerSecond: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1e4))),
  }),
  /** each shard's DNS model records its totals as a `sim.dnsTotals` observation */
  v.object({ type: v.literal('dns.reportTotals') }),
  /** ships a release phase by phase; `bugs` and `phases` as in src/sim/rollout (bugSpec, phases) */
  v.object({
    type: v.literal('rollout.start'),
    bugs: v.optional(v.pipe(v.string(), v.maxLength(500), v.check(isBugSpec, 'bad bug spec'))),
    phases: v.optional(v.pipe(v.string(), v.maxLength(200), v.check(isPhaseSpec, 'bad phases'))),
    soakSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(604_800))),
    quarantine: v.optional(v.boolean()),
  }),
  /** the operator aborts the running rollout: every server goes back to the old version */
  v.object({ type: v.literal('rollout.abort') }),
  /** a request of death reaches an edge server (by node id) running the release */
  v.object({ type: v.literal('rollout.requestOfDeath'), server: v.optional(nodeId) }),
  v.object({
    type: v.literal('rollout.configure'),
    quarantine: v.optional(v.boolean()),
    autoAbort: v.optional(v.boolean()),
    worldWatchMinutes: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10_080))),
  }),
  /**
   * many releases, each on a fresh copy of the fleet, with the default rollout knobs but these
   * phases and soak time; the result comes back as one `sim.rolloutMonteCarlo` observation
   */
  v.object({
    type: v.literal('rollout.monteCarlo'),
    releases: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000)),
    bugs: v.optional(v.pipe(v.string(), v.maxLength(500), v.check(isBugSpec, 'bad bug spec'))),
    phases: v.optional(v.pipe(v.string(), v.maxLength(200), v.check(isPhaseSpec, 'bad phases'))),
    soakSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(604_800))),
    /** a name the observation carries back, to tell several runs apart */
    label: v.optional(v.pipe(v.string(), v.maxLength(100))),
  }),
  v.object({
    type: v.literal('linkClass.set'),
    linkClass: v.picklist(LINK_CLASSES),
    lossRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    extraLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
  }),
  v.object({
    type: v.literal('link.set'),
    /** a link id: `access:<node name>`, `backbone:net-N`, `peering:net-A/net-B@<region>` */
    link: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    up: v.optional(v.boolean()),
    lossRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    extraLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1000))),
  }),
]);

export type SimCommand = v.InferOutput<typeof commandSchema>;

/** Validates a command from outside; throws an Error naming the bad field. */
export function parseCommand(input: unknown): SimCommand {
  const r = v.safeParse(commandSchema, input);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'command';
  throw new Error(`bad command: ${path}: ${issue.message}`);
}

/** Commands for the running model rather than the network: the runtime passes them to it. */
export function isModelCommand(cmd: SimCommand): boolean {
  return (
    cmd.type.startsWith('sandbox.') ||
    cmd.type.startsWith('dns.') ||
    cmd.type.startsWith('rollout.')
  );
}

/**
 * Applies a command to one shard's world. Every shard applies every command at the same
 * simulated time, so shared state (which nodes and links are up) agrees everywhere.
 */
export function applyCommand(world: World, cmd: SimCommand): void {
  const { network, topology } = world;
  switch (cmd.type) {
    case 'sandbox.setLoad':
    case 'sandbox.purge':
    case 'sandbox.publish':
    case 'dns.lookup':
    case 'dns.setServerUp':
    case 'dns.setEdgeLoad':
    case 'dns.setTtl':
    case 'dns.configure':
    case 'dns.reportTotals':
    case 'rollout.start':
    case 'rollout.abort':
    case 'rollout.requestOfDeath':
    case 'rollout.configure':
    case 'rollout.monteCarlo':
      throw new Error(`bad command: ${cmd.type} goes to the model, not the network`);
    case 'node.setUp':
      if (cmd.node >= topology.nodes.length) throw new Error(`bad command: no node ${cmd.node}`);
      network.setNodeUp(cmd.node, cmd.up);
      return;
    case 'dataCentre.setUp': {
      const dc = topology.dataCentres[cmd.dataCentre];
      if (!dc) throw new Error(`bad command: no data centre ${cmd.dataCentre}`);
      for (const id of [...dc.servers, dc.lowLevelDns]) network.setNodeUp(id, cmd.up);
      return;
    }
    case 'peering.set':
      network.setPeering(cmd.networkA, cmd.networkB, cmd.peered);
      return;
    case 'network.setInflation':
      network.inflation = cmd.inflation;
      return;
    case 'linkClass.set':
      network.setClassParams(cmd.linkClass, {
        lossRate: cmd.lossRate,
        extraLatencyNs: msToNs(cmd.extraLatencyMs),
      });
      return;
    case 'link.set': {
      const link = network.linkById(cmd.link);
      if (!link) throw new Error(`bad command: no link ${cmd.link}`);
      network.setLink(link, {
        up: cmd.up,
        lossRate: cmd.lossRate,
        extraLatencyNs: msToNs(cmd.extraLatencyMs),
      });
      return;
    }
  }
}

function msToNs(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.round(ms * 1e6);
}
