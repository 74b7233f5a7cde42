/**
 * "Nearest" (Dilley et al. 2002, "Mapping"): a server with a lower round-trip time is nearer than
 * one with a higher, and one with low packet loss nearer than one with high loss. The mapping
 * reads a path's round-trip time and loss here, and only here: the one place to switch to a
 * route service when the network has one.
 */
import type { Network } from '../../net/Network';
import { accessClassOf } from '../../scenario/buildWorld';
import type { Topology } from '../../topology/types';

/**
 * A lost packet costs a retransmission timeout; 1 s is TCP's initial RTO (RFC 6298 §2.1), so a
 * path's score is its RTT plus the expected number of losses per exchange times that.
 */
export const LOSS_PENALTY_NS = 1_000_000_000;
/** a small message (a DNS query, a handshake packet), for the round-trip estimate */
const PROBE_BYTES = 100;

/** Round-trip time of an idle path between two nodes, ns. */
export function pathRttNs(network: Network, a: number, b: number): number {
  return network.baseLatencyNs(a, b, PROBE_BYTES) + network.baseLatencyNs(b, a, PROBE_BYTES);
}

/** Probability that a request and its reply both get through, from the links' loss rates. */
export function pathDeliveryProbability(
  network: Network,
  topology: Topology,
  a: number,
  b: number,
): number {
  const { classes } = network;
  const access = (n: number) =>
    (network.existingAccessLink(n)?.params ?? classes[accessClassOf(topology.nodes[n])]).lossRate;
  const one = (from: number, to: number) => {
    let q = (1 - access(from)) * (1 - access(to)) * (1 - classes.backbone.lossRate);
    if (topology.nodes[from].network !== topology.nodes[to].network)
      q *= (1 - classes.peering.lossRate) * (1 - classes.backbone.lossRate);
    return q;
  };
  return one(a, b) * one(b, a);
}

/** "Nearest" as one number, lower is nearer: the RTT plus the expected cost of losses. */
export function pathScoreNs(network: Network, topology: Topology, a: number, b: number): number {
  const q = pathDeliveryProbability(network, topology, a, b);
  const penalty = q > 0 ? ((1 - q) / q) * LOSS_PENALTY_NS : Number.MAX_SAFE_INTEGER;
  return pathRttNs(network, a, b) + penalty;
}
