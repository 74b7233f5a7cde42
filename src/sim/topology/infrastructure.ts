/**
 * Where the Internet's shared infrastructure sits: DNS root servers, .net TLD servers, the CDN's
 * top-level name servers and the content provider's origins. Lists are in the order sites are
 * added as the scale grows; each kind lives in its own infrastructure network.
 */
import type { NodeKind } from './types';

export interface InfrastructureSite {
  /** the label after 'dns:' or 'origin:' in the node name */
  readonly label: string;
  readonly cityId: string;
}

export interface InfrastructureKind {
  readonly kind: NodeKind;
  /** node name prefix ('dns' or 'origin') */
  readonly prefix: string;
  /** name of the infrastructure network these nodes sit in */
  readonly network: string;
  readonly sites: readonly InfrastructureSite[];
}

/**
 * The 13 root servers a–m at their operators' home sites of around 2002, before anycast spread
 * them worldwide: seven in the Washington area (Dulles, Herndon, College Park, Vienna, Aberdeen),
 * two in Los Angeles, two in Silicon Valley, one each in Stockholm, London and Tokyo. Ordered
 * so that a small scale's few roots are spread across continents.
 */
const ROOTS: readonly InfrastructureSite[] = [
  { label: 'root-a', cityId: 'washington' },
  { label: 'root-k', cityId: 'london' },
  { label: 'root-m', cityId: 'tokyo' },
  { label: 'root-b', cityId: 'los-angeles' },
  { label: 'root-i', cityId: 'stockholm' },
  { label: 'root-e', cityId: 'san-jose' },
  { label: 'root-f', cityId: 'san-jose' },
  { label: 'root-l', cityId: 'los-angeles' },
  { label: 'root-c', cityId: 'washington' },
  { label: 'root-d', cityId: 'washington' },
  { label: 'root-g', cityId: 'washington' },
  { label: 'root-h', cityId: 'washington' },
  { label: 'root-j', cityId: 'washington' },
];

/** A few .net servers of the registry (illustrative placement on three continents). */
const TLDS: readonly InfrastructureSite[] = [
  { label: 'net-a', cityId: 'washington' },
  { label: 'net-b', cityId: 'london' },
  { label: 'net-c', cityId: 'tokyo' },
  { label: 'net-d', cityId: 'san-jose' },
];

/**
 * The CDN's top-level name servers: few and global (Dilley et al. 2002; Leighton 2009 notes DNS
 * limits the set to 13 addresses). Boston first: the CDN of the papers is run from there.
 */
const CDN_TOPS: readonly InfrastructureSite[] = [
  { label: 'top-boston', cityId: 'boston' },
  { label: 'top-london', cityId: 'london' },
  { label: 'top-tokyo', cityId: 'tokyo' },
  { label: 'top-san-jose', cityId: 'san-jose' },
  { label: 'top-frankfurt', cityId: 'frankfurt' },
  { label: 'top-singapore', cityId: 'singapore' },
  { label: 'top-washington', cityId: 'washington' },
  { label: 'top-sydney', cityId: 'sydney' },
  { label: 'top-sao-paulo', cityId: 'sao-paulo' },
];

/** A content provider's origin: a primary and, at larger scales, mirrors on other continents. */
const ORIGINS: readonly InfrastructureSite[] = [
  { label: 'new-york', cityId: 'new-york' },
  { label: 'san-jose', cityId: 'san-jose' },
  { label: 'frankfurt', cityId: 'frankfurt' },
];

/**
 * Where the root and .net servers have anycast instances besides their home site, in the order
 * they are added as the scale grows: spread over the continents first, so that a few instances
 * already leave no region far from one. Real deployments are far denser (docs/fidelity.md):
 * root-servers.org lists about 1,900 root instances, and Verisign runs .com/.net at over a
 * hundred sites; the model keeps a few dozen at most so the map stays readable.
 */
export const ANYCAST_SITES: readonly string[] = [
  'london',
  'tokyo',
  'singapore',
  'frankfurt',
  'sao-paulo',
  'sydney',
  'johannesburg',
  'mumbai',
  'los-angeles',
  'amsterdam',
  'hong-kong',
  'miami',
  'chicago',
  'paris',
  'seoul',
  'dubai',
  'nairobi',
  'toronto',
  'stockholm',
  'moscow',
  'seattle',
  'buenos-aires',
  'jakarta',
  'istanbul',
  'cairo',
  'auckland',
  'madrid',
  'dallas',
  'delhi',
  'warsaw',
];

/**
 * A public recursive resolver's sites (a service like Google Public DNS or Cloudflare's
 * 1.1.1.1), in the order they are added as the scale grows. Client groups use their own
 * network's resolver unless told to use one of these (dns.useResolver); a user whose public
 * resolver is far away is the case client subnet (RFC 7871) was made for. The classroom has
 * one, in Washington, an ocean away from most of its users.
 */
export const PUBLIC_RESOLVER_SITES: readonly string[] = [
  'washington',
  'frankfurt',
  'singapore',
  'sao-paulo',
  'tokyo',
  'sydney',
  'mumbai',
  'johannesburg',
];

/** In node-id order: roots, .net servers, CDN top-level DNS, origins. */
export const INFRASTRUCTURE: readonly InfrastructureKind[] = [
  { kind: 'dnsRoot', prefix: 'dns', network: 'dns-root-operators', sites: ROOTS },
  { kind: 'dnsTld', prefix: 'dns', network: 'dns-net-registry', sites: TLDS },
  { kind: 'dnsCdnTop', prefix: 'dns', network: 'cdn-core', sites: CDN_TOPS },
  { kind: 'origin', prefix: 'origin', network: 'origin-hosting', sites: ORIGINS },
];
