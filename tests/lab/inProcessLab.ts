/**
 * A lab walked in-process with its real models: the lab's LabDriver and machine, as the page
 * runs them, against a Run on one in-process shard instead of the browser's workers. Time moves
 * as fast as the machine lets it: each advance stops at the lab's next timed action and at a
 * timed run's end, as SimSession does, and every frame goes to the driver. What the walk
 * judges is therefore what a student's run would judge, without a browser or watching speeds.
 */
import { LabDriver, type RevealedAnswer } from '@lab/LabDriver';
import type { LabSim } from '@lab/LabSim';
import type { LabDefinition } from '@lab/types';
import { frameOf } from '@runtime/frame';
import { withConfig, type ModelSpecs } from '@runtime/models';
import { Run } from '@runtime/Run';
import { MAX_CHUNK_NS } from '@runtime/pacing';

/** Simulated time one advance covers at most while a run plays (the page's frames do less). */
const CHUNK_NS = 250e6;

class InProcessSim implements LabSim {
  speed = 1e9;
  running = false;
  until = Infinity;
  run: Run | null = null;
  /** where the frames go (the driver's observe) */
  onFrame: (sim: InProcessSim) => Promise<void> = async () => {};

  constructor(private readonly lab: LabDefinition) {}

  async reset(options: { modelConfig?: unknown } = {}): Promise<void> {
    this.run?.dispose();
    this.running = false;
    this.until = Infinity;
    const model: ModelSpecs =
      options.modelConfig === undefined
        ? this.lab.model
        : withConfig(this.lab.model, options.modelConfig);
    this.run = new Run({ scenario: this.lab.scenario, model, shards: 1 });
    await this.run.start();
  }
  play(): void {
    this.running = true;
  }
  playUntil(targetNs: number): void {
    this.until = targetNs;
    this.running = true;
  }
  pause(): void {
    this.running = false;
  }
  async stepEvent(): Promise<void> {
    await this.run!.stepEvent();
    await this.onFrame(this);
  }
  async stepWindow(): Promise<void> {
    await this.run!.stepWindow();
    await this.onFrame(this);
  }
  async runTo(targetNs: number): Promise<void> {
    this.running = false;
    this.until = Infinity;
    while (this.run!.now < targetNs) {
      await this.run!.advanceTo(Math.min(targetNs, this.run!.now + MAX_CHUNK_NS));
      await this.onFrame(this);
    }
  }
  command(cmd: unknown): void {
    const run = this.run!;
    run.command(cmd);
    // Paused, as on the page: applied now and shown in a frame (a report the lab asked for).
    if (!this.running)
      this.applying = this.applying.then(async () => {
        await run.applyCommands();
        if (run === this.run) await this.onFrame(this);
      });
  }
  /** commands given while paused, being applied (see command) */
  applying: Promise<void> = Promise.resolve();
}

export interface InProcessLab {
  driver: LabDriver;
  /**
   * Plays until `done()` holds (checked after every frame and once the lab's actions have
   * settled); throws if the run stops, or passes `limitS` simulated seconds, first.
   */
  playUntil(done: () => boolean, limitS?: number): Promise<void>;
  /**
   * Answers the step's question by class vote (reveal), plays until Next opens, and goes on;
   * returns the right answer as the step measured it (null for a step without a question).
   * `beforeNext` sees the walk once Next is open, before it goes on.
   */
  revealAndNext(limitS?: number, beforeNext?: () => Promise<void>): Promise<RevealedAnswer | null>;
  /** the run on the stage now (the step's latest), or null before the first */
  run(): Run | null;
  dispose(): void;
}

export async function openInProcess(lab: LabDefinition): Promise<InProcessLab> {
  const sim = new InProcessSim(lab);
  const driver = new LabDriver(lab, sim);
  sim.onFrame = async (s) => driver.observe(frameOf(await s.run!.snapshot()));
  /** Waits until the lab's queued actions have run, including those they queued in turn. */
  async function settle(): Promise<void> {
    for (;;) {
      const tail = driver.settled();
      const applying = sim.applying;
      await tail;
      await applying;
      if (driver.settled() === tail && sim.applying === applying) return;
    }
  }
  driver.open(null);
  await settle();

  async function playUntil(done: () => boolean, limitS = 4 * 3600): Promise<void> {
    for (;;) {
      await settle();
      if (done()) return;
      const run = sim.run!;
      if (!sim.running)
        throw new Error(
          `step ${driver.stepId} (${JSON.stringify(driver.snapshot?.value)}): the run stopped at ${run.now / 1e9} s`,
        );
      if (run.now > limitS * 1e9)
        throw new Error(`step ${driver.stepId}: still running at ${limitS} s`);
      const target = Math.min(run.now + CHUNK_NS, driver.nextTimerNs, sim.until);
      if (target > run.now) await run.advanceTo(target);
      if (run.now >= sim.until) {
        sim.until = Infinity;
        sim.running = false;
      }
      await sim.onFrame(sim);
    }
  }

  return {
    driver,
    playUntil,
    async revealAndNext(limitS, beforeNext) {
      const q = driver.step?.question;
      if (q) driver.reveal(q.id);
      await playUntil(() => driver.canNext, limitS);
      const right = q ? driver.revealedAnswer(q.id) : null;
      await beforeNext?.();
      driver.next();
      await settle();
      return right;
    },
    run: () => sim.run,
    dispose() {
      driver.stop();
      sim.run?.dispose();
    },
  };
}
