/**
 * What the middle-mile lab keeps of a run, from the bgp model's observations
 * (src/sim/models/bgp/observations.ts): the routing trees of the watched addresses and the
 * UPDATEs sent; and from the overlay model's (src/sim/models/overlay/observations.ts): its
 * requests and its servers' measured rows (read in overlayMeasure.ts). Pure: the machine
 * collects, these functions read.
 */
import type { RoutingTreeSeen, UpdateSeen } from '@sim/models/bgp/observations';
import type { FlowRequestSeen, RowSeen } from '@sim/models/overlay/observations';

export type { FlowRequestSeen, RoutingTreeSeen, RowSeen, UpdateSeen };

/** An observation as the lab's machine hears it: its type under `sim.` (LabDriver.observe). */
export type Heard<T extends { type: string }> = Omit<T, 'type'> & { type: `sim.${T['type']}` };
export const TREE = 'sim.bgp.tree';
export const UPDATE = 'sim.bgp.update';
export const FLOW_REQUEST = 'sim.overlay.flowRequest';
export const ROW = 'sim.overlay.row';

/** The run under way: every tree, UPDATE, overlay request and row it reported, in time order. */
export interface RunTrace {
  trees: RoutingTreeSeen[];
  updates: UpdateSeen[];
  requests: FlowRequestSeen[];
  rows: RowSeen[];
}

export const emptyTrace = (): RunTrace => ({ trees: [], updates: [], requests: [], rows: [] });

/** Whether two trees say the same for the same address at the same time. */
const sameTree = (a: RoutingTreeSeen, b: Heard<RoutingTreeSeen>) =>
  a.timeNs === b.timeNs &&
  a.address === b.address &&
  a.origin.every((o, i) => o === b.origin[i]) &&
  a.next.every((n, i) => n === b.next[i]);

/**
 * Keeps an observation in the trace; anything else (or one without its data) changes nothing,
 * and neither does the same tree of an address, request or row again at the same time (the
 * model sends a tree only when it changed, so a repeat says nothing new).
 */
export function traceEvent(t: RunTrace, e: { type: string }): RunTrace {
  if (e.type === TREE && (e as Heard<RoutingTreeSeen>).origin) {
    const tree = e as Heard<RoutingTreeSeen>;
    const last = treeAt(t, tree.address);
    if (last && sameTree(last, tree)) return t;
    return { ...t, trees: [...t.trees, { ...tree, type: 'bgp.tree' }] };
  }
  if (e.type === UPDATE && (e as Heard<UpdateSeen>).nlri)
    return { ...t, updates: [...t.updates, { ...(e as Heard<UpdateSeen>), type: 'bgp.update' }] };
  // A flow sends one request at a time and a member reports one row at a time: a second report
  // of either at the same time is the same one again.
  if (e.type === FLOW_REQUEST && (e as Heard<FlowRequestSeen>).flow) {
    const request = { ...(e as Heard<FlowRequestSeen>), type: 'overlay.flowRequest' as const };
    const again = t.requests.some((r) => r.flow === request.flow && r.timeNs === request.timeNs);
    return again ? t : { ...t, requests: [...t.requests, request] };
  }
  if (e.type === ROW && (e as Heard<RowSeen>).members) {
    const row = { ...(e as Heard<RowSeen>), type: 'overlay.row' as const };
    const again = t.rows.some((r) => r.member === row.member && r.timeNs === row.timeNs);
    return again ? t : { ...t, rows: [...t.rows, row] };
  }
  return t;
}

/** The latest tree of `address` the run reported. */
export function treeAt(t: RunTrace, address: string): RoutingTreeSeen | null {
  let found: RoutingTreeSeen | null = null;
  for (const tree of t.trees) if (tree.address === address) found = tree;
  return found;
}

/** The first tree of `address` the run reported: how things stood when it started. */
export const firstTree = (t: RunTrace, address: string): RoutingTreeSeen | null =>
  t.trees.find((tree) => tree.address === address) ?? null;

/** The networks whose packets for the tree's address are lost (no route, a loop, a dead link). */
export const lostIn = (tree: RoutingTreeSeen): number[] =>
  tree.origin.flatMap((o, net) => (o === null ? [net] : []));

