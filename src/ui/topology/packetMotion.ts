/**
 * Where messages in flight are drawn between two frames: simulated time moves on from the last
 * frame's time at the session's speed (never more than a frame gap ahead, so a late frame does
 * not let dots run off), and each message sits at the share of its empty-path trip time that
 * has passed. Pure functions, tested apart from the canvas.
 */
import type { InFlightList } from '@runtime/inFlight';
import { IN_FLIGHT_MAX_NODES } from '@runtime/Shard';
import { OKABE_ITO } from './topologyStyle';

/** The overlay is drawn only for topologies small enough that shards track messages in flight... */
export const OVERLAY_MAX_NODES = IN_FLIGHT_MAX_NODES;
/** ...and at speeds up to this many simulated ns per wall second (0.1× real time), or paused. */
export const OVERLAY_MAX_SPEED = 1e8;
/** Longest wall time interpolated past the last frame, ms. */
const MAX_AHEAD_MS = 250;

export function overlayShown(nodeCount: number, speed: number): boolean {
  return nodeCount <= OVERLAY_MAX_NODES && speed <= OVERLAY_MAX_SPEED;
}

/** Simulated time to draw at, `wallMs` after the frame arrived, moving at `nsPerSecond` (0: paused). */
export function simTimeAt(frameNs: number, sinceFrameMs: number, nsPerSecond: number): number {
  const ms = Math.min(Math.max(0, sinceFrameMs), MAX_AHEAD_MS);
  return frameNs + (ms * nsPerSecond) / 1000;
}

/** Share of its trip a message has made at `nowNs`, 0 to 1. */
export function tripShare(sentAtNs: number, expectedAtNs: number, nowNs: number): number {
  const span = expectedAtNs - sentAtNs;
  if (!(span > 0)) return 1;
  return Math.min(1, Math.max(0, (nowNs - sentAtNs) / span));
}

/** Colour of a message type's dot (Okabe–Ito), and what it means, for the legend. */
export const PACKET_KINDS: { prefix: string; colour: string; label: string }[] = [
  { prefix: 'sandbox.request', colour: OKABE_ITO.blue, label: 'request to an edge server' },
  { prefix: 'sandbox.response', colour: OKABE_ITO.bluishGreen, label: 'answer to a client' },
  { prefix: 'sandbox.fetch', colour: OKABE_ITO.vermillion, label: 'fetch from the origin' },
  { prefix: 'sandbox.object', colour: OKABE_ITO.orange, label: 'object from the origin' },
];
const OTHER = OKABE_ITO.reddishPurple;

export function packetColour(type: string): string {
  for (const k of PACKET_KINDS) if (type.startsWith(k.prefix)) return k.colour;
  return OTHER;
}

export interface PacketDot {
  x: number;
  y: number;
  colour: string;
}

/** Dots for the messages in flight at `nowNs`, for nodes whose positions are known. */
export function packetDots(
  list: InFlightList,
  nowNs: number,
  positionOf: (node: number) => { x: number; y: number } | null,
): PacketDot[] {
  const dots: PacketDot[] = [];
  for (let i = 0; i < list.types.length; i++) {
    const a = positionOf(list.from[i]);
    const b = positionOf(list.to[i]);
    if (!a || !b) continue;
    const f = tripShare(list.sentAtNs[i], list.expectedAtNs[i], nowNs);
    dots.push({
      x: a.x + (b.x - a.x) * f,
      y: a.y + (b.y - a.y) * f,
      colour: packetColour(list.types[i]),
    });
  }
  return dots;
}
