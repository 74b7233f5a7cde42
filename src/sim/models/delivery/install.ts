/**
 * Installs the delivery model in one shard's world (see model.ts): loaded apart from the model's
 * description, so that only the shards' workers download it.
 */
import type { ModelInstall } from '../../model/SimModel';
import { SECOND } from '../../time';
import type { DnsServices } from '../dns/services';
import type { OverlayServices } from '../overlay/installOverlay';
import type { DeliveryCommand } from './commands';
import type { DeliveryServices } from './services';
import { installSandbox } from './installSandbox';
import type { DeliveryNodeInfo } from './model';
import type { sandboxConfigSchema } from './sandboxConfig';
import { flattenCounts } from './sandboxStats';
import { failureEntry, observationEntry, purgeEntry } from './log';

/** Most requested cached objects the node inspector lists. */
const TOP_CACHED = 5;

export const installDelivery: ModelInstall<typeof sandboxConfigSchema, DeliveryCommand> = (
  world,
  context,
  config,
) => {
  let dns: DnsServices | undefined;
  const dnsServices = () => (dns ??= context.peer<DnsServices>('dns'));
  let overlay: OverlayServices | undefined;
  const overlayServices = () => (overlay ??= context.peer<OverlayServices>('overlay'));
  const sandbox = installSandbox(
    world,
    config,
    (id) => context.ownsNode(id),
    dnsServices,
    overlayServices,
  );
  const services: DeliveryServices = { connections: sandbox.connections };
  return {
    services,
    // With DNS on: the DNS model is there, and its low level answers from this model's load
    // table (the monitors its edge servers report to), in every shard.
    ready: () => {
      if (config.overlay) needs('overlay', overlayServices);
      if (config.dns) needs('dns', dnsServices).shareLoad(sandbox.sharedLoad);
    },
    report: () => {
      const stats = sandbox.statsSnapshot();
      // Whole seconds travel as observations at their end; the UI adds up the shards' records
      // of each second (mergeSeconds).
      const seconds = sandbox
        .takeSeconds()
        .map((s) => ({ type: 'sim.second', timeNs: (s.second + 1) * SECOND, stats: s }));
      const observations = sandbox.takeObservations();
      if (context.log)
        for (const o of observations) {
          const entry = observationEntry(o);
          if (entry) context.log(entry);
        }
      return {
        counters: {
          ...flattenCounts(stats),
          ...sandbox.dnsCounters(),
          ...world.network.counterSnapshot(),
        },
        histograms: { 'delivery.latencyNs': stats.latencyNs },
        observations: [...observations, ...seconds].sort((a, b) => a.timeNs - b.timeNs),
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
      else if (cmd.type === 'delivery.purge') {
        sandbox.purge(cmd.object);
        // Every shard purges its own caches; one says so.
        if (context.ownsNode(0)) context.log?.(purgeEntry(world.engine.now, cmd.object));
      } else sandbox.publish(cmd.object);
      sandbox.noteChange(cmd);
    },
    networkChanged: (cmd, byModel) => {
      sandbox.networkChanged(cmd);
      // A model's own change (a release crashing a server) is in that model's log.
      const failure =
        byModel === undefined && context.log
          ? failureEntry(world.topology, cmd, world.engine.now)
          : null;
      if (failure && context.ownsNode(failure.loggedBy)) context.log?.(failure.entry);
      // The charts mark the student's changes; a model's own (a release crashing servers)
      // shows in its own observations.
      if (byModel === undefined) sandbox.noteChange(cmd);
    },
  };
};

/** A peer the config asks for; refused naming the switch and the model when the world lacks it. */
function needs<S>(id: 'dns' | 'overlay', services: () => S): S {
  try {
    return services();
  } catch (e) {
    throw new Error(
      `sandbox config ${id}: true needs the ${id} model in the same world: ${(e as Error).message}`,
      { cause: e },
    );
  }
}
