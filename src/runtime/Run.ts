/**
 * A run of a scenario across K shards that survives its workers: when a worker throws, hangs
 * or exits, the run reports it, starts fresh workers and replays from the scenario's start to
 * the time it had reached (runs are deterministic, so the replay ends in the same state), then
 * carries on. After `maxRestarts` failures in a row it gives up with a clear error.
 */
import { parseCommand, type SimCommand } from '@sim/models/commands';
import { ReportChecker } from '@sim/invariants/ReportChecker';
import { Coordinator, type MergedSnapshot, type ShardPort, type TimedCommand } from './Coordinator';
import { modelUses, type ModelSpecs } from './models';
import { observationCombiners } from '@sim/model/composeModels';
import type { ScenarioInput } from '@sim/scenario/scenarioSchema';
import type { NodeInspection, SteppedEvent } from './Shard';
import type { ChaosKind } from './shardApi';
import { SupervisedPort, WorkerFailure, type SupervisorOptions } from './SupervisedPort';
import type { WorkerHandle } from './WorkerHandle';

export interface RunOptions {
  scenario: ScenarioInput;
  /** the models the world runs side by side (one, or a list) */
  model: ModelSpecs;
  shards: number;
  /** how to start a worker; without it, shards run on the calling thread */
  makeWorker?: () => WorkerHandle;
  supervisor?: Partial<SupervisorOptions>;
  maxRestarts?: number;
  /** told about every failure, before the restart */
  onFailure?: (failure: WorkerFailure, restartsSoFar: number) => void;
  /** start from a saved point instead of time 0 (see checkpoint.ts): start() replays to it */
  resume?: RunPosition;
  /**
   * check invariants (src/sim/assert.ts) in every shard, and the conservation identities at
   * every snapshot (src/sim/invariants): for tests and the site's assert mode; slower
   */
  assertions?: boolean;
}

/** Where a run stands, as plain data: enough to replay it to the same state (see checkpoint.ts). */
export interface RunPosition {
  /** time reached by completed windows */
  reachedNs: number;
  /** events stepped one at a time since then */
  stepsSinceReached: number;
  /** every command given so far, applied or still waiting, with its time */
  commands: TimedCommand[];
}

const DEFAULT_SUPERVISOR: SupervisorOptions = { callTimeoutMs: 10_000, initTimeoutMs: 60_000 };

export class Run {
  private ports: ShardPort[] = [];
  private coordinator: Coordinator | null = null;
  /** failures recovered from so far */
  restarts = 0;
  private failuresInARow = 0;
  private disposed = false;
  /** time reached by completed windows: a restart replays to here */
  private reachedNs = 0;
  /** events stepped one at a time since `reachedNs`: a restart replays them too */
  private stepsSinceReached = 0;
  private savedLog: TimedCommand[] = [];
  private readonly reports: ReportChecker | null;

  constructor(private readonly options: RunOptions) {
    this.reports = options.assertions
      ? new ReportChecker(modelUses(options.model).map((u) => u.model))
      : null;
    if (options.resume) {
      this.reachedNs = options.resume.reachedNs;
      this.stepsSinceReached = options.resume.stepsSinceReached;
      this.savedLog = [...options.resume.commands];
    }
  }

  /** What the run was made of (its scenario, model and shard count). */
  get definition(): Pick<RunOptions, 'scenario' | 'model' | 'shards'> {
    const { scenario, model, shards } = this.options;
    return { scenario, model, shards };
  }

  /** Where the run stands now, for a checkpoint. */
  position(): RunPosition {
    return {
      reachedNs: this.reachedNs,
      stepsSinceReached: this.stepsSinceReached,
      commands: this.coordinator ? this.coordinator.pendingAndApplied() : [...this.savedLog],
    };
  }

  get now(): number {
    return this.coordinator?.now ?? 0;
  }

  get lookaheadNs(): number {
    return this.coordinator?.lookaheadNs ?? 0;
  }

  get windows(): number {
    return this.coordinator?.windows ?? 0;
  }

  async start(): Promise<void> {
    // withRecovery boots a run that has no coordinator yet (and boots it again after a failure);
    // booting in the work as well built every world twice.
    await this.withRecovery(async () => {});
  }

  /** Runs to `targetNs`, recovering from worker failures on the way. */
  async advanceTo(targetNs: number): Promise<void> {
    await this.withRecovery(async () => {
      await this.coordinator!.runUntil(targetNs);
      this.reachedAt(targetNs);
    });
  }

  /** Runs exactly one event (the earliest in any shard) and describes it; null if none is left. */
  async stepEvent(): Promise<SteppedEvent | null> {
    let event: SteppedEvent | null = null;
    await this.withRecovery(async () => {
      event = await this.coordinator!.stepEvent();
      // A step may first finish windows; the event then lies in the window it began.
      if (this.coordinator!.now !== this.reachedNs) this.reachedAt(this.coordinator!.now);
      if (event) this.stepsSinceReached++;
    });
    return event;
  }

  async stepWindow(): Promise<void> {
    await this.withRecovery(async () => {
      await this.coordinator!.stepWindow();
      this.reachedAt(this.coordinator!.now);
    });
  }

  async snapshot(): Promise<MergedSnapshot> {
    let result: MergedSnapshot | undefined;
    await this.withRecovery(async () => {
      result = await this.coordinator!.snapshot();
      this.reports?.check(result);
    });
    return result!;
  }

  /** What the shard that owns a node knows about it (its access link, an edge's cache). */
  async inspectNode(id: number): Promise<NodeInspection | null> {
    // Read-only: a run not started yet (or disposed of) has nothing to say, and must not be
    // booted by a question that arrives while its start is still under way.
    if (!this.coordinator) return null;
    let result: NodeInspection | null = null;
    await this.withRecovery(async () => {
      result = await this.coordinator!.inspectNode(id);
    });
    return result;
  }

