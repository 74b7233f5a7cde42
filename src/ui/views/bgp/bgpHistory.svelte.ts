/**
 * What the BGP view keeps from the frames of a run (the bgp model's observations,
 * src/sim/models/bgp/observations.ts): for each watched address its latest routing tree, the
 * origins its packets have reached, and its reach at every change; the latest UPDATEs sent, how
 * many were sent in all and how many the model did not record. A new run (time going back)
 * starts it over. A rune class: each field is replaced whole when it changes.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { BgpSeen, RoutingTreeSeen, UpdateSeen } from '@sim/models/bgp/observations';
import { FrameFollower } from '../../charts/frameFollower';
import { reachOf } from './routingTree';

/** The reach of one tree: at `t` (s), `o<net>` networks reach origin net, `lost` reach none. */
export type ReachPoint = { t: number; lost: number } & Record<`o${number}`, number>;

/** An UPDATE as the log keeps it, numbered among all sent since the run started. */
export interface LoggedUpdate extends UpdateSeen {
  index: number;
}

/** Most UPDATEs kept for the log (the newest). */
export const KEEP_UPDATES = 500;
/** Most reach points kept per address (the newest). */
const KEEP_POINTS = 2000;

export class BgpHistory {
  /** the watched addresses, in the order the model first reported them */
  addresses = $state.raw<readonly string[]>([]);
  /** each address's latest tree */
  trees = $state.raw<Readonly<Record<string, RoutingTreeSeen>>>({});
  /** each address's origins, in the order its packets first reached them */
  origins = $state.raw<Readonly<Record<string, readonly number[]>>>({});
  /** each address's reach at each change of its tree */
  reach = $state.raw<Readonly<Record<string, readonly ReachPoint[]>>>({});
  /** the newest UPDATEs, oldest first */
  updates = $state.raw<readonly LoggedUpdate[]>([]);
  /** UPDATEs recorded since the run started (the log keeps the newest KEEP_UPDATES) */
  updatesSeen = $state(0);
  /** UPDATEs the model did not record (more than it records in one report) */
  updatesDropped = $state(0);
  /** the run's time, s */
  nowS = $state(0);
  private readonly follower = new FrameFollower();

  /** Takes a frame; true when it was new. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.follower.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') this.clear();
    this.nowS = frame.timeNs / 1e9;
    const seen = (frame.observations ?? []) as BgpSeen[];
    const trees = seen.filter((o): o is RoutingTreeSeen => o.type === 'bgp.tree');
    if (trees.length > 0) this.takeTrees(trees);
    const updates = seen.filter((o): o is UpdateSeen => o.type === 'bgp.update');
    if (updates.length > 0) {
      const first = this.updatesSeen;
      const logged = updates.map((u, i) => ({ ...u, index: first + i }));
      this.updates = [...this.updates, ...logged].slice(-KEEP_UPDATES);
      this.updatesSeen += updates.length;
    }
    for (const o of seen) if (o.type === 'bgp.updatesDropped') this.updatesDropped += o.count;
    return true;
  }

  private takeTrees(trees: RoutingTreeSeen[]): void {
    const latest = { ...this.trees };
    const origins = { ...this.origins };
    const reach = { ...this.reach };
    const addresses = [...this.addresses];
    for (const tree of trees) {
      const a = tree.address;
      if (!addresses.includes(a)) addresses.push(a);
      latest[a] = tree;
      const { byOrigin, lost } = reachOf(tree);
      const known = origins[a] ?? [];
      const added = [...byOrigin.keys()].filter((o) => !known.includes(o)).sort((x, y) => x - y);
      origins[a] = [...known, ...added];
      const point = { t: tree.timeNs / 1e9, lost } as ReachPoint;
      for (const o of origins[a]) point[`o${o}`] = byOrigin.get(o) ?? 0;
      reach[a] = [...(reach[a] ?? []), point].slice(-KEEP_POINTS);
    }
    if (addresses.length > this.addresses.length) this.addresses = addresses;
    this.trees = latest;
    this.origins = origins;
    this.reach = reach;
  }

  private clear(): void {
    this.addresses = [];
    this.trees = {};
    this.origins = {};
    this.reach = {};
    this.updates = [];
    this.updatesSeen = 0;
    this.updatesDropped = 0;
  }
}
