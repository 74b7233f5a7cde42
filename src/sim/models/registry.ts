/**
 * Every model a world can run, by id: the one list the runtime, the commands and the views take
 * models from. A new model is a folder beside these and a line here (its position does not
 * matter: a world registers its models in the order its scenario lists them).
 */
import type * as v from 'valibot';
import type { SimModel } from '../model/SimModel';
import { bgpModel } from './bgp/model';
import { deliveryModel } from './delivery/model';
import { dnsModel } from './dns/model';
import { overlayModel } from './overlay/model';
import { pageloadModel } from './pageload/model';
import { probeModel } from './probe/model';
import { rolloutModel } from './rollout/model';
import { tcpModel } from './tcp/model';

export const MODELS = [
  probeModel,
  deliveryModel,
  dnsModel,
  tcpModel,
  rolloutModel,
  bgpModel,
  overlayModel,
  pageloadModel,
] as const;

type Registered = (typeof MODELS)[number];
export type ModelId = Registered['id'];

/** A model a world runs, with its configuration (input form: defaults may be left out). */
export type ModelSpec = {
  [M in Registered as M['id']]: { id: M['id']; config?: v.InferInput<M['config']> };
}[ModelId];

/** The schemas of every model's commands (the command union is built from them). */
export type ModelCommandSchema = Registered['commands'][number];

const byId = new Map<string, SimModel>(MODELS.map((m) => [m.id, m as unknown as SimModel]));

/**
 * Adds a model defined elsewhere (a test's, an extension's) to this thread's registry, so that
 * worlds built here can run it and its commands are accepted. Workers load the built-in list
 * only: a model that must run in workers belongs in MODELS.
 */
export function registerModel(model: SimModel): void {
  if (byId.has(model.id)) throw new Error(`a model with id '${model.id}' is already registered`);
  byId.set(model.id, model);
}

/** Whether the model is one of MODELS (its commands are in the static command schema). */
export function isBuiltInModel(id: string): boolean {
  return MODELS.some((m) => m.id === id);
}

/** The model with this id; throws naming the known ones. */
export function modelById(id: string): SimModel {
  const model = byId.get(id);
  if (!model) throw new Error(`unknown model '${id}'; known: ${[...byId.keys()].join(', ')}`);
  return model;
}

/** The model a command or message type belongs to, by its `<id>.` prefix; undefined if none. */
export function modelOfType(type: string): SimModel | undefined {
  const dot = type.indexOf('.');
  return dot < 0 ? undefined : byId.get(type.slice(0, dot));
}
