/** A message on the network model. Plain data: it may cross a worker boundary. */
export interface Message {
  /** sending node */
  readonly from: number;
  /** receiving node */
  readonly to: number;
  /** the sender's sequence number for this message: (from, seq) names it uniquely */
  readonly seq: number;
  readonly sizeBytes: number;
  /** protocol-level type, e.g. 'dns.query' */
  readonly type: string;
  readonly body: unknown;
  /** simulated time it was sent, ns */
  readonly sentAt: number;
  /** propagation over the whole path, fixed when sent (distance × inflation ÷ 200 km/ms), ns */
  readonly propagationNs: number;
  /** index of the next hop to cross (network-internal progress) */
  hop: number;
  /**
   * the route provider's pin of the path the message was sent on (RouteProvider.pin); absent
   * when the provider keeps no pins
   */
  readonly route?: number;
}

export const DROP_REASONS = ['loss', 'queue-full', 'link-down', 'no-route', 'node-down'] as const;
export type DropReason = (typeof DROP_REASONS)[number];
