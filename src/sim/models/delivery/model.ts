/**
 * The delivery model (model id 'delivery'): client groups that request
 * objects, the mapping system that sends them to edge servers, edge caches with request queues,
 * and origins (see installSandbox).
 */
import type { CacheSummary } from './EdgeServer';
import { defineModel } from '../../model/SimModel';
import { DELIVERY_COMMANDS } from './commands';
import { SECOND } from '../../time';
import { installSandbox } from './installSandbox';
import { deliveryInvariants } from './invariants';
import {
  MSG_FETCH,
  MSG_MAP_ANSWER,
  MSG_MAP_QUERY,
  MSG_OBJECT,
  MSG_REQUEST,
  MSG_RESPONSE,
  SANDBOX_MESSAGE_TYPES,
} from './messages';
import { sandboxConfigSchema } from './sandboxConfig';
import { flattenCounts } from './sandboxStats';
import type { DnsServices } from '../dns/services';

/** What the delivery model tells the node inspector about a node (by model id `delivery`). */
export interface DeliveryNodeInfo {
  /** an edge server's cache */
  cache?: CacheSummary;
  /** with parent caches: the region whose parent data centre this edge server is in */
  parentFor?: string;
}

/** Most requested cached objects the node inspector lists. */
const TOP_CACHED = 5;

export const deliveryModel = defineModel({
  id: 'delivery',
  summary:
    'client groups request objects; the mapping system sends them to edge servers, whose caches fetch misses from the origins',
  config: sandboxConfigSchema,
  commands: DELIVERY_COMMANDS,
  messageTypes: SANDBOX_MESSAGE_TYPES,
  sendsMessages: true,
  install(world, context, config) {
    let dns: DnsServices | undefined;
    const dnsServices = () => (dns ??= context.peer<DnsServices>('dns'));
    const sandbox = installSandbox(world, config, (id) => context.ownsNode(id), dnsServices);
    return {
      // With DNS on: the DNS model is there, and its low level answers from this model's load
      // table (the monitors its edge servers report to), in every shard.
      ready: () => {
        if (!config.dns) return;
        try {
          dnsServices().shareLoad(sandbox.publishedLoad);
        } catch (e) {
          throw new Error(
            `sandbox config dns: true needs the dns model in the same world: ${(e as Error).message}`,
            { cause: e },
          );
        }
      },
      report: () => {
        const stats = sandbox.statsSnapshot();
        // Whole seconds travel as observations at their end; the UI adds up the shards' records
        // of each second (mergeSeconds).
        const seconds = sandbox
          .takeSeconds()
          .map((s) => ({ type: 'sim.second', timeNs: (s.second + 1) * SECOND, stats: s }));
        return {
          counters: {
            ...flattenCounts(stats),
            ...sandbox.dnsCounters(),
            ...world.network.counterSnapshot(),
          },
          histograms: { 'delivery.latencyNs': stats.latencyNs },
          observations: [...sandbox.takeObservations(), ...seconds].sort(
            (a, b) => a.timeNs - b.timeNs,
          ),
        };
      },
      fillNodeLoad: (out) => sandbox.fillNodeLoad(out),
      inspectNode: (id): DeliveryNodeInfo => {
        const node = world.topology.nodes[id];
        if (node?.kind !== 'edge') return {};
        const info: DeliveryNodeInfo = { cache: sandbox.edgeCacheSummary(id, TOP_CACHED) };
        if (sandbox.mapping.parents?.parentDataCentres().includes(node.dataCentre)) {
          const region = world.topology.cities[node.city].region;
          info.parentFor = world.topology.regions.find((r) => r.id === region)?.name ?? region;
        }
        return info;
      },
      command: (cmd) => {
        if (cmd.type === 'delivery.setLoad') sandbox.setLoadFactor(cmd.loadFactor);
        else if (cmd.type === 'delivery.purge') sandbox.purge(cmd.object);
        else sandbox.publish(cmd.object);
        sandbox.noteChange(cmd);
      },
      networkChanged: (cmd, byModel) => {
        sandbox.networkChanged(cmd);
        // The charts mark the student's changes; a model's own (a release crashing servers)
        // shows in its own observations.
        if (byModel === undefined) sandbox.noteChange(cmd);
      },
    };
  },
  invariants: deliveryInvariants,
  words: {
    narrated: {
      'sim.serverWithdrawn': [
        'a busy server was taken out of the mapping',
        '{n} busy servers were taken out of the mapping',
      ],
      // A withdrawal is reported again, with withdrawn: false, when the server comes back.
      'sim.serverReturned': [
        'a server was put back into the mapping',
        '{n} servers were put back into the mapping',
      ],
      'sim.contentSpread': [
        'a hot object was spread to more servers',
        'hot objects were spread {n} times',
      ],
    },
    messageLooks: {
      [MSG_REQUEST]: 'request',
      [MSG_RESPONSE]: 'response',
      [MSG_FETCH]: 'fetch',
      [MSG_OBJECT]: 'object',
      [MSG_MAP_QUERY]: 'dnsQuery',
      [MSG_MAP_ANSWER]: 'dnsAnswer',
    },
  },
});
