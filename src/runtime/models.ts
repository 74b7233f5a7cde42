/**
 * The simulation models a shard can run, by name: a shard in a worker receives the name and
 * builds the model itself, so nothing but plain data crosses the boundary.
 */
import type { World } from '@sim/scenario/buildWorld';
import type { HistogramSnapshot } from '@sim/stats';
import { installProbeTraffic } from '@sim/probe/probeTraffic';
import { flattenCounts, installSandbox, type SandboxConfigInput } from '@sim/sandbox';

export interface InstalledModel {
  /** summable counters of this shard's part of the run */
  counters(): Record<string, number>;
  /** writes each owned node's load (0 idle, 1 at capacity) */
  fillNodeLoad?(out: Float32Array): void;
  /** distributions (latencies…) of this shard's part, merged across shards by the runtime */
  histograms?(): Record<string, HistogramSnapshot>;
}

export type ModelInstaller = (
  world: World,
  ownsNode: (id: number) => boolean,
  config: unknown,
) => InstalledModel;

export const MODELS: Record<string, ModelInstaller> = {
  probe: (world, owns) => installProbeTraffic(world, owns),
  sandbox: (world, owns, config) => {
    const sandbox = installSandbox(world, (config ?? {}) as SandboxConfigInput, owns);
    const net = world.network.counts;
    return {
      counters: () => ({
        ...flattenCounts(sandbox.statsSnapshot()),
        'net.sent': net.sent,
        'net.delivered': net.delivered,
        ...Object.fromEntries(
          Object.entries(net.byReason).map(([k, v]) => [`net.dropped.${k}`, v]),
        ),
      }),
      histograms: () => ({ 'sandbox.latencyNs': sandbox.statsSnapshot().latencyNs }),
      fillNodeLoad: (out) => sandbox.fillNodeLoad(out),
    };
  },
};

export interface ModelSpec {
  id: string;
  config?: unknown;
}
