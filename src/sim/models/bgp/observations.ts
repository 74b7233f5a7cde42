/**
 * The bgp model's observations that labs and views read, by type (see worldBgp.ts): the UPDATEs
 * sent, and for each watched address the routing tree (where each network's forwarding sends a
 * packet for it now). Networks are the world's network ids (AS k + 1 is network k); times are
 * the world's.
 *
 * Only a world that asks for them gets them (the model's `watch` and `logUpdates` settings,
 * model.ts), from the reporting shard (watchRoutes.ts). Trees need at most 1,000 networks (above,
 * nothing could draw them); with routes computed from the policy (`routes: 'policy'`) there are
 * trees but no UPDATEs, and `logUpdates` is refused.
 */

/** One UPDATE message (RFC 4271 §4.3) as it left its sender. */
export interface UpdateSeen {
  type: 'bgp.update';
  timeNs: number;
  /** sender and receiver, as world network ids */
  from: number;
  to: number;
  /** withdrawn routes, `a.b.c.d/len` */
  withdrawn: string[];
  /** reachable prefixes (NLRI) sharing the one AS_PATH below */
  nlri: string[];
  /** AS_PATH (ASNs, the sender first); null when the message only withdraws */
  asPath: number[] | null;
}

/** Why a packet for the address is lost at a network (ForwardingResult.lost). */
export type LostAt = 'no-route' | 'loop' | 'dead-link';

/**
 * Where every network's forwarding sends a packet for one address now: the routing tree. Sent
 * once at the start and again whenever some network's entry changed.
 */
export interface RoutingTreeSeen {
  type: 'bgp.tree';
  timeNs: number;
  /** the watched address, `a.b.c.d` */
  address: string;
  /** per network (index = network id): the next network on its way, null where it ends */
  next: (number | null)[];
  /** per network: the network whose origin announcement the packet reaches, or null if lost */
  origin: (number | null)[];
  /** per network: why the packet is lost (null when it arrives) */
  lost: (LostAt | null)[];
  /**
   * per network: where its packet is lost (null when it arrives): the network with no route, the
   * one whose link to its next network no longer carries, or the one where the loop closes
   */
  lostAt: (number | null)[];
}

/** Updates the model did not record because a report held too many (the log says so). */
export interface UpdatesDroppedSeen {
  type: 'bgp.updatesDropped';
  timeNs: number;
  count: number;
}

export type BgpSeen = UpdateSeen | RoutingTreeSeen | UpdatesDroppedSeen;
