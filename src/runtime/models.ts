/**
 * The models a run's shards install, by name: a shard in a worker receives the names and
 * configurations and builds the models itself from the registry (src/sim/models/registry.ts),
 * so nothing but plain data crosses the boundary.
 */
import type { ModelUse } from '@sim/model/composeModels';
import { modelById, type ModelSpec } from '@sim/models/registry';

/**
 * A model as the runtime takes it: any id and config, checked when a shard installs it (they
 * come from scenario files and URLs too). Labs use ModelSpec, whose config is typed per model.
 */
export interface AnyModelSpec {
  id: string;
  config?: unknown;
}
export type { ModelSpec };
export type { InstalledModel, ModelReport } from '@sim/model/SimModel';

/** One model, or several side by side in the same world. */
export type ModelSpecs = AnyModelSpec | readonly AnyModelSpec[];

/** A lab's models, typed per model: one, or several side by side (the DNS lab's edge servers). */
export type LabModels = ModelSpec | readonly ModelSpec[];

/** The specs as a list. */
export function specList<S extends AnyModelSpec>(specs: S | readonly S[]): readonly S[] {
  return Array.isArray(specs) ? specs : [specs as S];
}

/** The specs as a list, each with its model from the registry (throws on an unknown id). */
export function modelUses(specs: ModelSpecs): ModelUse[] {
  return specList(specs).map((s) => ({ model: modelById(s.id), config: s.config }));
}

/**
 * The specs with this run's configuration in place of their own (a lab run's set-up). For one
 * model, `config` is its configuration; for several, an object with one configuration per model
 * id (`{ bgp: …, overlay: … }`), a model it does not name keeping its own: one value cannot say
 * which of several models it is for.
 */
export function withConfig<S extends AnyModelSpec>(
  specs: S | readonly S[],
  config: unknown,
): S | readonly S[] {
  if (!Array.isArray(specs)) return { ...(specs as S), config };
  const list = specs as readonly S[];
  const byId = config as Record<string, unknown>;
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw new Error(
      `a configuration for several models is one object by model id (${list.map((s) => s.id).join(', ')})`,
    );
  for (const id of Object.keys(byId))
    if (!list.some((s) => s.id === id))
      throw new Error(`a configuration for model ${id}, which this run does not have`);
  return list.map((s) => (s.id in byId ? { ...s, config: byId[s.id] } : s));
}
