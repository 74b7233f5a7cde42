/**
 * A world running BGP and the overlay in this thread, one shard owning every node: for the
 * headless runner (`npm run sim -- overlay`) and tests that need the models' services, which a
 * Run in workers does not expose. Commands and world changes reach the models as a shard's would.
 */
import { TraceDigest } from '../../engine/TraceDigest';
import type { InstalledModel, ModelContext } from '../../model/SimModel';
import { parseModelCommand, parseModelConfig } from '../../model/SimModel';
import { buildWorld, type World } from '../../scenario/buildWorld';
import { parseScenario } from '../../scenario/scenarioSchema';
import type { WorldCommand } from '../../worldCommands';
import { bgpModel } from '../bgp/model';
import { installBgpModel, type BgpServices } from '../bgp/worldBgp';
import { applyCommand } from '../commands';
import { installOverlayModel, type OverlayServices } from './installOverlay';
import { overlayModel } from './model';

export interface OverlayWorld {
  world: World;
  bgp: BgpServices;
  overlay: OverlayServices;
  /** a bgp or overlay command, or a world command, applied now */
  command(cmd: { type: string; [field: string]: unknown }): void;
  /** the digest of every event so far (the same as a Run's on any number of shards) */
  digest(): string;
  /** the models' merged counters and the observations since the last call */
  report(): { counters: Record<string, number>; observations: unknown[] };
}

export function overlayWorld(opts: {
  scenario: unknown;
  bgp?: unknown;
  overlay?: unknown;
}): OverlayWorld {
  const world = buildWorld(parseScenario(opts.scenario));
  const digest = new TraceDigest();
  world.engine.observe(digest.observer);
  const models: InstalledModel<{ type: string }>[] = [];
  const context = (id: string): ModelContext => ({
    ownsNode: () => true,
    peer: () => {
      throw new Error('the overlay world offers no peers');
    },
    changeWorld: (cmd) => changeWorld(cmd, id),
  });
  function changeWorld(cmd: WorldCommand, byModel?: string): void {
    applyCommand(world, cmd);
    for (const m of models) m.networkChanged?.(cmd, byModel);
  }
  const bgp = installBgpModel(world, context('bgp'), parseModelConfig(bgpModel, opts.bgp));
  const overlay = installOverlayModel(
    world,
    context('overlay'),
    parseModelConfig(overlayModel, opts.overlay),
  );
  models.push(bgp as InstalledModel<{ type: string }>, overlay as InstalledModel<{ type: string }>);
  return {
    world,
    bgp: bgp.services as BgpServices,
    overlay: overlay.services as OverlayServices,
    command(cmd) {
      if (cmd.type.startsWith('bgp.')) bgp.command!(parseModelCommand(bgpModel, cmd));
      else if (cmd.type.startsWith('overlay.'))
        overlay.command!(parseModelCommand(overlayModel, cmd));
      else changeWorld(cmd as WorldCommand);
    },
    digest: () => digest.toString(),
    report() {
      const reports = models.map((m) => m.report());
      return {
        counters: Object.assign({}, ...reports.map((r) => r.counters)),
        observations: reports.flatMap((r) => r.observations ?? []),
      };
    },
  };
}
