/**
 * What TCP (and TLS) add to a request's time, reduced to the two effects the flash-crowd lab
 * teaches, and stated rather than hidden:
 * - A new connection costs `handshakeRtts` round trips before the request can go (TCP's
 *   handshake and TLS 1.3's: 2). Edge servers keep persistent connections to the origin, so a
 *   fetch never pays one; a client that talks to the origin directly pays it over the whole
 *   distance.
 * - A message lost on a lossy link is not lost for good: the sender's transport sends it again
 *   after a retransmission timeout, RTO = max(200 ms, 2 × RTT) (RFC 6298's SRTT + 4·RTTVAR with
 *   RTTVAR ≈ RTT/4, and Linux's 200 ms floor). So a loss costs more the longer the path.
 * Packets of the handshake itself are not simulated (they are never lost).
 * The round trip is the route service's, for small packets both ways.
 */
import type { RouteService } from '../../net/RouteService';
import { MS } from '../../time';

export const MIN_RTO_NS = 200 * MS;
/** size of a handshake or ACK packet, for the round-trip estimate */
const SMALL_PACKET = 100;

/** Round-trip time between two nodes on an idle network. */
export function rttNs(routes: RouteService, a: number, b: number): number {
  return routes.rttNs(a, b, SMALL_PACKET);
}

export function retransmitTimeoutNs(routes: RouteService, a: number, b: number): number {
  return Math.max(MIN_RTO_NS, 2 * rttNs(routes, a, b));
}
