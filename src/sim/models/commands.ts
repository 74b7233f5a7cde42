/**
 * Everything a user, a lab or a demo script may do to a running simulation, as plain data.
 * A run is (scenario, seed, commands with their times): replaying the same commands at the same
 * times gives the same run. Commands are validated here because they come from the UI, URLs
 * and imported scripts.
 */
import * as v from 'valibot';
import { parseModelCommand } from '../model/SimModel';
import { isBuiltInModel, MODELS, modelOfType, type ModelCommandSchema } from './registry';
import type { World } from '../scenario/buildWorld';
import { WORLD_COMMANDS, type WorldCommand } from '../worldCommands';

export { WORLD_COMMANDS, type WorldCommand };

/**
 * Every command: the world's, and each registered model's (src/sim/models/registry.ts), told
 * apart by `type`.
 */
const commandVariant = v.variant('type', [
  ...WORLD_COMMANDS,
  ...MODELS.flatMap((m): readonly ModelCommandSchema[] => m.commands),
]);

/**
 * Command types that were renamed, old to new: links, demo scripts and saved runs made before
 * the delivery model had its name (it was the sandbox model) still read.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'sandbox.setLoad': 'delivery.setLoad',
  'sandbox.purge': 'delivery.purge',
  'sandbox.publish': 'delivery.publish',
};

/** The command with an old type renamed to today's (anything else as it is). */
export function upgradeCommand(input: unknown): unknown {
  const type = (input as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type in RENAMED
    ? { ...(input as object), type: RENAMED[type] }
    : input;
}

export const commandSchema = v.pipe(v.unknown(), v.transform(upgradeCommand), commandVariant);

export type SimCommand = v.InferOutput<typeof commandSchema>;

/** Validates a command from outside; throws an Error naming the bad field. */
export function parseCommand(raw: unknown): SimCommand {
  const input = upgradeCommand(raw);
  // A model registered at run time (registerModel) validates its own commands.
  const type = (input as { type?: unknown } | null)?.type;
  const extra = typeof type === 'string' ? modelOfType(type) : undefined;
  if (extra && !isBuiltInModel(extra.id))
    return parseModelCommand(extra, input) as unknown as SimCommand;
  const r = v.safeParse(commandSchema, input);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'command';
  throw new Error(`bad command: ${path}: ${issue.message}`);
}

/** Commands for a model rather than the network: the runtime passes them to their model. */
export function isModelCommand(cmd: SimCommand): boolean {
  return modelOfType(cmd.type) !== undefined;
}

/** Commands to the world itself, which every shard applies (applyCommand). */
export function isWorldCommand(cmd: SimCommand): cmd is WorldCommand {
  return !isModelCommand(cmd);
}

/**
 * Applies a command to one shard's world. Every shard applies every command at the same
 * simulated time, so shared state (which nodes and links are up) agrees everywhere.
 */
export function applyCommand(world: World, cmd: WorldCommand): void {
  const { network, topology } = world;
  switch (cmd.type) {
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
