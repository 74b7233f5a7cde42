/**
 * The live simulation behind a page: a Run across Web Workers, paced by the animation frame.
 * Each frame it advances simulated time by speed × elapsed wall time, then takes one merged
 * snapshot; as fast as possible, it keeps the workers busy without waiting for frames. The
 * pacing itself is the runtime's (src/runtime/pacing.ts); this class adds the page's loop and
 * state. The UI reads `frame` and the status fields; it acts through the methods.
 */
import type { TimedCommand } from '@runtime/Coordinator';
import type { RuntimeFrame } from '@runtime/frame';
import { withConfig, type ModelSpecs } from '@runtime/models';
import { Run } from '@runtime/Run';
import type { NodeInspection, SteppedEvent } from '@runtime/Shard';
import { browserShardWorker } from '@runtime/WorkerHandle';
import { Pacer, RateMeter } from '@runtime/pacing';
import { momentBeforeLastEvent, reachableOnward, travelTo, type RunMoment } from '@runtime/rewind';
import { TimelineState } from './timelineState.svelte';
import { forkAt, runOf, type Fork } from '@runtime/fork';
import { CompareRun } from './compareRun.svelte';
import { FrameTimes } from './frameTimes';
import { assertMode } from '../fuzz/assertMode';
import type { ScenarioInput } from '@sim/scenario/scenarioSchema';

export type SessionStatus = 'starting' | 'paused' | 'running' | 'failed';

/** A trip to another moment under way, for the progress indicator. */
export interface TravelProgress {
  /** where it goes, simulated ns */
  targetNs: number;
  /** where the replay stands now */
  doneNs: number;
  /** wall clock when it began, ms (performance.now) */
  startedMs: number;
  /** it replays from the start (going back), rather than running on */
  back: boolean;
}

/** Frames a replay shows on its way at least (so charts redraw the run so far), at most one a chunk. */
const REPLAY_FRAMES = 16;

export function defaultWorkerCount(): number {
  const cores = typeof navigator === 'undefined' ? 2 : (navigator.hardwareConcurrency ?? 2);
  return Math.min(8, Math.max(1, cores - 1));
}

export class SimSession {
  status = $state<SessionStatus>('starting');
  frame = $state.raw<RuntimeFrame | null>(null);
  /** simulated ns per wall second asked for (Infinity: as fast as possible) */
  speed = $state(1e9);
  /** simulated ns per wall second achieved over the last second */
  achievedRate = $state(0);
  /**
   * The event the last single step ran; 'none' when it found no event left to run (a quiet
   * run's end: Step event would otherwise seem to do nothing at all).
   */
  lastStep = $state.raw<SteppedEvent | 'none' | null>(null);
  /** a failure the student should know about (restarts included), or '' */
  notice = $state('');
  restarts = $state(0);
  windows = $state(0);
  /**
   * The next simulated time the page must see a frame at before time goes on: a lab's next
   * timed action (its SimTimeClock). Every advance stops there, so a command a lab gives "at
   * 25 s" acts at 25 s however fast the run plays.
   */
  stopAt: () => number = () => Infinity;
  /** the run so far: its head, notable moments, and which frames are new (timelineState.ts) */
  readonly timeline = new TimelineState();
  /** a trip to another moment under way, or null */
  travel = $state.raw<TravelProgress | null>(null);
  /**
   * trips asked for that have not ended yet (superseded ones end when the newer one takes over):
   * from the moment one is asked for, before `travel` knows where it goes (one event back first
   * finds that event)
   */
  private travelsPending = $state(0);
  /** every command of the run with its time, those remembered for after now included */
  commands = $state.raw<TimedCommand[]>([]);
  /**
   * The latest fork: a change made at an earlier moment, with the future the run had before it
   * (kept to compare until discarded; see src/runtime/fork.ts). Null if none.
   */
  fork = $state.raw<Fork | null>(null);
  /** the frame shown when the fork happened: both runs were the same up to it */
  forkFrame = $state.raw<RuntimeFrame | null>(null);
  /** the fork's other run, played beside this one for a comparison, or null */
  compare = $state.raw<CompareRun | null>(null);
  /**
   * How many runs the session has built: each start (a reset) makes a new run, going back on
   * the timeline does not. A chart that keeps a step's earlier runs tells the two apart by it.
   */
  runNumber = $state(0);

