/**
 * Advances K shards in conservative time windows. A window is never longer than the lookahead
 * (the least time between an event and a message it hands to another shard), so every message
 * that crosses shards arrives, in a batch at the window's edge, before its time. Windows in
 * which nothing happens are skipped. The windows depend only on the events, never on K, so a
 * run gives the same trace whatever the number of shards.
 */
import type { SimCommand } from '@sim/models/commands';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { Histogram } from '@sim/stats';
import { mergeLogBatches, type LogBatch } from './eventLog';
import { earliestArrival, type MessageBatch } from './messageBatch';
import { mergeInFlight, type InFlightList } from './inFlight';
import { mergeLinkTraffic, type LinkTraffic } from './linkTraffic';
import type { NodeInspection, ShardSnapshot, SteppedEvent, WindowResult } from './Shard';
import type { ObservationCombiner } from '@sim/model/SimModel';

/** A window stepped by hand when the shards are independent (no lookahead bounds it), ns. */
const INDEPENDENT_STEP_NS = 1_000_000;

/** What the coordinator needs from a shard, wherever it runs. */
export interface ShardPort {
  lookaheadNs(): Promise<number>;
  nextEventNs(): Promise<number>;
  runWindow(endNs: number, inbox: MessageBatch[], commands: SimCommand[]): Promise<WindowResult>;
  begin(inbox: MessageBatch[], commands: SimCommand[]): Promise<void>;
  stepEvent(limitNs: number): Promise<SteppedEvent | null>;
  snapshot(): Promise<ShardSnapshot>;
  /** null unless this shard owns the node */
  inspectNode(id: number): Promise<NodeInspection | null>;
}

export interface TimedCommand {
  atNs: number;
  cmd: SimCommand;
}

export interface MergedSnapshot {
  timeNs: number;
  /**
   * events the run has run, each once: an event every shard runs a copy of (Engine.registerKind's
   * `everyShard`) counts once, as in the digest, so the count is the same on any number of shards
   * and one single step (Coordinator.stepEvent) adds one
   */
  executed: number;
  /** when the run's last event ran, ns (-Infinity if none has) */
  lastEventNs: number;
  /** per shard: events run, and wall-clock ms spent running them (how well the work is split) */
  eventsPerShard: number[];
  busyMsPerShard: number[];
  digest: string;
  counters: Record<string, number>;
  /** each distribution merged over the shards */
  histograms: Record<string, Histogram>;
  nodeLoad: Float32Array;
  nodeUp: Uint8Array;
  /** messages delivered or dropped since the previous snapshot, merged and sampled */
  log: LogBatch;
  /** per node id: software version */
  version: Uint16Array;
  /** per-link traffic summed over shards */
  links: LinkTraffic;
  /** messages on their way (small topologies only) */
  inFlight: InFlightList;
  /** network pairs without peering, flattened */
  dePeered: number[];
  /** the model's records since the previous snapshot, all shards' merged in time order */
  observations: unknown[];
}

export class Coordinator {
  private nowNs = 0;
  private lookahead = 0;
  /** no shard can send another anything (see init) */
  private independent = false;
  private next: number[] = [];
  private inboxes: MessageBatch[][];
  /** windows run so far */
  windows = 0;
  /** every command of the run with the time it took effect, in order */
  private readonly log: TimedCommand[] = [];
  private applied = 0;
  /** the current window's commands and messages are already in the shards (by stepEvent) */
  private begun = false;
  /** a single event has run in the current window */
  private stepped = false;
  /**
   * @param combiners the run's models' combiners, which fold the shards' shares of a result
   *   (a rollout Monte Carlo) into one (see SimModel.combiner)
   */
  constructor(
    private readonly ports: ShardPort[],
    private readonly combiners: readonly ObservationCombiner[] = [],
  ) {
    this.inboxes = ports.map(() => []);
  }

  get now(): number {
    return this.nowNs;
  }

  async init(): Promise<void> {
    const looks = await Promise.all(this.ports.map((p) => p.lookaheadNs()));
    // Shards whose model sends no messages report an infinite lookahead: nothing can cross, so
    // a run needs no windows; stepping a "window" by hand then moves one nominal millisecond.
    this.independent = looks.every((l) => l === Infinity);
    this.lookahead = this.independent ? INDEPENDENT_STEP_NS : Math.min(...looks);
    if (!(this.lookahead >= 1))
      throw new Error(
        `lookahead must be at least 1 ns, got ${this.lookahead}: give the backbone a hop latency`,
      );
    this.next = await Promise.all(this.ports.map((p) => p.nextEventNs()));
  }

  get lookaheadNs(): number {
    return this.lookahead;
  }

