import { describe, expect, it } from 'vitest';
import { packInFlight } from '@runtime/inFlight';
import {
  OVERLAY_MAX_NODES,
  OVERLAY_MAX_SPEED,
  overlayShown,
  packetColour,
  packetDots,
  simTimeAt,
  tripShare,
} from '@ui/topology/packetMotion';
import { OKABE_ITO } from '@ui/topology/topologyStyle';

describe('the packet overlay', () => {
  it('is shown only for small topologies at slow speeds (or paused)', () => {
    expect(overlayShown(OVERLAY_MAX_NODES, OVERLAY_MAX_SPEED)).toBe(true);
    expect(overlayShown(OVERLAY_MAX_NODES, 0)).toBe(true);
    expect(overlayShown(OVERLAY_MAX_NODES + 1, 0)).toBe(false);
    expect(overlayShown(10, OVERLAY_MAX_SPEED * 2)).toBe(false);
    expect(overlayShown(10, Infinity)).toBe(false);
  });

  it('moves simulated time on from the frame at the speed, but not far past it', () => {
    expect(simTimeAt(1000, 100, 1e6)).toBe(1000 + 1e5);
    expect(simTimeAt(1000, 100, 0)).toBe(1000);
    expect(simTimeAt(1000, -5, 1e6)).toBe(1000);
    expect(simTimeAt(0, 1e6, 1e6)).toBe(simTimeAt(0, 250, 1e6));
  });

  it('puts a message at the share of its trip made, from sender to receiver', () => {
    expect(tripShare(100, 300, 200)).toBe(0.5);
    expect(tripShare(100, 300, 50)).toBe(0);
    expect(tripShare(100, 300, 900)).toBe(1);
    const list = packInFlight([
      { from: 0, to: 1, type: 'sandbox.request', sentAt: 0, expectedAt: 100 },
      { from: 1, to: 2, type: 'sandbox.response', sentAt: 0, expectedAt: 100 },
      { from: 0, to: 9, type: 'x', sentAt: 0, expectedAt: 100 },
    ]);
    const at = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 50 },
    ];
    const dots = packetDots(list, 25, (id) => at[id] ?? null);
    // The third message's receiver is not shown: no dot.
    expect(dots).toEqual([
      { x: 25, y: 0, colour: OKABE_ITO.blue },
      { x: 100, y: 12.5, colour: OKABE_ITO.bluishGreen },
    ]);
    expect(packetColour('dns.query')).toBe(OKABE_ITO.reddishPurple);
  });
});