  /**
   * Validates and queues a command; it takes effect at the current simulated time, is kept in
   * the run's command log, and is replayed at that time if the run has to restart.
   */
  command(input: unknown): SimCommand {
    const cmd = parseCommand(input);
    if (!this.coordinator) throw new Error('the run has not started');
    this.coordinator.command(cmd);
    return cmd;
  }

  /** Applies the commands given so far now, without running any event (for a paused run). */
  async applyCommands(): Promise<void> {
    await this.withRecovery(() => this.coordinator!.beginWindow());
  }

  /** Commands that have taken effect, with their times. */
  commandLog(): TimedCommand[] {
    return this.coordinator?.commandLog() ?? [];
  }

  /**
   * Starts the run again at time 0 with every command given so far (applied or remembered for
   * later) queued at its own time: the first half of going back to an earlier moment, which then
   * runs forward to it (rewind.ts). Runs are deterministic, so the replay passes through exactly
   * the states the run passed through. The workers are kept and build their worlds afresh.
   */
  async restartFromZero(): Promise<void> {
    // With assertions on, the reports of the replay start from time 0 again, by design.
    this.reports?.startOver();
    if (!this.coordinator) {
      this.reachedAt(0);
      await this.start();
      return;
    }
    this.savedLog = this.coordinator.pendingAndApplied();
    this.reachedAt(0);
    await this.withRecovery(() => this.boot({ reuseWorkers: true }));
  }

  /** For tests and fuzzing: make one shard's worker fail. */
  async injectChaos(shard: number, kind: ChaosKind): Promise<void> {
    const port = this.ports[shard];
    if (!(port instanceof SupervisedPort)) throw new Error('chaos needs workers');
    await port.chaos(kind).catch(() => {});
  }

  /** Ends the run for good: its workers stop, and a call still pending fails without a restart. */
  dispose(): void {
    this.disposed = true;
    this.closePorts();
  }

  private closePorts(): void {
    for (const p of this.ports) if (p instanceof SupervisedPort) p.dispose();
    this.ports = [];
    this.coordinator = null;
  }

  /**
   * Builds the shards' worlds and replays the saved commands and position. With `reuseWorkers`,
   * healthy workers build their worlds again in place (starting workers costs more than the
   * world); otherwise, and always after a failure, every shard is new.
   */
  private async boot({ reuseWorkers = false } = {}): Promise<void> {
    const log = this.savedLog;
    const reusable =
      reuseWorkers &&
      this.ports.length > 0 &&
      this.ports.every((p) => p instanceof SupervisedPort && !p.failed);
    this.coordinator = null;
    if (reusable) await Promise.all(this.ports.map((p) => (p as SupervisedPort).start()));
    else await this.newPorts();
    const coordinator = new Coordinator(
      this.ports,
      observationCombiners(modelUses(this.options.model).map((u) => u.model)),
    );
    await coordinator.init();
    coordinator.replay(log);
    // Only now, holding the log: a failure from here on saves it from the coordinator again
    // (one that failed in init would have saved an empty log and lost every command).
    this.coordinator = coordinator;
    if (this.reachedNs > 0) await coordinator.runUntil(this.reachedNs);
    for (let i = 0; i < this.stepsSinceReached; i++) await coordinator.stepEvent();
  }

  private async newPorts(): Promise<void> {
    this.closePorts();
    const { scenario, model, shards, makeWorker } = this.options;
    const supervisor = { ...DEFAULT_SUPERVISOR, ...this.options.supervisor };
    // Loaded only when shards run here (tests, the command line): a page runs them in workers,
    // and must not download the whole simulation a second time for its own thread.
    const InProcessPort = makeWorker ? null : (await import('./InProcessPort')).InProcessPort;
    const specs = Array.from({ length: shards }, (_, shard) => ({
      scenario,
      model,
      shard,
      shards,
      assertions: this.options.assertions,
    }));
    this.ports = InProcessPort
      ? await Promise.all(specs.map((spec) => InProcessPort.create(spec)))
      : specs.map((spec) => new SupervisedPort(makeWorker!, spec, supervisor));
    await Promise.all(this.ports.map((p) => (p instanceof SupervisedPort ? p.start() : undefined)));
  }

  private reachedAt(ns: number): void {
    this.reachedNs = ns;
    this.stepsSinceReached = 0;
  }

  private async withRecovery(work: () => Promise<void>): Promise<void> {
    const maxRestarts = this.options.maxRestarts ?? 3;
    for (;;) {
      try {
        if (!this.coordinator) await this.boot();
        await work();
        this.failuresInARow = 0;
        return;
      } catch (error) {
        // A run disposed of while a call was pending (the page reset it) is not a failure to
        // recover from: restarting would bring back workers nobody wants.
        if (this.disposed) throw error;
        const failure = error instanceof WorkerFailure ? error : this.firstFailure();
        if (!failure) throw error;
        this.failuresInARow++;
        this.options.onFailure?.(failure, this.restarts);
        if (this.failuresInARow > maxRestarts) {
          this.closePorts();
          throw new Error(
            `the simulation stopped: ${failure.message}; ${maxRestarts} restarts did not help`,
            { cause: error },
          );
        }
        this.restarts++;
        // Keep every command given so far (applied or still queued) for the replay.
        if (this.coordinator) this.savedLog = this.coordinator.pendingAndApplied();
        this.coordinator = null;
      }
    }
  }

  private firstFailure(): WorkerFailure | null {
    for (const p of this.ports) if (p instanceof SupervisedPort && p.failed) return p.failed;
    return null;
  }
}
