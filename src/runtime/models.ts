/**
 * The simulation models a shard can run, by name: a shard in a worker receives the name and
 * builds the model itself, so nothing but plain data crosses the boundary.
 */
import type { SimCommand } from '@sim/commands';
import type { World } from '@sim/scenario/buildWorld';
import type { HistogramSnapshot } from '@sim/stats';
import { installProbeTraffic } from '@sim/probe/probeTraffic';
import { flattenCounts, installSandbox, type SandboxConfigInput } from '@sim/sandbox';
import { installDnsModel } from '@sim/dns/dnsRuntime';
import { installTcpModel } from '@sim/tcp/tcpRuntime';
import type { ResolverCacheEntry } from '@sim/dns/DnsCache';
import type { CacheSummary } from '@sim/sandbox/EdgeServer';
import { installRolloutModel } from '@sim/rollout/rolloutRuntime';
import { SECOND } from '@sim/time';

export interface ModelReport {
  /** summable counters of this shard's part of the run */
  counters: Record<string, number>;
  /** distributions (latencies…) of this shard's part, merged across shards by the runtime */
  histograms: Record<string, HistogramSnapshot>;
  /**
   * plain-data records (each with a time `t`, ns) of what happened since the previous report,
   * for labs; merged across shards in time order by the runtime
   */
  observations?: unknown[];
}

export interface InstalledModel {
  report(): ModelReport;
  /**
   * false: the model never sends a message over the network (its traffic crosses private
   * paths), so no shard can affect another and the coordinator need not cut the run into
   * lookahead-long windows. The shard checks that the promise holds.
   */
  sendsMessages?: false;
  /** a command for the model (see isModelCommand), applied at a window start in every shard */
  command?(cmd: SimCommand): void;
  /**
   * a network command (a failure, loss on links…) every shard has just applied, so that the
   * model can record it among its observations (the sandbox's chart marks)
   */
  networkChanged?(cmd: SimCommand): void;
  /**
   * marks owned nodes that the model itself has down (a crashed server restarting...) with 0;
   * `out` already holds the network's view (1 up, 0 failed), which the model may only lower
   */
  fillNodeUp?(out: Uint8Array): void;
  /** writes each owned node's load (0 idle, 1 at capacity) */
  fillNodeLoad?(out: Float32Array): void;
  /** what the model knows about one owned node, for the node inspector */
  inspectNode?(id: number): NodeModelInfo;
  /**
   * writes the software version of the nodes whose version the model decides; every shard must
   * write the same values (the runtime keeps one shard's copy)
   */
  fillVersion?(out: Uint16Array): void;
}

export interface NodeModelInfo {
  /** an edge server's cache, if the node is one */
  cache?: CacheSummary;
  /** a DNS resolver's live cache entries (DNS model), if the node is one */
  resolverCache?: ResolverCacheEntry[];
}

/** Most requested cached objects the node inspector lists. */
const TOP_CACHED = 5;

export type ModelInstaller = (
  world: World,
  ownsNode: (id: number) => boolean,
  config: unknown,
) => InstalledModel;

export const MODELS: Record<string, ModelInstaller> = {
  probe: (world, owns) => {
    const probe = installProbeTraffic(world, owns);
    return { report: () => ({ counters: probe.counters(), histograms: {} }) };
  },
  sandbox: (world, owns, config) => {
    const sandbox = installSandbox(world, (config ?? {}) as SandboxConfigInput, owns);
    return {
      report: () => {
        const stats = sandbox.statsSnapshot();
        // Whole seconds travel as observations at their end; the UI adds up the shards' records
        // of each second (mergeSeconds).
        const seconds = sandbox
          .takeSeconds()
          .map((s) => ({ type: 'sim.second', timeNs: (s.second + 1) * SECOND, stats: s }));
        return {
          counters: { ...flattenCounts(stats), ...world.network.counterSnapshot() },
          histograms: { 'sandbox.latencyNs': stats.latencyNs },
          observations: [...sandbox.takeObservations(), ...seconds].sort(
            (a, b) => a.timeNs - b.timeNs,
          ),
        };
      },
      fillNodeLoad: (out) => sandbox.fillNodeLoad(out),
      inspectNode: (id) =>
        world.topology.nodes[id]?.kind === 'edge'
          ? { cache: sandbox.edgeCacheSummary(id, TOP_CACHED) }
          : {},
      command: (cmd) => {
        if (cmd.type === 'sandbox.setLoad') sandbox.setLoadFactor(cmd.loadFactor);
        else if (cmd.type === 'sandbox.purge') sandbox.purge(cmd.object);
        else if (cmd.type === 'sandbox.publish') sandbox.publish(cmd.object);
        sandbox.noteChange(cmd);
      },
      networkChanged: (cmd) => sandbox.noteChange(cmd),
    };
  },
  dns: (world, owns, config) => installDnsModel(world, owns, config),
  rollout: (world, owns, config) => installRolloutModel(world, owns, config),
  tcp: (world, owns, config) => installTcpModel(world, owns, config),
};

export interface ModelSpec {
  id: string;
  config?: unknown;
}
