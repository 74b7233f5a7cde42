/** Headline counts of a topology, for the CLI, lab prose and tests. */
import type { Topology } from './types';
import { topShare } from './userShares';

export interface TopologySummary {
  regions: number;
  /** all networks: access networks plus the few infrastructure networks */
  networks: number;
  accessNetworks: number;
  hostingNetworks: number;
  dataCentres: number;
  /** edge servers */
  servers: number;
  clientGroups: number;
  resolvers: number;
  /** root, .net, CDN top-level and low-level name servers */
  dnsServers: number;
  origins: number;
  nodes: number;
  /** fraction of end users in the 30 largest access networks (1 when there are at most 30) */
  top30UserShare: number;
}

export function summarizeTopology(t: Topology): TopologySummary {
  const byKind: Record<string, number> = {};
  for (const n of t.nodes) byKind[n.kind] = (byKind[n.kind] ?? 0) + 1;
  const count = (k: string) => byKind[k] ?? 0;
  const access = t.networks.filter((n) => n.role === 'access');
  return {
    regions: t.regions.length,
    networks: t.networks.length,
    accessNetworks: access.length,
    hostingNetworks: t.networks.filter((n) => n.hostsServers).length,
    dataCentres: t.dataCentres.length,
    servers: count('edge'),
    clientGroups: count('client'),
    resolvers: count('resolver'),
    dnsServers: count('dnsRoot') + count('dnsTld') + count('dnsCdnTop') + count('dnsCdnLow'),
    origins: count('origin'),
    nodes: t.nodes.length,
    top30UserShare: topShare(
      access.map((n) => n.userShare),
      30,
    ),
  };
}
