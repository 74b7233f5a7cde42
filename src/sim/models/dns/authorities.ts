/**
 * The authoritative name servers: what a root, .net, top-level or low-level server answers to a
 * query that reached it. Stateless apart from the mapping's inputs: each reply is computed from
 * the decoded query, the asking address (the resolver) and the zone data below.
 *
 * Delegation TTLs are the real ones where they are fixed by others: the root zone delegates net.
 * with NS TTL 172800 s (2 days), and the .net servers (a–m.gtld-servers.net) delegate second-level
 * names with 172800 s as well. The CDN's own TTLs come from the config.
 *
 * Whom the CDN maps: the asker, a resolver, unless the query carries the client's subnet
 * (RFC 7871); then the answer is made for the client, and says so by echoing the option with a
 * scope prefix equal to its source prefix, so that the resolver caches it for that client only.
 * That is Akamai's end-user mapping (Chen, Sitaraman, Torres, "End-User Mapping: Next
 * Generation Request Routing for Content Delivery", SIGCOMM 2015): the low level then hands out
 * servers of the data centre nearest the client, which need not be its own. Referrals stay
 * by resolver and untailored (RFC 7871 §7.4: zero scope on delegations).
 */
import type { RandomStream } from '../../random/RandomStream';
import type { Topology } from '../../topology/types';
import type { DnsConfig } from './dnsConfig';
import type { DnsMapping } from './DnsMapping';
import {
  addressNode,
  CDN_ZONE,
  isInZone,
  MAPPED_ZONE,
  nodeAddress,
  serverHostName,
  TLD_ZONE,
  type DnsRole,
} from './names';
import type { ClientSubnet, DnsMessage, DnsRecord, Rcode } from './wire';

/** NS TTL of net. in the root zone and of akamai.net. in .net: 2 days. */
export const PARENT_DELEGATION_TTL = 172_800;

export interface AuthorityContext {
  topology: Topology;
  mapping: DnsMapping;
  config: () => DnsConfig;
  /** node ids of the servers of each role, ascending */
  servers: Record<'root' | 'tld' | 'toplevel', readonly number[]>;
  /** a top-level server's own stream for the mapping's choices */
  mappingRng: (node: number) => RandomStream;
}

/** The reply of server `node` (of `role`) to `query`, asked from node `asker`. */
export function authoritativeReply(
  ctx: AuthorityContext,
  role: DnsRole,
  node: number,
  query: DnsMessage,
  asker: number,
): DnsMessage {
  const name = query.question.name;
  switch (role) {
    case 'root':
      return isInZone(name, TLD_ZONE)
        ? referral(ctx, query, TLD_ZONE, ctx.servers.tld, PARENT_DELEGATION_TTL)
        : reply(query, 'NXDOMAIN');
    case 'tld':
      return isInZone(name, CDN_ZONE)
        ? referral(ctx, query, CDN_ZONE, ctx.servers.toplevel, PARENT_DELEGATION_TTL)
        : reply(query, 'NXDOMAIN');
    case 'toplevel':
      return topLevel(ctx, node, query, asker);
    case 'lowlevel':
      return lowLevel(ctx, node, query, asker);
    default:
      return reply(query, 'REFUSED');
  }
}

/** Top level: refers g.akamai.net to low-level servers near the asker (or, one-tier, answers). */
function topLevel(
  ctx: AuthorityContext,
  node: number,
  query: DnsMessage,
  asker: number,
): DnsMessage {
  const name = query.question.name;
  const cfg = ctx.config();
  if (!isInZone(name, MAPPED_ZONE) || name === MAPPED_ZONE) return reply(query, 'NXDOMAIN');
  if (cfg.oneTier) {
    // No low-level tier: pick the nearest available data centre and the name's servers there.
    const { locus, echo } = mappedFor(ctx, query, asker);
    const [dc] = ctx.mapping.dataCentresFor(node, locus, 1, ctx.mappingRng(node));
    if (dc === undefined) return reply(query, 'SERVFAIL');
    return answerWith(query, ctx.mapping.serversFor(dc, name), cfg.answerTtl, [], echo);
  }
  const dcs = ctx.mapping.dataCentresFor(node, asker, cfg.delegationServers, ctx.mappingRng(node));
  if (dcs.length === 0) return reply(query, 'SERVFAIL');
  const lows = dcs.map((dc) => ctx.topology.dataCentres[dc].lowLevelDns);
  return referral(ctx, query, MAPPED_ZONE, lows, cfg.delegationTtl);
}