  private run: Run | null = null;
  private busy = false;
  /** the last queued exclusive action (see exclusive) */
  private actions: Promise<void> = Promise.resolve();
  private pacer: Pacer | null = null;
  private rate = new RateMeter();
  private rafId = 0;
  private lastWall = 0;
  /** where playUntil pauses (Infinity: nowhere) */
  private until = Infinity;
  /** trips to another moment asked for so far: a newer one takes over from one under way */
  private travels = 0;
  /** the times of the frames shown since the run last went back (for a comparison) */
  private readonly frameTimes = new FrameTimes();

  /** the model this run uses: the session's own, or a reset's replacement configuration */
  private model: ModelSpecs;

  constructor(
    private scenario: ScenarioInput,
    /** one model, or several in one world (the sandbox's whole CDN) */
    private baseModel: ModelSpecs,
    public workers: number = defaultWorkerCount(),
  ) {
    this.model = baseModel;
  }

  get seed(): number {
    return Number(this.scenario.seed ?? 1);
  }

  /** Builds the workers and the world; call once, then play(). */
  async start(): Promise<void> {
    this.stopLoop();
    this.run?.dispose();
    this.status = 'starting';
    this.frame = null;
    this.lastStep = null;
    this.timeline.clear();
    this.travel = null;
    this.commands = [];
    this.discardFork();
    this.frameTimes.clear();
    this.runNumber++;
    const run = new Run({
      scenario: this.scenario,
      model: this.model,
      shards: this.workers,
      makeWorker: browserShardWorker,
      // `?assert` (the fuzzer's pages): invariant checks on in every shard (assertMode.ts).
      assertions: assertMode(),
      onFailure: (f, n) => {
        if (this.run !== run) return;
        this.notice = `A simulation worker failed (${f.reason}). Restarting it and replaying the run to where it was (restart ${n + 1}).`;
        this.restarts = n + 1;
      },
    });
    this.run = run;
    this.pacer = new Pacer(run);
    this.until = Infinity;
    try {
      await run.start();
      await this.refresh();
      this.status = 'paused';
    } catch (e) {
      if (run === this.run) this.fail(e);
    }
  }

  play(): void {
    if (this.status !== 'paused' || !this.run) return;
    this.status = 'running';
    this.lastStep = null;
    this.lastWall = performance.now();
    this.rafId = requestAnimationFrame((t) => this.tick(t));
  }

  /** Plays at the set speed and pauses at simulated time `targetNs` exactly. */
  playUntil(targetNs: number): void {
    this.until = targetNs;
    this.play();
  }

  pause(): void {
    if (this.status === 'running') this.status = 'paused';
    this.stopLoop();
  }

  /** Where the next advance must stop: a lab's timed action, or playUntil's end. */
  private limitNs(): number {
    return Math.min(this.stopAt(), this.until);
  }

  async stepEvent(): Promise<void> {
    await this.exclusive(async (run) => {
      this.lastStep = (await run.stepEvent()) ?? 'none';
    });
  }

  /**
   * Goes to simulated time `timeNs` and pauses there: back (the run is replayed from its start
   * to it, see src/runtime/rewind.ts) or forward. A newer request takes over from one under
   * way. Playing on from an earlier moment gives the run's commands again at their times.
   */
  goTo(timeNs: number): Promise<void> {
    return this.travelTo((run) => {
      let t = Math.max(0, Math.round(timeNs));
      // Forward, a lab's next timed action ends the trip, as it ends a paced step: the page
      // must see a frame at its time for it to act then.
      const stop = this.stopAt();
      if (t > run.now && stop > run.now) t = Math.min(t, stop);
      return Promise.resolve({ timeNs: t, steps: 0 });
    });
  }

  /** Goes back exactly one event (replaying to the event before the last), paused there. */
  stepBack(): Promise<void> {
    return this.travelTo(async (run, request) => {
      this.timeline.wentBack();
      return momentBeforeLastEvent(run, { superseded: () => request !== this.travels });
    });
  }

  /** Whether a trip to another moment is asked for or under way (the page shows it busy). */
  get travelling(): boolean {
    return this.travelsPending > 0;
  }

  private travelTo(where: (run: Run, request: number) => Promise<RunMoment | null>): Promise<void> {
    this.pause();
    this.until = Infinity;
    const request = ++this.travels;
    const superseded = () => request !== this.travels;
    this.travelsPending++;
    return this.travelOn(request, superseded, where).finally(() => this.travelsPending--);
  }

