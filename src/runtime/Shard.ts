/**
 * One shard of a run: a full copy of the world's read-only data, and the live state of the
 * nodes it owns. It advances window by window; messages that reach a link another shard owns
 * leave in its outboxes and arrive through the other shard's inbox before their time.
 *
 * Plain TypeScript with no worker API: the same class runs in-process (tests, one worker) and
 * inside Web Workers or Node worker threads.
 */
import { applyCommand, isWorldCommand, type SimCommand } from '@sim/models/commands';
import type { WorldCommand } from '@sim/worldCommands';
import { TraceDigest } from '@sim/engine/TraceDigest';
import type { EventObserver } from '@sim/engine/Engine';
import { setAssertionsEnabled } from '@sim/assert';
import type { HistogramSnapshot } from '@sim/stats';
import { buildWorld, type World } from '@sim/scenario/buildWorld';
import { parseScenario, type ScenarioInput } from '@sim/scenario/scenarioSchema';
import type { LinkInfo } from '@sim/net/Network';
import { EventLogBuffer, type LogBatch } from './eventLog';
import { IN_FLIGHT_CAPACITY, packInFlight, type InFlightList } from './inFlight';
import { collectLinkTraffic, type LinkTraffic } from './linkTraffic';
import { BatchBuilder, emptyBatch, unpackBatch, type MessageBatch } from './messageBatch';
import {
  composeModels,
  loadInstalls,
  type ComposedModels,
  type LoadedModelUse,
} from '@sim/model/composeModels';
import { modelUses, type ModelSpecs } from './models';
import { partitionByRegion } from './partition';

export interface ShardSpec {
  scenario: ScenarioInput;
  /** the models the world runs side by side (one, or a list) */
  model: ModelSpecs;
  shard: number;
  shards: number;
  /** turn on the expensive invariant checks (src/sim/assert.ts) in this shard's thread */
  assertions?: boolean;
}

export interface WindowResult {
  /** messages for each shard (by index; this shard's own entry is empty) */
  outboxes: MessageBatch[];
  /** time of this shard's next event after the window, or Infinity */
  nextEventNs: number;
}

/** One event, as the time controls show it after a single step. */
export interface SteppedEvent {
  timeNs: number;
  origin: number;
  target: number;
  kind: string;
  /** for network events, the message type */
  detail: string;
  /** an every-shard kind: each shard of a split run has a copy of this event */
  everyShard: boolean;
}

export interface ShardSnapshot {
  shard: number;
  timeNs: number;
  executed: number;
  /** when this shard's last event ran, ns (-Infinity if none has): for going one event back */
  lastEventNs: number;
  /** wall-clock milliseconds this shard has spent running windows and steps (not waiting) */
  busyMs: number;
  digest: { lane1: number; lane2: number; count: number };
  counters: Record<string, number>;
  histograms: Record<string, HistogramSnapshot>;
  /** per node id (whole topology); non-owned nodes are 0 */
  nodeLoad: Float32Array;
  /** messages delivered or dropped, and the models' events, since the previous snapshot (sampled when many) */
  log: LogBatch;
  /** 1 for owned nodes that are up (to the network and to the model), 0 otherwise */
  nodeUpOwned: Uint8Array;
  /**
   * per node id: the software version it runs (from 1). Every shard knows every node's version
   * (changed only by commands, which every shard applies), so one shard's copy is enough.
   */
  version: Uint16Array;
  /** traffic of the links this shard has used */
  links: LinkTraffic;
  /** messages on their way (tracked only for small topologies, see IN_FLIGHT_MAX_NODES) */
  inFlight: InFlightList;
  /** network pairs without peering, flattened (every shard agrees) */
  dePeered: number[];
  /** the model's records since the previous snapshot (see ModelReport.observations) */
  observations?: unknown[];
}

/** One node as the node inspector shows it: asked of the shard that owns it. */
export interface NodeInspection {
  node: number;
  accessLink: LinkInfo;
  /**
   * what each model knows about the node, by model id, in the model's own type (e.g. the
   * delivery model's DeliveryNodeInfo, the DNS model's DnsNodeInfo)
   */
  byModel: Record<string, object>;
}

