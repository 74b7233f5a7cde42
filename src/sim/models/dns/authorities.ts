/**
 * The authoritative name servers: what a root, .net, top-level or low-level server answers to a
 * query that reached it. Stateless apart from the mapping's inputs: each reply is computed from
 * the decoded query, the asking address (the resolver) and the zone data below.
 *
 * Delegation TTLs are the real ones where they are fixed by others: the root zone delegates net.
 * with NS TTL 172800 s (2 days), and the .net servers (a–m.gtld-servers.net) delegate second-level
 * names with 172800 s as well. The CDN's own TTLs come from the config.
 */
import type { RandomStream } from '../../random/RandomStream';
import type { Topology } from '../../topology/types';
import type { DnsConfig } from './dnsConfig';
import type { DnsMapping } from './DnsMapping';
import {
  CDN_ZONE,
  isInZone,
  MAPPED_ZONE,
  nodeAddress,
  serverHostName,
  TLD_ZONE,
  type DnsRole,
} from './names';
import type { DnsMessage, DnsRecord, Rcode } from './wire';

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
      return lowLevel(ctx, node, query);
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
    const [dc] = ctx.mapping.dataCentresFor(asker, 1, ctx.mappingRng(node));
    if (dc === undefined) return reply(query, 'SERVFAIL');
    return answerWith(query, ctx.mapping.serversFor(dc, name), cfg.answerTtl, []);
  }
  const dcs = ctx.mapping.dataCentresFor(asker, cfg.delegationServers, ctx.mappingRng(node));
  if (dcs.length === 0) return reply(query, 'SERVFAIL');
  const lows = dcs.map((dc) => ctx.topology.dataCentres[dc].lowLevelDns);
  return referral(ctx, query, MAPPED_ZONE, lows, cfg.delegationTtl);
}

/** Low level: the A records of the name's servers in this data centre. */
function lowLevel(ctx: AuthorityContext, node: number, query: DnsMessage): DnsMessage {
  const name = query.question.name;
  if (!isInZone(name, MAPPED_ZONE)) return reply(query, 'REFUSED');
  const cfg = ctx.config();
  const dc = ctx.topology.nodes[node].dataCentre;
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
  return answerWith(query, servers, cfg.answerTtl, [ns]);
}

function answerWith(
  query: DnsMessage,
  servers: number[],
  ttl: number,
  authorities: DnsRecord[],
): DnsMessage {
  const answers = servers.map((s): DnsRecord => ({
    name: query.question.name,
    type: 'A',
    ttl,
    data: nodeAddress(s),
  }));
  return { ...reply(query, 'NOERROR'), authoritative: true, answers, authorities };
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
