/**
 * The model contract: what a model of the CDN (delivery, DNS, TCP, rollout…) tells the rest of
 * Edge Lab about itself, so that the runtime, the labs and the views can run and show it without
 * knowing it by name. A new model is a folder under src/sim/models/ that exports one SimModel,
 * and a line in src/sim/models/registry.ts.
 *
 * The contract lives in the simulation layer and holds plain data and functions only: shards run
 * it inside workers, and everything a model says to the runtime crosses as structured clones.
 */
import * as v from 'valibot';
import type { World } from '../scenario/buildWorld';
import type { HistogramSnapshot } from '../stats/Histogram';
import type { WorldCommand } from '../worldCommands';

/** What the shard tells a model when it installs it. */
export interface ModelContext {
  /** whether this shard runs the node (its processes, its state): start nothing for the others */
  ownsNode(id: number): boolean;
  /**
   * The in-shard services (`InstalledModel.services`) of another model of the same world, for
   * models that use each other (the delivery model's clients resolve through the DNS model).
   * Typed at the use site: `context.peer<DnsServices>('dns')`, importing only the type. The
   * world's models are installed in the scenario's order, so a peer can be asked for only once
   * all are installed: in `ready()` or at first use in an event. Throws if the world does not
   * run that model, if it offers no services, or if asked during install.
   */
  peer<Services extends object>(id: string): Services;
  /**
   * Changes the world itself, as the world command `cmd` would, now (a software release crashing
   * a server takes it out of service for every model). The shard applies it and tells every
   * model through `networkChanged(cmd, byModel)`. Only a model whose state is the same in every
   * shard may call it, at the same simulated instant in every shard (from an event of a kind
   * registered with `everyShard`), so the world stays the same in all of them.
   */
  changeWorld(cmd: WorldCommand): void;
  /**
   * Writes one entry in the event log (see ModelLogEntry), when something reads the log (a
   * shard does; a unit test that installs a model alone may not give it: then building the entry
   * can be skipped, `context.log?.(…)`). Logging only records: it must change nothing in the run
   * (no random draw, no event). The entry is kept as given, so its arrays must not be reused.
   */
  log?(entry: ModelLogEntry): void;
}

/** The values of a log entry, worded by the page (ModelWords.logKinds): plain data. */
export type ModelLogFields = Readonly<
  Record<string, string | number | boolean | null | readonly (string | number)[]>
>;

/**
 * One notable event of a model for the event log (a DNS query, a rollout phase, a server's crash,
 * a TCP retransmission, a BGP update): plain data, with no words, so that a model builds no text
 * for events nobody reads. The page words it from the model's `words.logKinds`.
 */
export interface ModelLogEntry {
  /** simulated time of the event, ns (a model on a private engine gives its own clock's) */
  timeNs: number;
  /** `<model id>.<what>`, e.g. `dns.query`, `rollout.phase`, `tcp.retransmit` */
  kind: string;
  /** the nodes it concerns (the map selects them), first the one it happened at; may be empty */
  nodes: readonly number[];
  fields: ModelLogFields;
}

export interface ModelReport {
  /** summable counters of this shard's part of the run */
  counters: Record<string, number>;
  /** distributions (latencies…) of this shard's part, merged across shards by the runtime */
  histograms: Record<string, HistogramSnapshot>;
  /**
   * plain-data records (each with a time `timeNs`) of what happened since the previous report,
   * for labs; merged across shards in time order by the runtime
   */
  observations?: unknown[];
}

/** A model running in one shard: what the shard asks of it. */
export interface InstalledModel<Command = never> {
  report(): ModelReport;
  /**
   * what the model offers the other models of its world in the same shard (see
   * ModelContext.peer): plain functions over this shard's part of the model
   */
  services?: object;
  /**
   * called once, in install order, when all of the world's models are installed: the first
   * moment `context.peer` answers (a model that hands another a callback does it here)
   */
  ready?(): void;
  /** one of the model's own commands, applied at a window start in every shard */
  command?(cmd: Command): void;
  /**
   * a world change (a failure, loss on links…) every shard has just applied: a command given to
   * the run, or, with `byModel`, a change that model made (ModelContext.changeWorld). A model
   * reacts to both; it records only commands among its observations (the sandbox's chart marks).
   */
  networkChanged?(cmd: WorldCommand, byModel?: string): void;
  /**
   * marks owned nodes that the model itself has down (a crashed server restarting…) with 0;
   * `out` already holds the network's view (1 up, 0 failed), which the model may only lower
   */
  fillNodeUp?(out: Uint8Array): void;
  /** writes each owned node's load (0 idle, 1 at capacity) */
  fillNodeLoad?(out: Float32Array): void;
  /** what the model knows about one owned node, for the node inspector (plain data) */
  inspectNode?(id: number): object;
  /**
   * writes the software version of the nodes whose version the model decides; every shard must
   * write the same values (the runtime keeps one shard's copy)
   */
  fillVersion?(out: Uint16Array): void;
}

/** A command's schema: an object whose `type` is the literal `<model id>.<verb>`. */
export type CommandSchema = v.ObjectSchema<
  { readonly type: v.LiteralSchema<string, undefined> } & v.ObjectEntries,
  undefined
>;

/**
 * How a view draws one of the model's network messages on the map. `dnsMessage`: one type for
 * both ways, told apart by the roles at its ends.
 */
export type MessageLook =
  | 'request'
  | 'response'
  | 'fetch'
  | 'object'
  | 'dnsQuery'
  | 'dnsAnswer'
  | 'dnsMessage'
  | 'connect'
  | 'other';

