/** Shared set-up for the sandbox tests: a classroom world with the sandbox installed. */
import type { World } from '@sim/scenario/buildWorld';
import { installSandbox, type Sandbox, type SandboxConfigInput } from '@sim/models/delivery';
import { buildSandboxWorld } from '@sim/models/delivery/runSandbox';

export function classroom(
  config: SandboxConfigInput = {},
  options: { seed?: number; lastMileLossRate?: number; ownsNode?: (id: number) => boolean } = {},
): { world: World; sandbox: Sandbox } {
  const world = buildSandboxWorld(
    { scale: 'classroom', seconds: 0, lastMileLossRate: options.lastMileLossRate },
    options.seed ?? 1,
  );
  const sandbox = installSandbox(world, config, options.ownsNode);
  return { world, sandbox };
}

export function nodesOfKind(world: World, kind: string): number[] {
  return world.topology.nodes.filter((n) => n.kind === kind).map((n) => n.id);
}
