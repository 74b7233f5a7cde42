/**
 * What the bgp model tells a lab (observations.ts): for each watched address, the routing tree
 * (where every network's forwarding sends a packet for it), sent once at the start and again
 * whenever some network's entry changed; and, when asked, each UPDATE sent, in the world's time.
 *
 * - A tree is worked out after each BGP catch-up that changed forwarding and sent only if some
 *   entry differs from the one last sent: a catch-up happens at the instant of BGP's events (the
 *   model wakes at each), so the world's now is the time of the change.
 * - UPDATEs are capped per report (MAX_UPDATES_PER_REPORT): a withdrawal in a few hundred
 *   networks sends thousands, more than a log can show or a frame should carry. Past the cap one
 *   `bgp.updatesDropped`, at the time of the first not recorded, counts the rest.
 * - Records are kept in the order they happened, so a report's observations are in time order.
 */
import type { Forwarding } from './BgpRoutes';
import { asnOfNetwork, networkOfAsn } from './networkAddresses';
import type { UpdateMessage } from './BgpNetwork';
import type { BgpSeen, RoutingTreeSeen, UpdatesDroppedSeen } from './observations';
import { parseAddress } from './prefix';

/** Most UPDATEs one report records; the rest are counted in one `bgp.updatesDropped`. */
export const MAX_UPDATES_PER_REPORT = 2000;

export class WatchRoutes {
  private readonly addresses: { text: string; value: number }[];
  /** per watched address, the tree last sent (null before the first) */
  private readonly sent: (RoutingTreeSeen | null)[];
  private pending: BgpSeen[] = [];
  private updatesThisReport = 0;
  private dropped: UpdatesDroppedSeen | null = null;

  constructor(
    private readonly forwarding: Forwarding,
    private readonly networks: number,
    watch: readonly string[],
  ) {
    this.addresses = watch.map((text) => ({ text, value: parseAddress(text) }));
    this.sent = this.addresses.map(() => null);
  }

  /** Records the tree of each watched address whose entries differ from the last sent. */
  treesAt(timeNs: number): void {
    this.addresses.forEach((a, i) => {
      const tree = this.treeOf(a.text, a.value, timeNs);
      if (sameTree(tree, this.sent[i])) return;
      this.sent[i] = tree;
      this.pending.push(tree);
    });
  }

  /** Records one UPDATE (ASNs of both ends), or counts it past the report's cap. */
  updateSent(timeNs: number, fromAsn: number, toAsn: number, update: UpdateMessage): void {
    if (this.updatesThisReport >= MAX_UPDATES_PER_REPORT) {
      if (this.dropped) this.dropped.count++;
      else {
        this.dropped = { type: 'bgp.updatesDropped', timeNs, count: 1 };
        this.pending.push(this.dropped);
      }
      return;
    }
    this.updatesThisReport++;
    this.pending.push({
      type: 'bgp.update',
      timeNs,
      from: networkOfAsn(fromAsn),
      to: networkOfAsn(toAsn),
      withdrawn: [...update.withdrawn],
      nlri: [...update.nlri],
      asPath: update.path ? [...update.path] : null,
    });
  }

  /** What happened since the last call, in time order. */
  take(): BgpSeen[] {
    const out = this.pending;
    this.pending = [];
    this.updatesThisReport = 0;
    this.dropped = null;
    return out;
  }

  private treeOf(address: string, value: number, timeNs: number): RoutingTreeSeen {
    const next: (number | null)[] = [];
    const origin: (number | null)[] = [];
    const lost: RoutingTreeSeen['lost'] = [];
    const lostAt: RoutingTreeSeen['lostAt'] = [];
    for (let net = 0; net < this.networks; net++) {
      const asn = asnOfNetwork(net);
      const where = this.forwarding.forward(asn, value);
      // The walk's second AS is the next one, except where the first link is dead (the walk
      // stops before it): then the table's next hop, which the packet cannot reach.
      const hop =
        where.path.length > 1
          ? where.path[1]
          : where.lost === 'dead-link'
            ? this.forwarding.nextAsn(asn, value)
            : null;
      next.push(hop === null ? null : networkOfAsn(hop));
      origin.push(where.origin === null ? null : networkOfAsn(where.origin));
      lost.push(where.lost);
      lostAt.push(where.lost === null ? null : networkOfAsn(where.path[where.path.length - 1]));
    }
    return { type: 'bgp.tree', timeNs, address, next, origin, lost, lostAt };
  }
}

function sameTree(x: RoutingTreeSeen, y: RoutingTreeSeen | null): boolean {
  if (y === null) return false;
  const same = <T>(a: T[], b: T[]) => a.every((v, i) => v === b[i]);
  return (
    same(x.next, y.next) &&
    same(x.origin, y.origin) &&
    same(x.lost, y.lost) &&
    same(x.lostAt, y.lostAt)
  );
}