const ns = (s: number) => s * 1e9;

/** What a cable cut's run measured about the cut-off network's prefix. */
export interface CutResult {
  mraiSeconds: number;
  /** from the cut to the last UPDATE that named the prefix, s (0 if none followed) */
  quietSeconds: number;
  /** UPDATEs naming the prefix after the cut */
  updates: number;
  /** distinct AS paths announced for it after the cut (the paths BGP explored) */
  paths: string[];
  /** from the cut to the last change of the prefix's routing tree, s */
  treeSettledSeconds: number;
  /** networks that could still reach the address before the cut, and at the end */
  reachBefore: number;
  reachAfter: number;
}

export function cutResult(
  t: RunTrace,
  prefix: string,
  address: string,
  cutAtS: number,
  mraiSeconds: number,
): CutResult | null {
  const before = firstTree(t, address);
  const end = treeAt(t, address);
  if (!before || !end) return null;
  const about = t.updates.filter(
    (u) => u.timeNs >= ns(cutAtS) && (u.nlri.includes(prefix) || u.withdrawn.includes(prefix)),
  );
  const last = about.length > 0 ? about[about.length - 1].timeNs : ns(cutAtS);
  const paths = [
    ...new Set(about.filter((u) => u.nlri.includes(prefix)).map((u) => u.asPath!.join(' '))),
  ];
  const settled = t.trees.filter((x) => x.address === address && x.timeNs >= ns(cutAtS));
  const settledNs = settled.length > 0 ? settled[settled.length - 1].timeNs : ns(cutAtS);
  const reach = (tree: RoutingTreeSeen) => tree.origin.length - lostIn(tree).length;
  return {
    mraiSeconds,
    quietSeconds: (last - ns(cutAtS)) / 1e9,
    updates: about.length,
    paths,
    treeSettledSeconds: (settledNs - ns(cutAtS)) / 1e9,
    reachBefore: reach(before),
    reachAfter: reach(end),
  };
}

/**
 * How long each network's packets for `address` had no working path between `fromS` and `toS`
 * (the trees say where they went at each change), in seconds, by network id.
 */
export function outageSeconds(
  t: RunTrace,
  address: string,
  fromS: number,
  toS: number,
): number[] | null {
  const trees = t.trees.filter((x) => x.address === address);
  if (trees.length === 0) return null;
  const out = trees[0].origin.map(() => 0);
  trees.forEach((tree, i) => {
    const start = Math.max(tree.timeNs, ns(fromS));
    const end = Math.min(trees[i + 1]?.timeNs ?? ns(toS), ns(toS));
    if (end <= start) return;
    tree.origin.forEach((o, net) => {
      if (o === null) out[net] += (end - start) / 1e9;
    });
  });
  return out;
}

/** A cut with another way round: how long the networks had no path to the address. */
export interface FailoverResult {
  /** per network, seconds without a working path after the cut */
  outage: number[];
}

export function failoverResult(
  t: RunTrace,
  address: string,
  fromS: number,
  toS: number,
): FailoverResult | null {
  const outage = outageSeconds(t, address, fromS, toS);
  return outage ? { outage } : null;
}

/** The de-peering's run: who could not reach the watched address before it, and at the end. */
export interface DepeerResult {
  lostBefore: number[];
  lostAfter: number[];
}

export function depeerResult(t: RunTrace, address: string): DepeerResult | null {
  const before = firstTree(t, address);
  const end = treeAt(t, address);
  return before && end ? { lostBefore: lostIn(before), lostAfter: lostIn(end) } : null;
}

/** Where each network's packets for the hijacked address go at one stage of the hijack. */
export interface StageResult {
  /** networks reaching the rightful origin, the hijacker, and none */
  toOwner: number[];
  toHijacker: number[];
  lost: number[];
}

export function stageResult(
  t: RunTrace,
  address: string,
  owner: number,
  hijacker: number,
): StageResult | null {
  const tree = treeAt(t, address);
  if (!tree) return null;
  const by = (o: number | null) => tree.origin.flatMap((x, net) => (x === o ? [net] : []));
  return { toOwner: by(owner), toHijacker: by(hijacker), lost: by(null) };
}