  /**
   * Queues a command to take effect now, at the start of the next window. Commands queued for
   * later (a run gone back to an earlier moment remembers them, see rewind.ts) are dropped: a
   * change made at an earlier moment starts a new future, which they do not belong to.
   */
  command(cmd: SimCommand): void {
    this.forgetAfter(this.nowNs);
    this.log.push({ atNs: this.nowNs, cmd });
  }

  /** Drops the commands queued for after `t` (none are, unless the run went back). */
  private forgetAfter(t: number): void {
    let keep = this.log.length;
    while (keep > this.applied && this.log[keep - 1].atNs > t) keep--;
    this.log.length = keep;
  }

  /** Queues commands recorded earlier (a replay); they take effect at their recorded times. */
  replay(log: readonly TimedCommand[]): void {
    for (const entry of log) {
      if (entry.atNs < this.nowNs) {
        throw new Error(`command at ${entry.atNs} ns is in the past (now ${this.nowNs} ns)`);
      }
      this.log.push(entry);
    }
    this.log.sort((a, b) => a.atNs - b.atNs);
  }

  /** Every command given, applied or still waiting for its window. */
  pendingAndApplied(): TimedCommand[] {
    return [...this.log];
  }

  /** The commands that have taken effect so far, with their times. */
  commandLog(): TimedCommand[] {
    return this.log.slice(0, this.applied);
  }

  /** Runs every event before `targetNs` in all shards; leaves every shard's clock at `targetNs`. */
  async runUntil(targetNs: number): Promise<void> {
    if (targetNs < this.nowNs)
      throw new Error(`cannot run back to ${targetNs} ns from ${this.nowNs} ns`);
    while (this.nowNs < targetNs) {
      // A window never jumps over a pending command: one must start exactly at its time.
      const nextCommand = this.applied < this.log.length ? this.log[this.applied].atNs : Infinity;
      const start = Math.max(this.nowNs, Math.min(this.earliestPending(), targetNs, nextCommand));
      // The window ends at the first command after now, even when one is due now (a replay
      // holds commands at several times; it once ran past the later ones). After now, not after
      // the window's start: a start moved up to an idle world's next event may lie past a
      // command, and the window must first stop at the command's time, so that the shards'
      // clocks stand there when it applies, as they did when it was given.
      const cut = this.firstCommandAfter(this.nowNs);
      // One shard hands nothing to anyone: it can run to the target (or the next command) at once.
      const length = this.ports.length === 1 || this.independent ? Infinity : this.lookahead;
      await this.runWindow(Math.min(start + length, targetNs, cut));
    }
  }

  /**
   * Runs exactly one event, the earliest in any shard (same-time events in different shards
   * cannot affect each other within a window, so any of them may go first), and describes it.
   * Finishes windows on the way when the current one has nothing left. Null if nothing is
   * pending at all. An event every shard has a copy of is one step: the other shards' copies
   * run, uncounted, at the steps after it (so the map may lag it by one step on those shards).
   */
  async stepEvent(): Promise<SteppedEvent | null> {
    for (;;) {
      await this.beginWindow();
      const next = await Promise.all(this.ports.map((p) => p.nextEventNs()));
      const first = next.indexOf(Math.min(...next));
      if (next[first] === Infinity) return null;
      const limit = this.nowNs + this.lookahead;
      if (next[first] < limit) {
        this.stepped = true;
        const event = await this.ports[first].stepEvent(limit);
        // Another shard's copy of an event every shard runs (the rollout's): shard 0's, the one
        // counted, ran first (ties go to the lowest shard), so this one is no step of its own.
        if (event?.everyShard && first !== 0) continue;
        return event;
      }
      await this.runWindow(Math.max(limit, Math.min(...next)));
    }
  }

  /**
   * Starts the current window without running it: the commands due now take effect and the
   * shards take in their messages. A paused run shows a command's effect at once this way.
   */
  async beginWindow(): Promise<void> {
    // Once single steps have run inside this window, a command given now waits for the next
    // window: its logged time is a window start, where a replay will apply it. Before any step,
    // more commands given while paused still apply at this window's start, as in a replay
    // (no event has run since, so applying them now or together with the first is the same).
    if (this.begun) {
      const due = this.stepped ? [] : this.takeDueCommands();
      if (due.length > 0) await Promise.all(this.ports.map((p) => p.begin([], due)));
      return;
    }
    const inboxes = this.inboxes;
    this.inboxes = this.ports.map(() => []);
    const due = this.takeDueCommands();
    await Promise.all(this.ports.map((p, i) => p.begin(inboxes[i], due)));
    this.begun = true;
  }

  /** Runs exactly one window from now (for stepping by window in the UI). */
  async stepWindow(): Promise<void> {
    await this.runWindow(this.nowNs + this.lookahead);
  }

  async snapshot(): Promise<MergedSnapshot> {
    const parts = await Promise.all(this.ports.map((p) => p.snapshot()));
    const merged = mergeSnapshots(parts);
    for (const combine of this.combiners) merged.observations = combine(merged.observations);
    return merged;
  }