/** Topologies up to this many nodes keep their messages in flight, for the packet overlay. */
export const IN_FLIGHT_MAX_NODES = 200;

export class Shard {
  readonly world: World;
  private readonly model: ComposedModels;
  private readonly outboxes: BatchBuilder[];
  private readonly digest = new TraceDigest();
  /** adds an event to the trace digest (see eventCounter) */
  private readonly countEvent: EventObserver;
  private readonly owned: Int32Array;
  private readonly log = new EventLogBuffer();
  private busyMs = 0;
  /** per node id: its software version (all 1 until a rollout changes them) */
  private readonly version: Uint16Array;

  /** A shard of the run `spec` describes, its models' install code loaded first. */
  static async create(spec: ShardSpec): Promise<Shard> {
    return new Shard(spec, await loadInstalls(modelUses(spec.model)));
  }

  private constructor(
    readonly spec: ShardSpec,
    models: readonly LoadedModelUse[],
  ) {
    // Before the world is built: its parts read the switch once, when they are made. The switch
    // is the process's, so a shard sets it both ways: a world must not inherit the checks (and
    // the ledger's shard-dependent counters) of a run this process hosted before.
    setAssertionsEnabled(spec.assertions === true);
    const scenario = parseScenario(spec.scenario);
    this.world = buildWorld(scenario);
    const partition = partitionByRegion(this.world.topology, spec.shards);
    const mine = (id: number) => partition.shardOfNode[id] === spec.shard;
    this.owned = Int32Array.from(
      this.world.topology.nodes.filter((n) => mine(n.id)).map((n) => n.id),
    );
    this.outboxes = Array.from({ length: spec.shards }, () => new BatchBuilder());
    if (spec.shards > 1) {
      this.world.network.setSharding({
        myShard: spec.shard,
        shardOfNode: partition.shardOfNode,
        handoff: (shard, t, msg) => this.outboxes[shard].add(t, msg),
      });
    }
    this.countEvent = this.eventCounter();
    this.world.engine.observe(this.countEvent);
    this.world.network.onTrace((msg, outcome, where) =>
      this.log.add(this.world.engine.now, msg, outcome, where),
    );
    this.model = composeModels(this.world, models, {
      ownsNode: mine,
      changeWorld: (cmd, byModel) => this.changeWorld(cmd, byModel),
      log: (model, entry) => this.log.addEvent(model, entry),
    });
    this.version = new Uint16Array(this.world.topology.nodes.length).fill(1);
    if (this.world.topology.nodes.length <= IN_FLIGHT_MAX_NODES)
      this.world.network.trackInFlight(true);
  }

  /** The longest window that no hand-off can cross. */
  lookaheadNs(): number {
    // Without messages between shards, any window is safe (checked in runWindow).
    return this.model.sendsMessages ? this.world.network.minHandoffDelayNs() : Infinity;
  }

  nextEventNs(): number {
    return this.world.engine.nextEventTime();
  }

  /**
   * Applies the commands due now, takes in messages from other shards, runs every event before
   * `endNs`, and returns what leaves.
   */
  runWindow(endNs: number, inbox: MessageBatch[], commands: SimCommand[] = []): WindowResult {
    const started = performance.now();
    this.begin(inbox, commands);
    // Single steps may already have carried this shard past `endNs` (never past the window
    // they were taken in, so nothing it sent can be late): then there is nothing to run.
    if (endNs > this.world.engine.now) this.world.engine.runUntil(endNs);
    this.busyMs += performance.now() - started;
    if (!this.model.sendsMessages && this.outboxes.some((b) => b.size > 0))
      throw new Error(
        `the ${this.model.ids.join(' and ')} model said it sends no messages, yet one left shard ${this.spec.shard}: windows without a lookahead would deliver it late`,
      );
    return {
      outboxes: this.outboxes.map((b, i) =>
        i === this.spec.shard || b.size === 0 ? emptyBatch() : b.take(),
      ),
      nextEventNs: this.nextEventNs(),
    };
  }