/**
 * Whom an answer is mapped for: the client whose subnet the query carries, if it names one of
 * ours, with the option to echo (scope = source: good for that subnet only); else the asker.
 */
function mappedFor(
  ctx: AuthorityContext,
  query: DnsMessage,
  asker: number,
): { locus: number; echo: ClientSubnet | undefined } {
  const ecs = query.clientSubnet;
  if (ecs === undefined) return { locus: asker, echo: undefined };
  const client = addressNode(ecs.address);
  if (ecs.sourcePrefix === 0 || client < 0 || client >= ctx.topology.nodes.length)
    return { locus: asker, echo: { ...ecs, scopePrefix: 0 } };
  return { locus: client, echo: { ...ecs, scopePrefix: ecs.sourcePrefix } };
}

/**
 * Low level: the A records of the name's servers in this data centre, or, for a query that
 * carries a client's subnet, in the available data centre nearest that client.
 */
function lowLevel(
  ctx: AuthorityContext,
  node: number,
  query: DnsMessage,
  asker: number,
): DnsMessage {
  const name = query.question.name;
  if (!isInZone(name, MAPPED_ZONE)) return reply(query, 'REFUSED');
  const cfg = ctx.config();
  const own = ctx.topology.nodes[node].dataCentre;
  const { locus, echo } = mappedFor(ctx, query, asker);
  const dc = locus === asker ? own : (ctx.mapping.dataCentresFor(node, locus, 1)[0] ?? own);
  const servers = ctx.mapping.serversFor(dc, name);
  if (servers.length === 0) return reply(query, 'SERVFAIL');
  // Like real authoritative servers, it names itself in the authority section; a resolver must
  // not let this extend the delegation it learnt from the top level (see Resolver).
  const ns: DnsRecord = {
    name: MAPPED_ZONE,
    type: 'NS',
    ttl: cfg.delegationTtl,
    data: serverHostName(ctx.topology, ctx.topology.nodes[node]),
  };
  return answerWith(query, servers, cfg.answerTtl, [ns], echo);
}

function answerWith(
  query: DnsMessage,
  servers: number[],
  ttl: number,
  authorities: DnsRecord[],
  clientSubnet?: ClientSubnet,
): DnsMessage {
  const answers = servers.map((s): DnsRecord => ({
    name: query.question.name,
    type: 'A',
    ttl,
    data: nodeAddress(s),
  }));
  return {
    ...reply(query, 'NOERROR'),
    authoritative: true,
    answers,
    authorities,
    ...(clientSubnet === undefined ? {} : { clientSubnet }),
  };
}

/** A referral: NS records for the child zone in the authority section, glue in additional. */
function referral(
  ctx: AuthorityContext,
  query: DnsMessage,
  zone: string,
  servers: readonly number[],
  ttl: number,
): DnsMessage {
  const hosts = servers.map((id) => serverHostName(ctx.topology, ctx.topology.nodes[id]));
  return {
    ...reply(query, 'NOERROR'),
    authorities: hosts.map((h): DnsRecord => ({ name: zone, type: 'NS', ttl, data: h })),
    additionals: servers.map((id, i): DnsRecord => ({
      name: hosts[i],
      type: 'A',
      ttl,
      data: nodeAddress(id),
    })),
  };
}

function reply(query: DnsMessage, rcode: Rcode): DnsMessage {
  return {
    id: query.id,
    response: true,
    recursionDesired: query.recursionDesired,
    authoritative: false,
    rcode,
    question: query.question,
    answers: [],
    authorities: [],
    additionals: [],
  };
}
