/**
 * The overlay model's event-log entries (ModelContext.log), made from its observations at report
 * time: a member choosing another path to a member, a SureRoute race won, a flow's request timed
 * both ways; and how the log words them. Paths are named by their relay's node name, or "direct".
 */
import type { LogKindWords, ModelLogEntry, ModelLogFields } from '../../model/SimModel';
import type { Topology } from '../../topology/types';
import type { OverlayObservation } from './observations';

/** The entry for one observation, or null for the measured rows (a view's, too many to log). */
export function overlayEntry(topology: Topology, o: OverlayObservation): ModelLogEntry | null {
  const path = (via: number | null) =>
    via === null ? null : via < 0 ? 'direct' : (topology.nodes[via]?.name ?? `node ${via}`);
  const nodes = [o.type === 'overlay.row' ? o.member : o.from];
  if (o.type !== 'overlay.row') nodes.push(o.to);
  switch (o.type) {
    case 'overlay.choiceChanged':
      return {
        timeNs: o.timeNs,
        kind: 'overlay.choice',
        nodes,
        fields: { via: path(o.via), was: path(o.was), rttMs: o.rttMs, loss: o.loss },
      };
    case 'overlay.race':
      return {
        timeNs: o.timeNs,
        kind: 'overlay.race',
        nodes,
        fields: { candidates: o.candidates.length, winner: path(o.winner) },
      };
    case 'overlay.flowRequest':
      return {
        timeNs: o.timeNs,
        kind: 'overlay.flow',
        nodes,
        fields: { flow: o.flow, directMs: o.directMs, overlayMs: o.overlayMs, via: path(o.via) },
      };
    default:
      return null;
  }
}

const ms = (x: unknown) => (x === null ? 'failed' : `${Number(x).toFixed(1)} ms`);
const via = (x: unknown) => (x === 'direct' ? 'directly' : `via ${String(x)}`);

export const OVERLAY_LOG_KINDS: Record<string, LogKindWords> = {
  'overlay.choice': {
    label: 'overlay path chosen',
    text: (f: ModelLogFields) =>
      f.via === null
        ? `no path works (was ${f.was === null ? 'none' : via(f.was)})`
        : `now ${via(f.via)} (was ${f.was === null ? 'none' : via(f.was)}): ${ms(f.rttMs)} round trip, ${(Number(f.loss) * 100).toFixed(1)} % loss`,
  },
  'overlay.race': {
    label: 'SureRoute race',
    text: (f) =>
      f.winner === null
        ? `no path of ${f.candidates} answered in time`
        : `${f.candidates} paths raced: ${via(f.winner)} won`,
  },
  'overlay.flow': {
    label: 'flow request',
    text: (f) => `${f.flow}: direct ${ms(f.directMs)}, overlay ${ms(f.overlayMs)} ${via(f.via)}`,
  },
};
