/**
 * The DNS model's settings, validated with valibot (they come from labs, URLs and the CLI).
 * TTL defaults follow the real system: see each field.
 */
import * as v from 'valibot';
import { DEFAULT_THRESHOLDS } from '../mapping/LoadTable';

const seconds = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const fraction = v.pipe(v.number(), v.minValue(0), v.maxValue(10));

export const dnsConfigSchema = v.strictObject({
  /**
   * TTL of the low-level servers' A records, s. Akamai's a*.g.akamai.net answers carry 20 s;
   * the paper: "several seconds to one minute".
   */
  answerTtl: v.optional(seconds(86_400), 20),
  /** TTL of the top level's g.akamai.net delegation, s: "about one hour" (Dilley et al. 2002). */
  delegationTtl: v.optional(seconds(604_800), 3600),
  /**
   * One-tier mode: the top-level servers answer A records themselves (TTL answerTtl) and no
   * low-level tier is used, to compare with the paper's two tiers.
   */
  oneTier: v.optional(v.boolean(), false),
  /** low-level servers (data centres) in each g.akamai.net delegation: an NS set of ≥ 2 */
  delegationServers: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(13)), 2),
  /** edge addresses in each answer: "two or more" (Dilley et al. 2002) */
  answerAddresses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(16)), 2),
  /**
   * Load thresholds (1 = capacity), the mapping system's (src/sim/models/mapping), named as the
   * delivery model names them: above `spreadThreshold` a server's content is also handed to one
   * more server; above `withdrawThreshold` its address is no longer given; a data centre whose
   * mean load is above `dataCentreThreshold` is referred only the share of resolvers it can
   * take. The paper gives no numbers; the defaults are the delivery model's.
   */
  spreadThreshold: v.optional(fraction, DEFAULT_THRESHOLDS.spread),
  withdrawThreshold: v.optional(fraction, DEFAULT_THRESHOLDS.withdraw),
  dataCentreThreshold: v.optional(fraction, DEFAULT_THRESHOLDS.dataCentre),
  /** nearest data centres (by distance) the top level scores for each resolver */
  candidateDataCentres: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 8),
  /**
   * How a resolver picks among an NS set's servers (InfraCache): 'fastest' always asks the one
   * it expects to answer first (Unbound with fast-server-permil 1000, fast-server-num 1);
   * 'band', Unbound's default, picks at random among those within 400 ms of the best.
   */
  serverSelection: v.optional(v.picklist(['fastest', 'band']), 'fastest'),
  /**
   * EDNS Client Subnet (RFC 7871): resolvers tell the CDN's name servers the client's address,
   * so the low level maps the client instead of the resolver. Off by default, as RFC 7871 §11.3
   * asks of resolvers; Google Public DNS sends it, Cloudflare's 1.1.1.1 does not.
   */
  clientSubnet: v.optional(v.boolean(), false),
  /**
   * Clients connect to the first address after each lookup (and fall back on a dead edge). The
   * edge servers are the delivery model's: the world must run it too (see EdgeConnections).
   */
  connect: v.optional(v.boolean(), false),
  /** background workload: Poisson lookups per client group per second (0: none) */
  lookupsPerClientPerSecond: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1e4)), 0),
  /** background workload: names a1…aN.g.akamai.net, chosen uniformly */
  workloadNames: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1e6)), 50),
  /** observation records kept per shard (oldest dropped first) */
  maxObservations: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 2000),
});

export type DnsConfigInput = v.InferInput<typeof dnsConfigSchema>;
export type DnsConfig = v.InferOutput<typeof dnsConfigSchema>;

export function parseDnsConfig(input: unknown): DnsConfig {
  const r = v.safeParse(dnsConfigSchema, input ?? {});
  if (r.success) {
    if (r.output.spreadThreshold > r.output.withdrawThreshold)
      throw new Error('bad DNS config: spreadThreshold must not exceed withdrawThreshold');
    return r.output;
  }
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'config';
  throw new Error(`bad DNS config: ${path}: ${issue.message}`);
}
