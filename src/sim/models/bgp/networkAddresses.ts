/**
 * How the bgp model numbers the world's networks (asTopologyOf): network k is AS k + 1 and
 * originates 10.(AS >> 8).(AS & 255).0/24; its nodes get host addresses from .1 up, so the first
 * host address is also the one its border router is given (the NEXT_HOP of its UPDATEs, wire.ts).
 * Apart from the model's code, so a page can name a network's addresses without loading BGP.
 */
import { formatAddress, type Prefix } from './prefix';

/** AS numbers of the world's networks: network k is AS k + 1. */
export const asnOfNetwork = (net: number) => net + 1;
export const networkOfAsn = (asn: number) => asn - 1;

/** The /24 network `net` originates. */
export function networkPrefix(net: number): Prefix {
  const asn = asnOfNetwork(net);
  return { address: ((10 << 24) | ((asn >> 8) << 16) | ((asn & 255) << 8)) >>> 0, length: 24 };
}

/** The network's first host address, 10.x.y.1 (its first node's, and its router's). */
export function firstHostAddress(net: number): string {
  return formatAddress(networkPrefix(net).address + 1);
}

/**
 * The network whose own /24 covers the address (10.x.y.z with x.y = its ASN), or null when none
 * of `networks` does: the address's rightful origin, whatever else announces it.
 */
export function networkOfAddress(address: number, networks: number): number | null {
  if (address >>> 24 !== 10) return null;
  const net = networkOfAsn((address >>> 8) & 0xffff);
  return net >= 0 && net < networks ? net : null;
}
