/**
 * What the routing-tree view reads from a `bgp.tree` observation (src/sim/models/bgp/
 * observations.ts): how many networks' packets reach each origin, which origin is the rightful
 * one, the colour and dash each origin is drawn with, and the tree in words for screen readers.
 */
import type { LostAt, RoutingTreeSeen } from '@sim/models/bgp/observations';
import { networkOfAddress } from '@sim/models/bgp/networkAddresses';
import { parseAddress } from '@sim/models/bgp/prefix';
import type { BgpViewOptions } from '@lab/types';

/** Networks whose packets reach each origin network, and those whose packets are lost. */
export interface Reach {
  byOrigin: Map<number, number>;
  lost: number;
}

export function reachOf(tree: RoutingTreeSeen): Reach {
  const byOrigin = new Map<number, number>();
  let lost = 0;
  for (const o of tree.origin)
    if (o === null) lost++;
    else byOrigin.set(o, (byOrigin.get(o) ?? 0) + 1);
  return { byOrigin, lost };
}

/** The network that rightfully originates the address: the lab's word, or the model's numbering. */
export function rightfulOrigin(
  address: string,
  networks: number,
  options: BgpViewOptions,
): number | null {
  const given = options.rightfulOrigin?.[address];
  if (given !== undefined) return given;
  return networkOfAddress(parseAddress(address), networks);
}

/** How an origin is drawn: the rightful one solid blue, any other in its own hue, dashed. */
export interface OriginLook {
  colour: string;
  dash: number[] | undefined;
}

const OTHER_COLOURS = [
  '--colour-series-vermillion',
  '--colour-series-orange',
  '--colour-series-purple',
  '--colour-series-green',
  '--colour-series-sky',
];
export const RIGHTFUL_LOOK: OriginLook = { colour: '--colour-series-blue', dash: undefined };
/** Lost packets (no route, a loop, a dead link): black, dotted. */
export const LOST_LOOK: OriginLook = { colour: '--colour-series-black', dash: [2, 3] };

/**
 * Each origin's look: the rightful origin's, and for the others a hue each in the order they
 * first appeared (`origins`), so a hijacker keeps its colour as trees change.
 */
export function lookOf(origin: number, rightful: number | null, origins: readonly number[]) {
  if (origin === rightful) return RIGHTFUL_LOOK;
  const k = origins.filter((o) => o !== rightful).indexOf(origin);
  return { colour: OTHER_COLOURS[Math.max(0, k) % OTHER_COLOURS.length], dash: [8, 5] };
}

export const LOST_WORDS: Record<LostAt, string> = {
  'no-route': 'no route',
  loop: 'a forwarding loop',
  'dead-link': 'a link that no longer carries',
};

/** A network's name as the view shows it: `net-3`, with the lab's or the generator's name. */
export function networkName(
  net: number,
  names: readonly string[],
  labels: BgpViewOptions['labels'],
): string {
  const label = labels?.[net] ?? (/^n\d+$/.test(names[net] ?? '') ? '' : names[net]);
  return label ? `net-${net} ${label}` : `net-${net}`;
}

/**
 * What becomes of a packet from `net` in words: "delivered here", "reach net-11", "lost: no route
 * at net-0", with " (not the rightful origin)" where it reaches another.
 */
export function fateOf(
  tree: RoutingTreeSeen,
  net: number,
  rightful: number | null,
  name: (net: number) => string,
): string {
  const lost = tree.lost[net];
  const at = tree.lostAt[net];
  if (lost !== null) return `lost: ${LOST_WORDS[lost]}${at === null ? '' : ` at ${name(at)}`}`;
  const o = tree.origin[net]!;
  const where = o === net ? 'delivered here' : `reach ${name(o)}`;
  return rightful !== null && o !== rightful ? `${where} (not the rightful origin)` : where;
}

/** The tree in one sentence: how many networks reach whom, and how many are lost, and why. */
export function describeTree(
  tree: RoutingTreeSeen,
  rightful: number | null,
  name: (net: number) => string,
): string {
  const { byOrigin } = reachOf(tree);
  const parts = [...byOrigin]
    .sort(([a], [b]) => (a === rightful ? -1 : b === rightful ? 1 : a - b))
    .map(
      ([o, count]) =>
        `${count} reach ${name(o)}${o === rightful ? ' (the rightful origin)' : rightful === null ? '' : ' (not the rightful origin)'}`,
    );
  const lost = new Map<LostAt, number>();
  for (const l of tree.lost) if (l !== null) lost.set(l, (lost.get(l) ?? 0) + 1);
  for (const [why, count] of lost) parts.push(`${count} lost to ${LOST_WORDS[why]}`);
  return `Routing tree for ${tree.address}, of ${tree.origin.length} networks: ${parts.join('; ')}.`;
}
