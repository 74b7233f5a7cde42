/**
 * The delivery model's event-log entries (ModelContext.log): a server or a data centre failing
 * or coming back (and when the mapping's agents will see it), a purge, and the mapping's own
 * decisions that the monitors record (a busy server taken out of the answers or put back, a hot
 * object spread to more servers); and how the log words them.
 */
import type { LogKindWords, ModelLogEntry } from '../../model/SimModel';
import type { Topology } from '../../topology/types';
import type { WorldCommand } from '../../worldCommands';
import { DETECTION_DELAY_NS } from '../mapping/Health';
import type { SpreadSeen, WithdrawnSeen } from './observations';

/**
 * The entry for a failure or a recovery given as a world command, and the node whose shard logs
 * it (so a split run logs it once); null for other commands.
 */
export function failureEntry(
  topology: Topology,
  cmd: WorldCommand,
  timeNs: number,
): { entry: ModelLogEntry; loggedBy: number } | null {
  let what: string;
  let nodes: number[];
  if (cmd.type === 'node.setUp') [what, nodes] = ['node', [cmd.node]];
  else if (cmd.type === 'dataCentre.setUp' && topology.dataCentres[cmd.dataCentre]) {
    const dc = topology.dataCentres[cmd.dataCentre];
    [what, nodes] = [`data centre ${dc.name}`, [dc.lowLevelDns, ...dc.servers]];
  } else return null;
  return {
    entry: {
      timeNs,
      kind: cmd.up ? 'delivery.nodeUp' : 'delivery.nodeDown',
      nodes,
      fields: { what, seenAfterNs: DETECTION_DELAY_NS },
    },
    loggedBy: nodes[0],
  };
}

export function purgeEntry(timeNs: number, object: number | undefined): ModelLogEntry {
  return { timeNs, kind: 'delivery.purge', nodes: [], fields: { object: object ?? null } };
}

/** The entry for one of the monitors' observations, or null for the others. */
export function observationEntry(o: { type: string; timeNs: number }): ModelLogEntry | null {
  if (o.type === 'sim.serverWithdrawn') {
    const w = o as WithdrawnSeen;
    return {
      timeNs: w.timeNs,
      kind: 'delivery.withdrawn',
      nodes: [w.server],
      fields: { withdrawn: w.withdrawn },
    };
  }
  if (o.type === 'sim.contentSpread') {
    const s = o as SpreadSeen;
    return {
      timeNs: s.timeNs,
      kind: 'delivery.spread',
      nodes: [],
      fields: { object: s.object, servers: s.servers, dc: s.dc },
    };
  }
  return null;
}

const seen = (ns: unknown) => `${Number(ns) / 1e9} s`;

export const DELIVERY_LOG_KINDS: Record<string, LogKindWords> = {
  'delivery.nodeDown': {
    label: 'failure',
    text: (f) =>
      `${f.what === 'node' ? 'the server' : f.what} failed; the mapping's agents see it ${seen(f.seenAfterNs)} later`,
  },
  'delivery.nodeUp': {
    label: 'recovery',
    text: (f) =>
      `${f.what === 'node' ? 'the server' : f.what} is back; the mapping's agents see it ${seen(f.seenAfterNs)} later`,
  },
  'delivery.purge': {
    label: 'purge',
    text: (f) =>
      f.object === null
        ? 'every edge cache purged'
        : `object ${f.object} purged from every edge cache`,
  },
  'delivery.withdrawn': {
    label: 'server withdrawn',
    text: (f) =>
      f.withdrawn
        ? 'too busy: taken out of the mapping’s answers'
        : 'put back into the mapping’s answers',
  },
  'delivery.spread': {
    label: 'content spread',
    text: (f) =>
      `object ${f.object} ${Number(f.servers) > 1 ? `spread to ${f.servers} servers` : 'back on one server'} in its data centre`,
  },
};
