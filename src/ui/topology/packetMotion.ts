/**
 * What the packet overlay shows, as pure functions tested apart from the canvas: the kinds of
 * message (colour, shape, name), where a message is between two frames (simulated time moves on
 * from the last frame's time at the session's speed, never more than a frame gap ahead, so a late
 * frame does not let marks run off; each message sits at the share of its empty-path trip time
 * that has passed), and whether messages can be followed at a speed or are better drawn as flows.
 */
import type { NodeKind } from '@sim/topology';
import { IN_FLIGHT_MAX_NODES } from '@runtime/Shard';
import type { MessageLook } from '@sim/model/SimModel';
import { MODELS } from '@sim/models/registry';
import { OKABE_ITO } from './topologyStyle';
import type { PacketShape } from './packetShapes';

/** Shards track messages in flight only for topologies this small. */
export const OVERLAY_MAX_NODES = IN_FLIGHT_MAX_NODES;
/** Speeds (simulated ns per wall second) up to which the sandbox turns the overlay on... */
export const OVERLAY_MAX_SPEED = 1e8;
/** Longest wall time interpolated past the last frame, ms. */
const MAX_AHEAD_MS = 250;
/**
 * A message is drawn moving when its trip lasts at least this long on the wall clock, s; faster
 * than that it would flash by, and the overlay draws flows between places instead.
 */
export const MIN_FOLLOWABLE_TRIP_S = 0.15;

/** ...for small topologies (kept for the sandbox page, which decides when to pass a speed). */
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

/**
 * Whether messages whose typical trip takes `tripNs` of simulated time can be followed at
 * `nsPerSecond` (paused: always).
 */
export function messagesFollowable(tripNs: number, nsPerSecond: number): boolean {
  return nsPerSecond <= 0 || tripNs / nsPerSecond >= MIN_FOLLOWABLE_TRIP_S;
}

export interface PacketKind {
  id: string;
  colour: string;
  shape: PacketShape;
  /** what it is, for the legend and the inspector */
  label: string;
  /** a word drawn beside the mark when few messages are on the map */
  tag: string;
}

/**
 * Every kind of message the overlay tells apart, each with a colour (Okabe–Ito) and a shape of
 * its own. Network messages of the sandbox and DNS models, the TCP model's segments and the
 * rollout's orders.
 */
export const PACKET_KINDS: readonly PacketKind[] = [
  {
    id: 'request',
    colour: OKABE_ITO.blue,
    shape: 'circle',
    label: 'request to an edge server',
    tag: 'request',
  },
  {
    id: 'response',
    colour: OKABE_ITO.bluishGreen,
    shape: 'square',
    label: 'answer to a client',
    tag: 'answer',
  },
  {
    id: 'fetch',
    colour: OKABE_ITO.vermillion,
    shape: 'triangle',
    label: 'fetch from the origin or a parent cache',
    tag: 'fetch',
  },
  {
    id: 'object',
    colour: OKABE_ITO.orange,
    shape: 'diamond',
    label: 'object from the origin or a parent cache',
    tag: 'object',
  },
  { id: 'dnsQuery', colour: OKABE_ITO.blue, shape: 'star', label: 'DNS query', tag: 'query' },
  {
    id: 'dnsAnswer',
    colour: OKABE_ITO.bluishGreen,
    shape: 'hexagon',
    label: 'DNS answer',
    tag: 'answer',
  },
  {
    id: 'connect',
    colour: OKABE_ITO.reddishPurple,
    shape: 'pentagon',
    label: 'connection set-up (SYN, SYN-ACK)',
    tag: 'SYN',
  },
  {
    id: 'tcpData',
    colour: OKABE_ITO.blue,
    shape: 'octagon',
    label: 'TCP data segment',
    tag: 'data',
  },
  {
    id: 'tcpAck',
    colour: OKABE_ITO.bluishGreen,
    shape: 'ring',
    label: 'TCP acknowledgement (ACK)',
    tag: 'ACK',
  },
  {
    id: 'tcpLost',
    colour: OKABE_ITO.vermillion,
    shape: 'cross',
    label: 'TCP segment that will be lost',
    tag: 'lost',
  },
  {
    id: 'releasePush',
    colour: OKABE_ITO.skyBlue,
    shape: 'chevron',
    label: 'order to install the release (rollout)',
    tag: 'install',
  },
  {
    id: 'rollback',
    colour: OKABE_ITO.orange,
    shape: 'tag',
    label: 'order to roll back to the old version (rollout)',
    tag: 'roll back',
  },
  {
    id: 'other',
    colour: OKABE_ITO.reddishPurple,
    shape: 'arrow',
    label: 'other message (load report…)',
    tag: '',
  },
];

const kindIndex = new Map(PACKET_KINDS.map((k, i) => [k.id, i]));
const index = (id: string) => kindIndex.get(id)!;
export const KIND = {
  request: index('request'),
  response: index('response'),
  fetch: index('fetch'),
  object: index('object'),
  dnsQuery: index('dnsQuery'),
  dnsAnswer: index('dnsAnswer'),
  connect: index('connect'),
  tcpData: index('tcpData'),
  tcpAck: index('tcpAck'),
  tcpLost: index('tcpLost'),
  releasePush: index('releasePush'),
  rollback: index('rollback'),
  other: index('other'),
} as const;

/** Each registered model's message types, by how they are drawn (SimModel.words.messageLooks). */
const LOOK_OF_TYPE = new Map<string, MessageLook>(
  MODELS.flatMap((m) => Object.entries(m.words?.messageLooks ?? {})),
);

const NAME_SERVERS: ReadonlySet<NodeKind> = new Set([
  'dnsRoot',
  'dnsTld',
  'dnsCdnTop',
  'dnsCdnLow',
]);

/**
 * The kind of a network message, from its type and, for DNS messages (one type both ways), the
 * roles at its ends: towards a name server, or from a client group to its resolver, a query;
 * the other way, an answer.
 */
export function messageKind(type: string, fromKind?: NodeKind, toKind?: NodeKind): number {
  const look = LOOK_OF_TYPE.get(type);
  if (look === undefined) return KIND.other;
  if (look !== 'dnsMessage') return KIND[look];
  const query =
    (toKind !== undefined && NAME_SERVERS.has(toKind)) ||
    (fromKind === 'client' && toKind === 'resolver');
  return query ? KIND.dnsQuery : KIND.dnsAnswer;
}

/** Colour of a message type's mark (the first matching kind's; DNS messages as queries). */
export function packetColour(type: string): string {
  return PACKET_KINDS[messageKind(type)].colour;
}

/** Median of a list of numbers (0 when empty); the list is not changed. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