  private travelOn(
    request: number,
    superseded: () => boolean,
    where: (run: Run, request: number) => Promise<RunMoment | null>,
  ): Promise<void> {
    return this.exclusive(async (run) => {
      if (superseded()) return;
      this.lastStep = null;
      const startedMs = performance.now();
      const target = await where(run, request);
      if (!target || superseded()) return;
      const back = !reachableOnward(run.position(), run.now, target);
      if (back) this.timeline.wentBack();
      this.travel = { targetNs: target.timeNs, doneNs: run.now, startedMs, back };
      let shownNs = -Infinity;
      await travelTo(run, target, {
        superseded,
        // At most one chunk in REPLAY_FRAMES of the way: the replay shows frames as it goes.
        maxChunkNs: Math.max(1, target.timeNs / REPLAY_FRAMES),
        onChunk: async (r) => {
          if (superseded()) return;
          this.travel = { targetNs: target.timeNs, doneNs: r.now, startedMs, back };
          if (r.now - shownNs >= target.timeNs / REPLAY_FRAMES && r.now < target.timeNs) {
            shownNs = r.now;
            await this.refresh();
          }
        },
      });
      if (!superseded()) this.travel = null;
    });
  }

  async stepWindow(): Promise<void> {
    await this.exclusive((run) => run.stepWindow());
  }

  /**
   * Runs as fast as it can to simulated time `targetNs` and stops there, paused (a lab's
   * fast-forward: "an hour later" must be an hour, not wherever flat out had got to when the
   * page noticed). Frames keep coming on the way, so the clock and charts move.
   */
  async runTo(targetNs: number): Promise<void> {
    this.pause();
    this.until = Infinity;
    await this.exclusive(async (run) => {
      const pacer = this.pacer!;
      while (run.now < targetNs) if (await pacer.chunk(targetNs)) await this.refresh();
    });
  }

  /**
   * Restarts from the scenario's start, with a new seed or worker count if given, and the model
   * configured as given for this run (else as the session was created). `models` replaces the
   * session's models from now on (another composition: the sandbox's DNS switch).
   */
  async reset(
    options: { seed?: number; workers?: number; modelConfig?: unknown; models?: ModelSpecs } = {},
  ): Promise<void> {
    const { seed, workers, modelConfig, models } = options;
    if (seed !== undefined) this.scenario = { ...this.scenario, seed };
    if (workers !== undefined) this.workers = workers;
    if (models !== undefined) this.baseModel = models;
    const base = this.baseModel;
    this.model = modelConfig === undefined ? base : withConfig(base, modelConfig);
    this.notice = '';
    this.restarts = 0;
    await this.start();
  }

  /** Sends a command to the running simulation (validated; throws with a message if bad). */
  command(cmd: unknown): void {
    if (!this.run) throw new Error('the simulation is not running');
    // The run's commands before this one: given at an earlier moment, it forks, and the future
    // they make is kept to compare (a bad command, which throws, forks nothing).
    const had = { ...this.run.definition, commands: this.run.position().commands };
    const change = this.run.command(cmd);
    const fork = forkAt(had, this.run.now, this.timeline.headNs, change);
    if (fork) this.forked(fork);
    // Another change at the fork's moment (a slider moved again): the run differs by the last.
    else if (this.fork?.atNs === this.run.now) this.renameFork({ ...this.fork, change });
    // Given at an earlier moment, it starts a new future: the remembered one is gone.
    this.timeline.cut(this.run.now);
    this.commands = this.run.position().commands;
    // Paused: apply it now (it would otherwise wait for the next window) and show its effect.
    if (this.status === 'paused') void this.exclusive((run) => run.applyCommands());
  }

  /** A fork happened: its earlier future replaces any kept before (one other run at a time). */
  private forked(fork: Fork): void {
    this.discardFork();
    this.fork = fork;
    this.forkFrame = this.frame;
  }

  private renameFork(fork: Fork): void {
    this.fork = fork;
    if (this.compare) this.compare.fork = fork;
  }

  /**
   * Plays the fork's other run beside this one, following it in simulated time, for the charts
   * to show both (compareRun.svelte.ts). On one worker: the page's run keeps the others.
   */
  compareFork(): void {
    const fork = this.fork;
    if (!fork || this.compare) return;
    const compare = new CompareRun(
      fork,
      runOf(fork.before, { shards: 1, makeWorker: browserShardWorker }),
      () => {},
      () => this.status === 'running',
    );
    this.compare = compare;
    void compare.start([...this.frameTimes.list()], this.frame);
  }

