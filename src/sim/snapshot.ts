/**
 * A compact picture of a world's state at one instant: plain numbers, strings and typed arrays
 * only, so it can cross a worker boundary by structured clone (and its buffers can be
 * transferred). Views draw from snapshots, never from live simulation objects.
 */
import type { World } from './scenario/buildWorld';

export interface WorldSnapshot {
  timeNs: number;
  eventsExecuted: number;
  eventsPending: number;
  /** per node (by id): 1 if up */
  nodeUp: Uint8Array;
  /** per node: bytes queued on its access link towards the network, and towards the node */
  accessBacklogUpBytes: Float64Array;
  accessBacklogDownBytes: Float64Array;
  /** links used so far: ids, and bytes and messages carried per direction (index 2i and 2i+1) */
  linkIds: string[];
  linkBytes: Float64Array;
  linkMessages: Float64Array;
  linkDrops: Float64Array;
  /** network counters: sent, delivered, dropped, and drops by reason */
  counters: Record<string, number>;
}

export function takeSnapshot(world: World): WorldSnapshot {
  const { engine, network } = world;
  const n = network.nodeCount;
  const now = engine.now;
  const nodeUp = new Uint8Array(n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodeUp[i] = network.isNodeUp(i) ? 1 : 0;
    const link = network.existingAccessLink(i);
    if (link) {
      up[i] = link.backlogBytes(0, now);
      down[i] = link.backlogBytes(1, now);
    }
  }
  const links = network.links();
  const linkBytes = new Float64Array(links.length * 2);
  const linkMessages = new Float64Array(links.length * 2);
  const linkDrops = new Float64Array(links.length);
  links.forEach((link, i) => {
    linkBytes[2 * i] = link.bytes[0];
    linkBytes[2 * i + 1] = link.bytes[1];
    linkMessages[2 * i] = link.messages[0];
    linkMessages[2 * i + 1] = link.messages[1];
    linkDrops[i] = link.drops;
  });
  const counters = network.counterSnapshot();
  return {
    timeNs: now,
    eventsExecuted: engine.executed,
    eventsPending: engine.pending,
    nodeUp,
    accessBacklogUpBytes: up,
    accessBacklogDownBytes: down,
    linkIds: links.map((l) => l.id),
    linkBytes,
    linkMessages,
    linkDrops,
    counters,
  };
}

/** The buffers of a snapshot, for postMessage's transfer list. */
export function snapshotTransferables(s: WorldSnapshot): ArrayBuffer[] {
  return [
    s.nodeUp,
    s.accessBacklogUpBytes,
    s.accessBacklogDownBytes,
    s.linkBytes,
    s.linkMessages,
    s.linkDrops,
  ].map((a) => a.buffer as ArrayBuffer);
}
