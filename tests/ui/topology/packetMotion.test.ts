import { describe, expect, it } from 'vitest';
import {
  KIND,
  OVERLAY_MAX_NODES,
  OVERLAY_MAX_SPEED,
  PACKET_KINDS,
  messageKind,
  messagesFollowable,
  overlayShown,
  packetColour,
  simTimeAt,
  tripShare,
} from '@ui/topology/packetMotion';
import { PACKET_SHAPES } from '@ui/topology/packetShapes';
import { OKABE_ITO } from '@ui/topology/topologyStyle';

describe('the packet overlay', () => {
  it('is offered by the sandbox only for small topologies at slow speeds (or paused)', () => {
    expect(overlayShown(OVERLAY_MAX_NODES, OVERLAY_MAX_SPEED)).toBe(true);
    expect(overlayShown(OVERLAY_MAX_NODES, 0)).toBe(true);
    expect(overlayShown(OVERLAY_MAX_NODES + 1, 0)).toBe(false);
    expect(overlayShown(10, OVERLAY_MAX_SPEED * 2)).toBe(false);
  });

  it('moves simulated time on from the frame at the speed, but not far past it', () => {
    expect(simTimeAt(1000, 100, 1e6)).toBe(1000 + 1e5);
    expect(simTimeAt(1000, 100, 0)).toBe(1000);
    expect(simTimeAt(1000, -5, 1e6)).toBe(1000);
    expect(simTimeAt(0, 1e6, 1e6)).toBe(simTimeAt(0, 250, 1e6));
  });

  it('puts a message at the share of its trip made', () => {
    expect(tripShare(100, 300, 200)).toBe(0.5);
    expect(tripShare(100, 300, 50)).toBe(0);
    expect(tripShare(100, 300, 900)).toBe(1);
  });

  it('moves messages while a trip lasts long enough to follow, and draws flows faster', () => {
    // A 40 ms transatlantic trip at 0.1× real time takes 0.4 s: followable; at real time 40 ms.
    expect(messagesFollowable(40e6, 1e8)).toBe(true);
    expect(messagesFollowable(40e6, 1e9)).toBe(false);
    expect(messagesFollowable(40e6, 0)).toBe(true);
  });

  it('tells DNS queries from answers by the roles at their ends', () => {
    expect(messageKind('dns.message', 'client', 'resolver')).toBe(KIND.dnsQuery);
    expect(messageKind('dns.message', 'resolver', 'dnsRoot')).toBe(KIND.dnsQuery);
    expect(messageKind('dns.message', 'dnsCdnLow', 'resolver')).toBe(KIND.dnsAnswer);
    expect(messageKind('dns.message', 'resolver', 'client')).toBe(KIND.dnsAnswer);
    expect(messageKind('delivery.syn')).toBe(KIND.connect);
    expect(messageKind('delivery.request')).toBe(KIND.request);
    expect(messageKind('delivery.loadReport')).toBe(KIND.other);
    expect(packetColour('delivery.request')).toBe(OKABE_ITO.blue);
    expect(packetColour('delivery.response')).toBe(OKABE_ITO.bluishGreen);
  });

  it('gives every kind a shape of its own', () => {
    const shapes = PACKET_KINDS.map((k) => k.shape);
    expect(new Set(shapes).size).toBe(PACKET_KINDS.length);
    for (const s of shapes) expect(PACKET_SHAPES).toContain(s);
  });
});
