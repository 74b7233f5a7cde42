/**
 * The simulation models a shard can run, by name: a shard in a worker receives the name and
 * builds the model itself, so nothing but plain data crosses the boundary.
 */
import type { World } from '@sim/scenario/buildWorld';
import { installProbeTraffic } from '@sim/probe/probeTraffic';

export interface InstalledModel {
  /** summable counters of this shard's part of the run */
  counters(): Record<string, number>;
  /** writes each owned node's load (0 idle, 1 at capacity) */
  fillNodeLoad?(out: Float32Array): void;
}

export type ModelInstaller = (
  world: World,
  ownsNode: (id: number) => boolean,
  config: unknown,
) => InstalledModel;

export const MODELS: Record<string, ModelInstaller> = {
  probe: (world, owns) => installProbeTraffic(world, owns),
};

export interface ModelSpec {
  id: string;
  config?: unknown;
}