  /** Asks the shard that owns a node about it (the others answer null). */
  async inspectNode(id: number): Promise<NodeInspection | null> {
    const answers = await Promise.all(this.ports.map((p) => p.inspectNode(id)));
    return answers.find((a) => a !== null) ?? null;
  }

  private firstCommandAfter(t: number): number {
    let i = this.applied;
    while (i < this.log.length && this.log[i].atNs <= t) i++;
    return i < this.log.length ? this.log[i].atNs : Infinity;
  }

  private takeDueCommands(): SimCommand[] {
    const due: SimCommand[] = [];
    while (this.applied < this.log.length && this.log[this.applied].atNs <= this.nowNs) {
      due.push(this.log[this.applied++].cmd);
    }
    return due;
  }

  private earliestPending(): number {
    let t = Math.min(...this.next);
    for (const inbox of this.inboxes) for (const b of inbox) t = Math.min(t, earliestArrival(b));
    return t;
  }

  private async runWindow(end: number): Promise<void> {
    const inboxes = this.inboxes;
    this.inboxes = this.ports.map(() => []);
    const due: SimCommand[] = [];
    while (this.applied < this.log.length && this.log[this.applied].atNs <= this.nowNs)
      due.push(this.log[this.applied++].cmd);
    const results = await Promise.all(this.ports.map((p, i) => p.runWindow(end, inboxes[i], due)));
    results.forEach((r, from) => {
      this.next[from] = r.nextEventNs;
      r.outboxes.forEach((batch, to) => {
        if (batch.types.length > 0) this.inboxes[to].push(batch);
      });
    });
    this.nowNs = end;
    this.windows++;
    this.begun = false;
    this.stepped = false;
  }
}

export function mergeSnapshots(parts: ShardSnapshot[]): MergedSnapshot {
  const digest = new TraceDigest();
  const counters: Record<string, number> = {};
  const n = parts[0].nodeLoad.length;
  // A lone shard's arrays are already the whole world's (and its own, made for this snapshot):
  // summing them into copies cost the main thread ~3 ms a frame at the 2009 scale.
  const alone = parts.length === 1;
  const nodeLoad = alone ? parts[0].nodeLoad : new Float32Array(n);
  const nodeUp = alone ? parts[0].nodeUpOwned : new Uint8Array(n);
  const histograms: Record<string, Histogram> = {};
  for (const p of parts) {
    for (const [k, h] of Object.entries(p.histograms)) {
      const part = Histogram.fromSnapshot(h);
      if (histograms[k]) histograms[k].merge(part);
      else histograms[k] = part;
    }
    digest.merge(TraceDigest.fromPlain(p.digest));
    for (const [k, v] of Object.entries(p.counters)) counters[k] = (counters[k] ?? 0) + v;
    if (!alone)
      for (let i = 0; i < n; i++) {
        nodeLoad[i] += p.nodeLoad[i];
        nodeUp[i] |= p.nodeUpOwned[i];
      }
  }
  return {
    // After a single step one shard is ahead of the others: show the latest.
    timeNs: Math.max(...parts.map((p) => p.timeNs)),
    executed: digest.count,
    lastEventNs: Math.max(...parts.map((p) => p.lastEventNs)),
    eventsPerShard: parts.map((p) => p.executed),
    busyMsPerShard: parts.map((p) => p.busyMs),
    digest: digest.toString(),
    counters,
    histograms,
    nodeLoad,
    nodeUp,
    log: mergeLogBatches(
      parts.map((p) => p.log),
      LOG_CAPACITY,
    ),
    // Every shard holds every node's version (see ShardSnapshot.version).
    version: parts[0].version,
    links: mergeLinkTraffic(parts.map((p) => p.links)),
    inFlight: mergeInFlight(parts.map((p) => p.inFlight)),
    dePeered: parts[0].dePeered,
    observations: mergeObservations(parts.map((p) => p.observations ?? [])),
  };
}

/** Most model observations one merged snapshot carries (the latest are kept). */
const OBSERVATION_CAPACITY = 5000;

/**
 * Shards' observations in time order (each shard's are already in order; equal times keep shard
 * order, so the result does not depend on which part finished first), the latest kept.
 */
function mergeObservations(parts: unknown[][]): unknown[] {
  const all = parts.flat();
  if (parts.length > 1) {
    const time = (o: unknown) => Number((o as { timeNs?: number }).timeNs ?? 0);
    all.sort((a, b) => time(a) - time(b));
  }
  return all.length > OBSERVATION_CAPACITY ? all.slice(-OBSERVATION_CAPACITY) : all;
}

/** Most log entries one merged snapshot carries to the main thread. */
const LOG_CAPACITY = 200;