  /**
   * Starts a window without running it: applies the commands due now (the same instant in every
   * shard) and takes in messages from other shards.
   */
  begin(inbox: MessageBatch[], commands: SimCommand[]): void {
    for (const cmd of commands) {
      if (isWorldCommand(cmd)) this.changeWorld(cmd);
      else this.model.command(cmd);
    }
    for (const batch of inbox) unpackBatch(batch, (t, msg) => this.world.network.receive(t, msg));
  }

  /**
   * The observer that adds this shard's events to its trace digest. Events that every shard runs
   * (Engine.registerKind's `everyShard`) count in shard 0 alone, so the run's digest, the sum of
   * the shards', is the same for any number of shards.
   */
  private eventCounter(): EventObserver {
    const all = this.digest.observer;
    if (this.spec.shard === 0) return all;
    const engine = this.world.engine;
    return (time, origin, seq, target, kind, arg, payload) => {
      if (!engine.isEveryShardKind(kind)) all(time, origin, seq, target, kind, arg, payload);
    };
  }

  /** Applies a world change (a command, or a model's own change) and tells every model. */
  private changeWorld(cmd: WorldCommand, byModel?: string): void {
    applyCommand(this.world, cmd);
    this.model.networkChanged(cmd, byModel);
  }

  /**
   * Runs exactly one event if one is due before `limitNs`, and describes it; the messages it
   * hands to other shards wait in the outboxes for the window's end.
   */
  stepEvent(limitNs: number): SteppedEvent | null {
    const engine = this.world.engine;
    if (!(engine.nextEventTime() < limitNs)) return null;
    let seen: SteppedEvent | null = null;
    const digest = this.countEvent;
    engine.observe((time, origin, seq, target, kind, arg, payload) => {
      digest(time, origin, seq, target, kind, arg, payload);
      const msg = payload as { type?: string } | undefined;
      seen = {
        timeNs: time,
        origin,
        target,
        kind: engine.kindName(kind),
        detail: msg?.type ?? '',
        everyShard: engine.isEveryShardKind(kind),
      };
    });
    engine.step();
    engine.observe(digest);
    return seen;
  }

  snapshot(): ShardSnapshot {
    const { engine, network, topology } = this.world;
    const nodeLoad = new Float32Array(topology.nodes.length);
    this.model.fillNodeLoad(nodeLoad);
    // A model that changes software versions (a rollout) writes every node's; others leave 1.
    this.model.fillVersion(this.version);
    const nodeUpOwned = new Uint8Array(topology.nodes.length);
    network.copyNodeUp(this.owned, nodeUpOwned);
    // A model whose nodes fail without the network knowing (the rollout's crashes) adds them.
    this.model.fillNodeUp(nodeUpOwned);
    return {
      shard: this.spec.shard,
      timeNs: engine.now,
      executed: engine.executed,
      lastEventNs: engine.lastEventTime,
      busyMs: this.busyMs,
      digest: this.digest.toPlain(),
      ...this.model.report(),
      log: this.log.take(),
      nodeLoad,
      nodeUpOwned,
      version: this.version.slice(),
      links: collectLinkTraffic(network),
      inFlight: packInFlight(network.messagesInFlight(IN_FLIGHT_CAPACITY)),
      dePeered: network.dePeeredPairs(),
    };
  }

  /** A node this shard owns, for the node inspector; null if another shard owns it. */
  inspectNode(id: number): NodeInspection | null {
    if (!this.ownsNode(id)) return null;
    return {
      node: id,
      accessLink: this.world.network.accessLinkInfo(id),
      byModel: this.model.inspectNode(id),
    };
  }

  private ownsNode(id: number): boolean {
    // `owned` is ascending: binary search.
    let lo = 0;
    let hi = this.owned.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.owned[mid] === id) return true;
      if (this.owned[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