  /** Forgets the fork's other run: its workers stop, and only this run is shown. */
  discardFork(): void {
    this.compare?.dispose();
    this.compare = null;
    this.fork = null;
    this.forkFrame = null;
  }

  /** The commands that took effect in this run, with their times (none while nothing runs). */
  commandLog(): TimedCommand[] {
    return this.run?.commandLog() ?? [];
  }

  /**
   * What the shard owning a node knows about it (its access link, an edge's cache); null while
   * nothing runs. Read-only, so it need not wait for the run's other actions.
   */
  async inspectNode(id: number): Promise<NodeInspection | null> {
    return this.run ? this.run.inspectNode(id) : null;
  }

  dispose(): void {
    this.discardFork();
    this.stopLoop();
    this.run?.dispose();
    this.run = null;
  }

  private async tick(wall: number): Promise<void> {
    if (this.status !== 'running' || !this.run) return;
    const dt = wall - this.lastWall;
    this.lastWall = wall;
    if (!this.busy) {
      this.busy = true;
      const run = this.run;
      try {
        if (this.speed === Infinity) await this.runFlatOut(run);
        else await this.pacer!.paced(this.speed, dt, this.limitNs());
        await this.refresh();
        this.noteRate();
        if (run.now >= this.until) {
          this.until = Infinity;
          this.pause();
        }
      } catch (e) {
        // A run replaced by a reset fails its pending call: that is not this session's failure.
        if (run === this.run) this.fail(e);
        return;
      } finally {
        this.busy = false;
      }
    }
    if (this.status === 'running') this.rafId = requestAnimationFrame((t) => this.tick(t));
  }

  /**
   * Runs while the session is running flat out, one chunk after another with no wait for
   * animation frames in between; snapshots as often as the pacer allows (src/runtime/pacing.ts). Returns when paused,
   * slowed down or reset.
   */
  private async runFlatOut(run: Run): Promise<void> {
    const pacer = this.pacer!;
    while (this.status === 'running' && this.speed === Infinity && this.run === run) {
      const limit = this.limitNs();
      // At a stop the page has not acted on yet: the caller shows the frame, and the next
      // animation frame goes on from there.
      if (run.now >= limit) return;
      const due = await pacer.chunk(limit);
      if (due || run.now >= limit) {
        await this.refresh();
        this.noteRate();
      }
      // Let the page take the frame (a lab's timer fires, its command is queued) before going on.
      if (run.now >= limit) await new Promise((r) => setTimeout(r, 0));
    }
  }

  private noteRate(): void {
    const rate = this.rate.note(performance.now(), this.run?.now ?? 0);
    if (rate !== null) this.achievedRate = rate;
  }

  private async refresh(): Promise<void> {
    if (!this.run || !this.pacer) return;
    const frame = await this.pacer.frame();
    this.frame = frame;
    this.timeline.take(frame);
    this.frameTimes.take(frame.timeNs);
    this.compare?.follow(frame);
    this.windows = this.run.windows;
    this.commands = this.run.position().commands;
  }

  /**
   * Runs an action on the run when nothing else is: actions wait their turn in order (two quick
   * clicks on "Step event" are two steps, not one), and one queued for a run that has since been
   * replaced is dropped.
   */
  private exclusive(action: (run: Run) => Promise<void>): Promise<void> {
    const run = this.run;
    if (!run) return Promise.resolve();
    const turn = this.actions.then(async () => {
      // The animation loop's advance uses the same flag: let it finish its step.
      while (this.busy) await new Promise((done) => setTimeout(done, 5));
      if (run !== this.run) return;
      this.busy = true;
      try {
        await action(run);
        await this.refresh();
      } catch (e) {
        if (run === this.run) this.fail(e);
      } finally {
        this.busy = false;
      }
    });
    this.actions = turn;
    return turn;
  }

  private fail(e: unknown): void {
    this.stopLoop();
    this.status = 'failed';
    this.notice = `The simulation stopped: ${e instanceof Error ? e.message : String(e)}. Reset to start again.`;
  }

  private stopLoop(): void {
    if (this.rafId) cancelAnimationFrame(this.rafId);
    this.rafId = 0;
  }
}
