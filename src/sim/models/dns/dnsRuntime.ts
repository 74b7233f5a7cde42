/**
 * The DNS model as the runtime runs it (model id 'dns'): report, commands and node load, in
 * the shape of the runtime's InstalledModel (structurally: the simulation layer does not import
 * the runtime). Commands reach every shard; lookups act only where the client is owned.
 */
import type { ResolverCacheEntry } from './DnsCache';
import type { InfraView } from './InfraCache';
import type { DnsCommand } from './commands';
import type { World } from '../../scenario/buildWorld';
import type { HistogramSnapshot } from '../../stats/Histogram';
import type { DnsConfigInput } from './dnsConfig';
import { installDns, NEEDS_DELIVERY } from './installDns';
import type { WorldCommand } from '../../worldCommands';
import type { DnsServices } from './services';
import type { ModelLogEntry } from '../../model/SimModel';
import type { DeliveryServices, EdgeConnections } from '../delivery/services';

/** What the DNS model tells the node inspector about a node (by model id `dns`). */
export interface DnsNodeInfo {
  /** a recursive resolver's live cache entries */
  resolverCache?: ResolverCacheEntry[];
  /** what it remembers of the name servers it asked: RTT, timeout, until when */
  serverMemory?: InfraView[];
}

export function installDnsModel(
  world: World,
  owns: (id: number) => boolean,
  config: unknown,
  /** the delivery model's services in this shard (throws if the world does not run it) */
  delivery: () => DeliveryServices,
  /** the event log (ModelContext.log), when something reads it */
  log?: (entry: ModelLogEntry) => void,
) {
  let edges: EdgeConnections | undefined;
  const connections = () => (edges ??= delivery().connections);
  const dns = installDns(world, (config ?? {}) as DnsConfigInput, owns, connections, log);
  const services: DnsServices = {
    resolve: (client, name, done) => dns.resolve(client, name, done),
    shareLoad: (source) => dns.mapping.shareLoad(source),
  };
  return {
    services,
    // Connections go to the delivery model's edge servers: say so at once if it is missing,
    // not at the first answer.
    ready: () => {
      if (!dns.config.connect) return;
      try {
        connections();
      } catch (e) {
        throw new Error(`${NEEDS_DELIVERY}: ${(e as Error).message}`, { cause: e });
      }
    },
    report: (): {
      counters: Record<string, number>;
      histograms: Record<string, HistogramSnapshot>;
      observations: unknown[];
    } => ({
      counters: { ...dns.counters(), ...world.network.counterSnapshot() },
      histograms: { 'dns.lookupLatencyNs': dns.lookupLatency() },
      observations: dns.takeObservations(),
    }),
    inspectNode: (id: number): DnsNodeInfo =>
      world.topology.nodes[id]?.kind === 'resolver'
        ? { resolverCache: dns.resolverCache(id), serverMemory: dns.resolverMemory(id) }
        : {},
    fillNodeLoad: (out: Float32Array) => {
      // A shared table belongs to the model that shares it, which writes the edges' load.
      if (dns.mapping.loadShared) return;
      for (const n of world.topology.nodes)
        if (n.kind === 'edge' && owns(n.id)) out[n.id] = dns.mapping.loadOf(n.id);
    },
    // A failure given as a world command reaches the mapping like the model's own.
    networkChanged: (cmd: WorldCommand) => {
      if (cmd.type === 'node.setUp') dns.mapping.noteServerUp(cmd.node, cmd.up);
      else if (cmd.type === 'dataCentre.setUp') {
        const dc = world.topology.dataCentres[cmd.dataCentre];
        for (const id of [...dc.servers, dc.lowLevelDns]) dns.mapping.noteServerUp(id, cmd.up);
      }
    },
    command: (cmd: DnsCommand) => {
      switch (cmd.type) {
        case 'dns.lookup':
          dns.lookup(cmd.client, cmd.name);
          return;
        case 'dns.setServerUp': {
          const node =
            cmd.node ??
            (cmd.role !== undefined && cmd.index !== undefined
              ? dns.serverNode(cmd.role, cmd.index)
              : -1);
          if (node < 0 || node >= world.topology.nodes.length)
            throw new Error('bad command: dns.setServerUp needs a node, or a role and an index');
          dns.setServerUp(node, cmd.up);
          return;
        }
        case 'dns.setEdgeLoad':
          dns.setEdgeLoad(cmd.node, cmd.load);
          return;
        case 'dns.setTtl':
          dns.setTtl({ answerTtl: cmd.answerTtl, delegationTtl: cmd.delegationTtl });
          return;
        case 'dns.useResolver':
          dns.useResolver(cmd.client, cmd.resolver);
          return;
        case 'dns.reportTotals':
          dns.reportTotals();
          return;
        case 'dns.configure':
          dns.configure({
            oneTier: cmd.oneTier,
            lookupsPerClientPerSecond: cmd.lookupsPerClientPerSecond,
            clientSubnet: cmd.clientSubnet,
          });
          return;
      }
    },
  };
}
