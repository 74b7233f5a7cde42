/**
 * Marks for what changed in a run, for the sandbox's charts: nodes failing or coming back (read
 * from the frames' node states, so a failure shows whoever caused it) and the student's commands
 * that change the network or the load (a loss rate, a purge, a cut link), each in a few words.
 */
import type { SimCommand } from '@sim/models/commands';
import type { ChartMark } from './chartMarks';

/** Counts the nodes down in each frame and reports a change as a mark. */
export class NodeStateMarks {
  private lastDown: number | null = null;

  /** The mark for this frame's change of failed nodes, or null if none changed. */
  take(nodeUp: Uint8Array, timeNs: number): ChartMark | null {
    let down = 0;
    for (let i = 0; i < nodeUp.length; i++) if (nodeUp[i] === 0) down++;
    const before = this.lastDown;
    this.lastDown = down;
    if (before === null || down === before) return null;
    const n = Math.abs(down - before);
    const what = n === 1 ? '1 node' : `${n.toLocaleString('en')} nodes`;
    return { t: timeNs / 1e9, label: down > before ? `${what} failed` : `${what} back` };
  }

  forget(): void {
    this.lastDown = null;
  }
}

const pct = (v: number) => `${+(v * 100).toFixed(2)} %`;

/**
 * A command in a few words, or null for those the node states already show (failures) and
 * those that change nothing a chart of the sandbox shows.
 */
export function commandLabel(c: SimCommand): string | null {
  switch (c.type) {
    case 'linkClass.set':
    case 'link.set': {
      const where = c.type === 'linkClass.set' ? c.linkClass : 'link';
      if (c.lossRate !== undefined) return `${where} loss ${pct(c.lossRate)}`;
      if (c.extraLatencyMs !== undefined) return `${where} +${c.extraLatencyMs} ms`;
      return c.type === 'link.set' && c.up !== undefined ? `link ${c.up ? 'up' : 'down'}` : null;
    }
    case 'delivery.setLoad':
      return `load ×${c.loadFactor}`;
    case 'delivery.purge':
      return c.object === undefined ? 'caches purged' : `object ${c.object} purged`;
    case 'delivery.publish':
      return `object ${c.object} republished`;
    case 'peering.set':
      return c.peered ? 'peering restored' : 'de-peered';
    case 'network.setInflation':
      return `path inflation ×${c.inflation}`;
    case 'bgp.cutLink':
      return `link cut (net ${c.networkA}–${c.networkB})`;
    case 'bgp.restoreLink':
      return `link restored (net ${c.networkA}–${c.networkB})`;
    case 'bgp.depeer':
      return `de-peered (net ${c.networkA}–${c.networkB})`;
    case 'overlay.setMetric':
      return `overlay by ${c.metric}`;
    case 'tcp.setLoss':
      return `${c.connection ?? 'every path'} loss ${pct(c.lossRate)}`;
    default:
      return null;
  }
}
