/**
 * The student's changes to a running sandbox (a failure, loss on a class of links, more load, a
 * purge…) in a few words, for the `sim.change` observations that become marks on the charts and
 * sentences in the narration. Made in the simulation, at the instant the change applies, so a
 * mark sits where the change happened rather than where the page happened to notice it.
 */
import type { WorldCommand } from '../../worldCommands';
import type { DeliveryCommand } from './commands';
import type { Observation } from '../../observations';
import type { LinkClassName } from '../../net/linkClasses';
import type { Topology } from '../../topology/types';

/** The record a change leaves (one per change, whatever the number of shards). */
export interface ChangeObservation extends Observation {
  type: 'sim.change';
  /** the command's type, e.g. `dataCentre.setUp` */
  command: string;
  /** e.g. "frankfurt-n1 failed", "last mile loss 2 %", "load ×10" */
  label: string;
}

const CLASS_WORDS: Record<LinkClassName, string> = {
  firstMile: 'first mile',
  backbone: 'backbone',
  peering: 'peering',
  lastMile: 'last mile',
};

/** 0.02 → "2 %", 0.005 → "0.5 %". */
const percent = (p: number) => `${Number((p * 100).toPrecision(3))} %`;

/** A change in a few words, or null for a command that is not a change to show. */
export function describeChange(
  cmd: WorldCommand | DeliveryCommand,
  topology: Topology,
): string | null {
  const state = (up: boolean) => (up ? 'restored' : 'failed');
  switch (cmd.type) {
    case 'dataCentre.setUp': {
      const dc = topology.dataCentres[cmd.dataCentre];
      return `${dc?.name ?? `data centre ${cmd.dataCentre}`} ${state(cmd.up)}`;
    }
    case 'node.setUp':
      return `${topology.nodes[cmd.node]?.name ?? `node ${cmd.node}`} ${state(cmd.up)}`;
    case 'linkClass.set': {
      const parts: string[] = [];
      if (cmd.lossRate !== undefined) parts.push(`loss ${percent(cmd.lossRate)}`);
      if (cmd.extraLatencyMs !== undefined) parts.push(`+${cmd.extraLatencyMs} ms`);
      return parts.length === 0 ? null : `${CLASS_WORDS[cmd.linkClass]} ${parts.join(', ')}`;
    }
    case 'link.set': {
      const parts: string[] = [];
      if (cmd.up !== undefined) parts.push(cmd.up ? 'up' : 'cut');
      if (cmd.lossRate !== undefined) parts.push(`loss ${percent(cmd.lossRate)}`);
      if (cmd.extraLatencyMs !== undefined) parts.push(`+${cmd.extraLatencyMs} ms`);
      return parts.length === 0 ? null : `${cmd.link} ${parts.join(', ')}`;
    }
    case 'peering.set': {
      const name = (id: number) => topology.networks[id]?.name ?? `network ${id}`;
      return `${name(cmd.networkA)}–${name(cmd.networkB)} ${cmd.peered ? 'peered' : 'de-peered'}`;
    }
    case 'network.setInflation':
      return `path inflation ×${cmd.inflation}`;
    case 'delivery.setLoad':
      return `load ×${cmd.loadFactor}`;
    case 'delivery.purge':
      return cmd.object === undefined ? 'every cache purged' : `object ${cmd.object} purged`;
    case 'delivery.publish':
      return `object ${cmd.object} republished`;
    default:
      return null;
  }
}