/** The words the views need about a model, so that no view keeps a list of its own. */
export interface ModelWords {
  /** how each network message type the model sends is drawn on the map */
  messageLooks?: Readonly<Record<string, MessageLook>>;
  /**
   * observations worth a sentence in the live narration (for screen-reader users), by type, and
   * how to say one and several ({n} is the count); frequent low-level records are left out
   */
  narrated?: Readonly<Record<string, readonly [one: string, several: string]>>;
  /** how the event log words each kind of the model's log entries (ModelContext.log) */
  logKinds?: Readonly<Record<string, LogKindWords>>;
}

/** How the event log names one kind of log entry and says one entry in words. */
export interface LogKindWords {
  /** the kind in a few words, for the log's filter, e.g. 'DNS query' */
  label: string;
  /** one entry in a short sentence, from its fields alone (names come from the nodes column) */
  text(fields: ModelLogFields): string;
}

/**
 * Folds the shards' shares of a result into one, on the coordinator: it sees every merged
 * snapshot's observations in order and returns them with its parts replaced by the whole (a
 * Monte Carlo split over shards). One instance per run: it may hold parts until all arrive.
 */
export type ObservationCombiner = (observations: unknown[]) => unknown[];

/** Identities a model's counters keep at every report, checked when assertions are on. */
export interface ModelInvariants {
  /** the identities that do not hold, in words (empty when all hold) */
  violations(counters: Readonly<Record<string, number>>): string[];
  /** the counters that only grow (gauges such as in-flight counts are left out) */
  cumulative?: RegExp;
}

/**
 * Sets a model up in one shard's world: its processes on the nodes the shard owns, its handlers.
 * Written as a method's type so that a model with its own config type still counts as a
 * SimModel in lists of models (methods' parameters are compared both ways; plain functions'
 * are not).
 */
export type ModelInstall<Config extends v.GenericSchema = v.GenericSchema, Command = never> = {
  install(
    world: World,
    context: ModelContext,
    config: v.InferOutput<Config>,
  ): InstalledModel<Command>;
}['install'];

export interface SimModel<
  Id extends string = string,
  Config extends v.GenericSchema = v.GenericSchema,
  Commands extends readonly CommandSchema[] = readonly CommandSchema[],
> {
  readonly id: Id;
  /** what the model simulates, in a sentence (error messages, docs) */
  readonly summary: string;
  /** the model's configuration; a bad one is refused with a message naming the field */
  readonly config: Config;
  /** the model's commands, each type `<id>.<verb>` */
  readonly commands: Commands;
  /** the network message types it sends and receives, each `<id>.<name>`; the network hands it these */
  readonly messageTypes: readonly string[];
  /**
   * false: the model never sends a message over the network (its traffic crosses private
   * paths), so no shard can affect another through it. When no model of a world sends
   * messages, the coordinator need not cut the run into look-ahead windows.
   */
  readonly sendsMessages: boolean;
  /**
   * Loads the code that installs the model in a shard (a ModelInstall, in a module of its own).
   * Loaded apart from the rest of the model, so that a page, which validates commands and reads
   * the model's words but runs its shards in workers, never downloads it.
   */
  loadInstall(): Promise<ModelInstall<Config, v.InferOutput<Commands[number]>>>;
  /** a fresh combiner for one run, if the model's results come in shares (see ObservationCombiner) */
  combiner?(): ObservationCombiner;
  readonly words?: ModelWords;
  readonly invariants?: ModelInvariants;
}

/**
 * Declares a model, checking the naming rules the registry relies on: commands and message
 * types start with the model's id, so that a command or message finds its model by prefix.
 */
export function defineModel<
  Id extends string,
  Config extends v.GenericSchema,
  const Commands extends readonly CommandSchema[],
>(model: SimModel<Id, Config, Commands>): SimModel<Id, Config, Commands> {
  const prefix = `${model.id}.`;
  for (const c of model.commands) {
    const type = c.entries.type.literal;
    if (!type.startsWith(prefix))
      throw new Error(`model ${model.id}: command ${type} must start with '${prefix}'`);
  }
  for (const t of model.messageTypes)
    if (!t.startsWith(prefix))
      throw new Error(`model ${model.id}: message type ${t} must start with '${prefix}'`);
  for (const k of Object.keys(model.words?.logKinds ?? {}))
    if (!k.startsWith(prefix))
      throw new Error(`model ${model.id}: log kind ${k} must start with '${prefix}'`);
  for (const t of Object.keys(model.words?.messageLooks ?? {}))
    if (!model.messageTypes.includes(t))
      throw new Error(`model ${model.id}: words name message type ${t}, which it does not send`);
  return model;
}

/** The model's config from plain input; throws an Error naming the model and the bad field. */
export function parseModelConfig<M extends SimModel>(
  model: M,
  input: unknown,
): v.InferOutput<M['config']> {
  const r = v.safeParse(model.config, input ?? {});
  if (r.success) return r.output as v.InferOutput<M['config']>;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(the whole config)';
  throw new Error(`bad ${model.id} config: ${path}: ${issue.message}`);
}

/** One of the model's own commands from plain input; throws an Error naming the bad field. */
export function parseModelCommand<M extends SimModel>(
  model: M,
  input: unknown,
): v.InferOutput<M['commands'][number]> {
  const r = v.safeParse(v.variant('type', model.commands), input);
  if (r.success) return r.output as v.InferOutput<M['commands'][number]>;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'command';
  throw new Error(`bad ${model.id} command: ${path}: ${issue.message}`);
}
