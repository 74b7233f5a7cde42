/**
 * Several models side by side in one world (one shard's copy of it): each installed in the order
 * given, each receiving the network messages of its own types (Network.onDeliver) and the
 * commands that start with its id; their reports are merged into one.
 */
import type { World } from '../scenario/buildWorld';
import type {
  InstalledModel,
  ModelContext,
  ModelInstall,
  ModelLogEntry,
  ModelReport,
  ObservationCombiner,
  SimModel,
} from './SimModel';
import { parseModelConfig } from './SimModel';
import type { WorldCommand } from '../worldCommands';

/** One model a world runs, with its configuration as given (validated on install). */
export interface ModelUse {
  model: SimModel;
  config?: unknown;
}

/** A model a world runs, with the code that installs it loaded (loadInstalls). */
export interface LoadedModelUse extends ModelUse {
  install: ModelInstall<SimModel['config'], { type: string }>;
}

/** Loads the install code of each model a world runs (SimModel.loadInstall). */
export async function loadInstalls(uses: readonly ModelUse[]): Promise<LoadedModelUse[]> {
  const installs = await Promise.all(uses.map((u) => u.model.loadInstall()));
  return uses.map((u, i) => ({
    ...u,
    install: installs[i] as LoadedModelUse['install'],
  }));
}

export interface ComposedModels {
  /** the models' ids, in install order */
  readonly ids: readonly string[];
  /** whether any of the models sends network messages (see SimModel.sendsMessages) */
  readonly sendsMessages: boolean;
  report(): ModelReport;
  /** a model's command, handed to the model its type names; throws if that model is not here */
  command(cmd: { type: string }): void;
  /** a world change every shard has just applied, told to every model (see SimModel) */
  networkChanged(cmd: WorldCommand, byModel?: string): void;
  fillNodeUp(out: Uint8Array): void;
  fillNodeLoad(out: Float32Array): void;
  /** what each model knows about the node, by model id (models with nothing to say left out) */
  inspectNode(id: number): Record<string, object>;
  fillVersion(out: Uint16Array): void;
}

/**
 * What the shard tells composeModels; `peer` is composeModels' own, and the shard's
 * `changeWorld` also names the model that made the change.
 */
export interface ShardModelContext {
  ownsNode(id: number): boolean;
  changeWorld(cmd: WorldCommand, byModel: string): void;
  /** keeps a model's log entry (ModelContext.log); without it the models log nothing */
  log?(model: string, entry: ModelLogEntry): void;
}

export function composeModels(
  world: World,
  uses: readonly LoadedModelUse[],
  shard: ShardModelContext,
): ComposedModels {
  if (uses.length === 0) throw new Error('a world needs at least one model');
  const ids = uses.map((u) => u.model.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`the ${twice} model is listed twice`);
  const byId = new Map<string, InstalledModel<{ type: string }>>();
  let installing = true;
  const context: Omit<ModelContext, 'changeWorld'> = {
    ownsNode: (id) => shard.ownsNode(id),
    peer<Services extends object>(id: string): Services {
      if (installing)
        throw new Error(
          `the ${id} model's services were asked for during install: ask in ready() or at first use`,
        );
      const model = byId.get(id);
      if (model === undefined)
        throw new Error(`this world does not run the ${id} model (it runs ${ids.join(', ')})`);
      if (model.services === undefined) throw new Error(`the ${id} model offers no services`);
      return model.services as Services;
    },
  };
  // Installing in the given order registers event kinds and streams in a fixed order, so the
  // trace does not depend on how the world is split.
  const log = shard.log?.bind(shard);
  const installed = uses.map((u) =>
    u.install(
      world,
      {
        ...context,
        changeWorld: (cmd) => shard.changeWorld(cmd, u.model.id),
        ...(log && { log: (entry: ModelLogEntry) => log(u.model.id, entry) }),
      },
      parseModelConfig(u.model, u.config),
    ),
  );
  ids.forEach((id, i) => byId.set(id, installed[i]));
  installing = false;
  for (const m of installed) m.ready?.();
  const models = byId;
  return {
    ids,
    sendsMessages: uses.some((u) => u.model.sendsMessages),
    report: () => mergeReports(installed.map((m) => m.report())),
    command(cmd) {
      const id = cmd.type.slice(0, cmd.type.indexOf('.'));
      const model = models.get(id);
      if (!model?.command)
        throw new Error(
          `bad command: ${cmd.type} needs the ${id} model, and this world runs ${ids.join(', ')}`,
        );
      model.command(cmd);
    },
    networkChanged: (cmd, byModel) => installed.forEach((m) => m.networkChanged?.(cmd, byModel)),
    fillNodeUp: (out) => installed.forEach((m) => m.fillNodeUp?.(out)),
    // Each model writes only the nodes it decides about.
    fillNodeLoad: (out) => installed.forEach((m) => m.fillNodeLoad?.(out)),
    inspectNode: (id) => {
      const out: Record<string, object> = {};
      installed.forEach((m, i) => {
        const info = m.inspectNode?.(id);
        if (info && Object.keys(info).length > 0) out[ids[i]] = info;
      });
      return out;
    },
    fillVersion: (out) => installed.forEach((m) => m.fillVersion?.(out)),
  };
}

/** The combiners of the models that need one, fresh for one run (see ObservationCombiner). */
export function observationCombiners(models: readonly SimModel[]): ObservationCombiner[] {
  return models.flatMap((m) => (m.combiner ? [m.combiner()] : []));
}

function mergeReports(reports: ModelReport[]): ModelReport {
  if (reports.length === 1) return reports[0];
  const observations = reports.flatMap((r) => r.observations ?? []);
  const time = (o: unknown) => Number((o as { timeNs?: number }).timeNs ?? 0);
  // A stable sort keeps each model's own order and, at equal times, the install order.
  observations.sort((a, b) => time(a) - time(b));
  return {
    // Network counters that several models include are the same numbers: kept once.
    counters: Object.assign({}, ...reports.map((r) => r.counters)),
    histograms: Object.assign({}, ...reports.map((r) => r.histograms)),
    observations,
  };
}
