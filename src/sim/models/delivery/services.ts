/**
 * What the delivery model offers the other models of its world, in the same shard (the
 * contract's `InstalledModel.services`, reached with `context.peer<DeliveryServices>('delivery')`).
 * Another model imports this type only, never the delivery model's code.
 */
/**
 * The edge servers' listening sockets: another model's client opens a TCP connection to an
 * edge server, the same server the delivery model's client groups load. The SYN and SYN-ACK
 * travel over the network; a server that is down never answers (the client's own timer decides
 * when to try another address).
 */
export interface EdgeConnections {
  /**
   * Sends a SYN from `client` (owned by this shard) to edge server `edge`; `opened(attempt)`
   * runs when its SYN-ACK arrives. One `opened` per client: a later call replaces it.
   */
  open(client: number, edge: number, attempt: number, opened: (attempt: number) => void): void;
}

export interface DeliveryServices {
  connections: EdgeConnections;
}
