/**
 * "Nearest" (Dilley et al. 2002, "Mapping"): a server with a lower round-trip time is nearer than
 * one with a higher, and one with low packet loss nearer than one with high loss. The mapping
 * reads a path's round-trip time and loss here, and only here, from the network's route service
 * (src/sim/net/RouteService.ts).
 */
import type { Network } from '../../net/Network';

/**
 * A lost packet costs a retransmission timeout; 1 s is TCP's initial RTO (RFC 6298 §2.1), so a
 * path's score is its RTT plus the expected number of losses per exchange times that.
 */
export const LOSS_PENALTY_NS = 1_000_000_000;
/** a small message (a DNS query, a handshake packet), for the round-trip estimate */
const PROBE_BYTES = 100;

/** Round-trip time of an idle path between two nodes, ns (the network's route service). */
export function pathRttNs(network: Network, a: number, b: number): number {
  return network.routes.rttNs(a, b, PROBE_BYTES);
}

/**
 * Probability that a request and its reply both get through the path, from its links (loss,
 * links down, de-peering). The ends are taken as up: servers that fail leave the answers
 * through the monitoring's delay (Health.ts), not through this.
 */
export function pathDeliveryProbability(network: Network, a: number, b: number): number {
  return (
    network.routes.pathDeliveryProbability(a, b) * network.routes.pathDeliveryProbability(b, a)
  );
}

/** "Nearest" as one number, lower is nearer: the RTT plus the expected cost of losses. */
export function pathScoreNs(network: Network, a: number, b: number): number {
  const q = pathDeliveryProbability(network, a, b);
  const penalty = q > 0 ? ((1 - q) / q) * LOSS_PENALTY_NS : Number.MAX_SAFE_INTEGER;
  return pathRttNs(network, a, b) + penalty;
}
