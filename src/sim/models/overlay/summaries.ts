/**
 * The measured matrix, row by row: every `summarySeconds` each member owned here reports what it
 * measures of its links (rounded: 0.1 ms, 0.001 loss), so a view can draw the matrix without
 * asking the shards. Off when `summarySeconds` is 0 (the kind is registered either way, so event
 * kinds keep their numbers).
 */
import { secondsToNs } from '../../time';
import type { RowSeen } from './observations';
import type { OverlayRuntime } from './OverlayRuntime';

export function startSummaries(rt: OverlayRuntime): void {
  const { engine } = rt.world;
  const everyNs = secondsToNs(rt.config.summarySeconds);
  const summary = engine.registerKind('overlay.summary', (node) => {
    const row = rt.owned.get(node)!.row();
    const seen: RowSeen = {
      type: 'overlay.row',
      timeNs: engine.now,
      member: node,
      members: rt.members,
      rttMs: row.rttNs.map((ns) => (ns < 0 ? null : Math.round(ns / 1e5) / 10)),
      loss: row.loss.map((l) => Math.round(l * 1000) / 1000),
    };
    rt.observations.push(seen);
    engine.schedule(everyNs, node, node, summary);
  });
  if (everyNs > 0)
    for (const node of rt.owned.keys()) engine.schedule(everyNs, node, node, summary);
}
