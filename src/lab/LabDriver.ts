/**
 * The bridge between a lab and a live simulation. It runs the lab's machine (createLabActor),
 * turns each frame into events for it (the frame's observations in time order, then
 * `sim.tick`), keeps the student's answers and saves progress. It knows nothing of Svelte: the
 * page pushes frames into `observe` and re-reads the getters when a listener is called.
 */
import type { Actor, AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { RuntimeFrame } from '@runtime/frame';
import type { LabSim } from './LabSim';
import { createLabActor } from './createLabActor';
import { SimQueue } from './SimQueue';
import { SimTimeClock } from './SimTimeClock';
import { checkAnswer, checkAnswerAgainst, expectedValue, type Verdict } from './questions';
import {
  clearProgress,
  loadProgress,
  saveProgress,
  type MeasuredValue,
  type ProgressStorage,
} from './progressStore';
import { findStep, startingStep, stepOfValue } from './steps';
import type {
  AnswerValue,
  LabDefinition,
  LabRuntimeEvent,
  LabStep,
  Measurements,
  Observation,
  Finding,
  LabControl,
} from './types';

/** Observations kept for questions; a lab that needs more should `assign` into its context. */
const KEEP_OBSERVATIONS = 10_000;

/**
 * The `answer` of the `user.answered` event a class's reveal sends (no choice id is ever empty,
 * and no number is a string): machines only note that the question was answered.
 */
export const CLASS_VOTE = '';

/** A question revealed to a class: its right answer, once the simulation has measured it. */
export interface RevealedAnswer {
  /** the right answer as the class should read it ("38.2 ms", "the resolver"), once measured */
  expected?: string;
  /** the right choice's id, once measured (choice questions) */
  choiceId?: string;
  /** why the answer is what it is (shown once measured) */
  explanation: string;
}

/**
 * A verdict for the recap: judged by what this page measured, else by the measurement saved with
 * the answer; `earlier` when that one was measured before the page was (re)opened.
 */
export interface RecapVerdict extends Verdict {
  earlier: boolean;
}

export interface LabDriverOptions {
  /** where progress is saved; none: nothing is saved */
  storage?: ProgressStorage;
  /**
   * Told each time a step opens: another step (Next, Back, a link) or the same one again (run
   * again). The page forgets what belonged to the step it left (a fork's other run).
   */
  onStep?: (stepId: string) => void;
  /**
   * The lab's opening build is skipped when the opened step's entry resets the run itself (a
   * page's workers are then started once, not started, terminated and started again).
   */
  skipNeedlessBuild?: boolean;
  /**
   * The lab's actions on the simulation (the opening build first) wait for it. A page passes its
   * first paint: building the run (workers, the world) then does not hold back the step's text
   * and question, which need only the machine. They are usable meanwhile: an answer's actions
   * queue behind the build.
   */
  simReady?: Promise<void>;
}

/**
 * The observations a frame carries: the model's records that have a `type` and a `timeNs`
 * (the field is optional, and not every model observes).
 */
export function observationsOf(frame: RuntimeFrame): Observation[] {
  const list: unknown = (frame as { observations?: unknown }).observations;
  return Array.isArray(list) ? list.filter(isObservation) : [];
}

function isObservation(x: unknown): x is Observation {
  const o = x as Partial<Observation> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.type === 'string' &&
    typeof o.timeNs === 'number'
  );
}

export class LabDriver {
  /** things the student should know: dropped progress, a failed action; newest last */
  readonly notices: string[] = [];
  private actor: Actor<AnyStateMachine> | null = null;
  private snapshotNow: AnyMachineSnapshot | null = null;
  private answersNow: Record<string, AnswerValue> = {};
  /** by question id: the expected value last measured for an answered question (saved) */
  private measuredNow: Record<string, MeasuredValue> = {};
  /** the questions whose saved measurement was measured since the page opened the lab */
  private readonly measuredHere = new Set<string>();
  /** questions a lecturer revealed to the class (not saved: a class's vote is nobody's answer) */
  private readonly revealedNow = new Set<string>();
  private controlsNow: Record<string, number> = {};
  private observed: Observation[] = [];
  private lastFrame: RuntimeFrame | null = null;
  /** a reset is under way: frames are held until the machine has heard `sim.started` */
  private resetting = false;
  private held: RuntimeFrame[] = [];
  private clock = new SimTimeClock();
  private readonly queue: SimQueue;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly lab: LabDefinition,
    private readonly sim: LabSim,
    private readonly options: LabDriverOptions = {},
  ) {
    // Every reset, the machine's own or the runtime's, starts a new run: forget what the old
    // one observed and tell the machine once the new one sits at time 0.
    // The page may hand over the new run's first frames (its time-0 observations) while the
    // reset is still settling: they are held, and heard once the machine knows the run began.
    const notifying: LabSim = {
      reset: async (options) => {
        this.held = [];
        this.resetting = true;
        try {
          await sim.reset(options);
        } finally {
          this.resetting = false;
        }
        this.observed = [];
        this.lastFrame = null;
        this.clock.advanceTo(0);
        this.send({ type: 'sim.started' });
        const held = this.held;
        this.held = [];
        for (const frame of held) this.observe(frame);
        this.changed();
      },
      play: () => sim.play(),
      playUntil: (t) => sim.playUntil(t),
      pause: () => sim.pause(),
      stepEvent: () => sim.stepEvent(),
      stepWindow: () => sim.stepWindow(),
      runTo: (t) => sim.runTo(t),
      command: (cmd) => sim.command(cmd),
      get speed() {
        return sim.speed;
      },
      set speed(v) {
        sim.speed = v;
      },
    };
    this.queue = new SimQueue(notifying, (message) => this.notify(message), this.options.simReady);
  }

  /**
   * Opens the lab: restores saved answers and opens the step the link names, else the saved
   * one, else the first; builds the simulation afresh first. Returns the step opened.
   */
  open(linkedStep: string | null): string {
    const { storage } = this.options;
    let saved: string | null = null;
    if (storage) {
      const loaded = loadProgress(storage, this.lab);
      if (loaded.problem) this.notify(loaded.problem);
      this.answersNow = loaded.progress?.answers ?? {};
      this.measuredNow = loaded.progress?.measured ?? {};
      saved = loaded.progress?.stepId ?? null;
    }
    const start = startingStep(this.lab, linkedStep, saved);
    for (const p of start.problems) this.notify(p);
    this.goTo(start.stepId, { resetSim: true });
    return start.stepId;
  }

  /**
   * Starts the machine at `stepId` with that step's entry actions, as if just arrived there.
   * The simulation carries on as it is unless `resetSim` (a step that needs a clean run starts
   * with its own `resetSim` action).
   */
  goTo(stepId: string, { resetSim = false } = {}): void {
    const previous = this.snapshotNow ? stepOfValue(this.snapshotNow.value) : null;
    this.actor?.stop();
    this.clock = new SimTimeClock();
    this.clock.advanceTo(this.lastFrame?.timeNs ?? 0);
    if (resetSim)
      this.queue.run('build the simulation', (sim) => sim.reset(), {
        reset: true,
        needless: this.options.skipNeedlessBuild === true,
      });
    const { actor } = createLabActor(this.lab.machine, this.sim, {
      stepId,
      clock: this.clock,
      queue: this.queue,
    });
    this.actor = actor;
    actor.subscribe({
      next: (snapshot) => this.onSnapshot(snapshot as AnyMachineSnapshot),
      error: (e) => this.notify(`The lab stopped: ${e instanceof Error ? e.message : String(e)}`),
    });
    actor.start();
    this.onSnapshot(actor.getSnapshot() as AnyMachineSnapshot);
    // The same step again is a step opened too (onSnapshot tells only of another step).
    if (previous === this.stepId) this.options.onStep?.(this.stepId);
    this.save();
    // Settings the student made in this step before still hold, so the machine hears them again
    // first; and the panel shows a saved answer as given, so the machine hears it as given too (a
    // step waiting for the prediction goes on rather than waiting for it a second time).
    for (const c of this.step?.controls ?? [])
      if (this.controlsNow[c.id] !== undefined)
        this.send({ type: 'user.set', id: c.id, value: this.controlsNow[c.id] });
    const q = this.step?.question;
    if (q && this.answersNow[q.id] !== undefined) this.answer(q.id, this.answersNow[q.id]);
    else this.replayReveal();
  }

  /** Forgets the saved progress and answers and starts again at the first step. */
  restart(): void {
    if (this.options.storage) clearProgress(this.options.storage, this.lab.id);
    this.answersNow = {};
    this.measuredNow = {};
    this.measuredHere.clear();
    this.revealedNow.clear();
    this.notices.length = 0;
    this.goTo(this.lab.steps[0].id, { resetSim: true });
  }

  /**
   * When the lab's next timed action is due, simulated ns (Infinity if none): the simulation
   * must stop there and show a frame, so the action happens at its time at any speed.
   */
  get nextTimerNs(): number {
    return this.clock.nextDueNs;
  }

  /** Hands the lab the latest frame: its observations, then the time it reached. */
  observe(frame: RuntimeFrame | null): void {
    if (!frame || frame === this.lastFrame || !this.actor) return;
    if (this.resetting) {
      if (!this.held.includes(frame)) this.held.push(frame);
      return;
    }
    if (frame.timeNs < this.clock.timeNs) this.observed = [];
    this.lastFrame = frame;
    const heard = observationsOf(frame).sort((a, b) => a.timeNs - b.timeNs);
    for (const o of heard) {
      // Timers due before an observation fire before the machine hears it.
      this.clock.advanceTo(Math.max(this.clock.timeNs, o.timeNs));
      this.observed.push(o);
      this.send(o.type.startsWith('sim.') ? o : { ...o, type: `sim.${o.type}` });
    }
    if (this.observed.length > KEEP_OBSERVATIONS)
      this.observed.splice(0, this.observed.length - KEEP_OBSERVATIONS);
    this.clock.advanceTo(frame.timeNs);
    this.send({ type: 'sim.tick', timeNs: frame.timeNs });
    this.keepMeasurements();
    this.changed();
  }

  /** The student pressed Next. */
  next(): void {
    if (!this.canNext) return;
    this.send({ type: 'user.next' });
    this.replayReveal();
  }

  /** The student pressed Back: the previous step, opened afresh. */
  back(): void {
    const i = this.stepIndex;
    if (i > 0) this.goTo(this.lab.steps[i - 1].id);
  }

  answer(questionId: string, answer: AnswerValue): void {
    this.answersNow = { ...this.answersNow, [questionId]: answer };
    if (!this.keepMeasurements()) this.save();
    const q = this.step?.question;
    const correct = q?.id === questionId ? this.verdictOf(questionId)?.status : undefined;
    this.sendAnswered(
      questionId,
      answer,
      correct === 'unmeasured' || correct === undefined ? undefined : correct === 'correct',
    );
  }

  /**
   * A lecturer reveals the question to the class that has voted on it (by hand, in the hall):
   * the question counts as answered, so the machine hears `user.answered` (with `CLASS_VOTE`
   * and `correct` undefined: nobody's answer is judged) and runs its experiment, and Next opens
   * as for an answer. Nothing is saved; a student's own saved answer is left as it is.
   */
  reveal(questionId: string): void {
    if (this.step?.question?.id !== questionId || this.isAnswered(questionId)) return;
    this.revealedNow.add(questionId);
    this.sendAnswered(questionId, CLASS_VOTE, undefined);
  }

  /**
   * On arriving at a step whose question the class has had revealed (back, then on again), the
   * machine hears the reveal again, so the experiment runs without a second vote.
   */
  private replayReveal(): void {
    const q = this.step?.question;
    if (q && this.answersNow[q.id] === undefined && this.revealedNow.has(q.id))
      this.sendAnswered(q.id, CLASS_VOTE, undefined);
  }

  /** The question was answered by the student or revealed to a class. */
  isAnswered(questionId: string): boolean {
    return this.answersNow[questionId] !== undefined || this.revealedNow.has(questionId);
  }

  /** The right answer of a question revealed to a class, once measured; null if not revealed. */
  revealedAnswer(questionId: string): RevealedAnswer | null {
    const q = this.lab.steps.find((s) => s.question?.id === questionId)?.question;
    if (!q || !this.revealedNow.has(questionId)) return null;
    const m = this.measurements();
    // The judge itself says what is right (so a revealed answer and a student's verdict can
    // never disagree): the choice it would call correct, and the expected value it names.
    if (q.kind === 'choice') {
      const right = q.choices.find((c) => checkAnswer(q, c.id, m).status === 'correct');
      return right
        ? { expected: right.label, choiceId: right.id, explanation: q.explanation }
        : { explanation: q.explanation };
    }
    const expected = checkAnswer(q, 0, m).expected;
    return expected === undefined
      ? { explanation: q.explanation }
      : { expected, explanation: q.explanation };
  }

  /**
   * The student moved one of the step's controls: the value is kept (within the control's range)
   * and the machine hears `user.set`. Returns the value kept, or null for an unknown control or
   * a value that is not a number.
   */
  setControl(id: string, value: number): number | null {
    const control = this.step?.controls?.find((c) => c.id === id);
    if (!control || !Number.isFinite(value)) return null;
    const kept = Math.min(control.max, Math.max(control.min, value));
    this.controlsNow = { ...this.controlsNow, [id]: kept };
    this.send({ type: 'user.set', id, value: kept });
    this.changed();
    return kept;
  }

  /** A control's value now: the student's, else its initial value. */
  controlValue(control: LabControl): number {
    return this.controlsNow[control.id] ?? control.initial;
  }

  /** The verdict on a saved answer, judged against the measurements as they are now. */
  verdictOf(questionId: string): Verdict | null {
    const answer = this.answersNow[questionId];
    const q = this.lab.steps.find((s) => s.question?.id === questionId)?.question;
    if (answer === undefined || !q) return null;
    return checkAnswer(q, answer, this.measurements());
  }

  /**
   * The verdict the recap shows: as verdictOf while the measurements judge the answer; else, once
   * they no longer do (the page was reloaded, the step opened afresh), by the measurement saved
   * with the answer, saying whether it was measured before the page opened the lab.
   */
  recapVerdictOf(questionId: string): RecapVerdict | null {
    const verdict = this.verdictOf(questionId);
    if (!verdict) return null;
    const saved = this.measuredNow[questionId];
    const q = this.questionOf(questionId);
    if (verdict.status !== 'unmeasured' || saved === undefined || !q)
      return { ...verdict, earlier: false };
    return {
      ...checkAnswerAgainst(q, this.answersNow[questionId], saved),
      earlier: !this.measuredHere.has(questionId),
    };
  }

  /**
   * Notes, for every answered question, the expected value the measurements give now, and saves
   * it with the answer when it changed. Returns whether it saved.
   */
  private keepMeasurements(): boolean {
    const m = this.measurements();
    let changed = false;
    for (const id of Object.keys(this.answersNow)) {
      const q = this.questionOf(id);
      const value = q && expectedValue(q, m);
      if (value === undefined) continue;
      this.measuredHere.add(id);
      if (this.measuredNow[id] !== value) {
        this.measuredNow = { ...this.measuredNow, [id]: value };
        changed = true;
      }
    }
    if (changed) this.save();
    return changed;
  }

  private questionOf(questionId: string) {
    return this.lab.steps.find((s) => s.question?.id === questionId)?.question;
  }

  /** What the current step's experiment has measured so far (see LabStep.findings). */
  findings(): Finding[] {
    return this.step?.findings?.(this.measurements()) ?? [];
  }

  measurements(): Measurements {
    return {
      context: (this.snapshotNow?.context ?? {}) as Record<string, unknown>,
      observations: this.observed,
      frame: this.lastFrame,
    };
  }

  get snapshot(): AnyMachineSnapshot | null {
    return this.snapshotNow;
  }

  get answers(): Readonly<Record<string, AnswerValue>> {
    return this.answersNow;
  }

  get stepId(): string {
    return this.snapshotNow ? stepOfValue(this.snapshotNow.value) : this.lab.steps[0].id;
  }

  get step(): LabStep | undefined {
    return findStep(this.lab, this.stepId);
  }

  get stepIndex(): number {
    return this.lab.steps.findIndex((s) => s.id === this.stepId);
  }

  /** The machine would move on from here, and the step's question (if any) is answered. */
  get canNext(): boolean {
    const snap = this.snapshotNow;
    if (!snap || snap.status !== 'active' || !snap.can({ type: 'user.next' })) return false;
    const q = this.step?.question;
    return !q || this.isAnswered(q.id);
  }

  get finished(): boolean {
    return this.snapshotNow?.status === 'done';
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every queued simulation action has run (tests). */
  settled(): Promise<void> {
    return this.queue.idle();
  }

  /** Stops the machine; simulation actions still queued are dropped. */
  stop(): void {
    this.queue.close();
    this.actor?.stop();
    this.actor = null;
    this.listeners.clear();
  }

  private sendAnswered(questionId: string, answer: AnswerValue, correct: boolean | undefined) {
    this.send({ type: 'user.answered', questionId, answer, correct });
    this.changed();
  }

  /** To the machine while it runs (a finished lab hears nothing more). */
  private send(event: LabRuntimeEvent | Observation): void {
    if (this.actor?.getSnapshot().status === 'active') this.actor.send(event);
  }

  private onSnapshot(snapshot: AnyMachineSnapshot): void {
    const before = this.snapshotNow ? stepOfValue(this.snapshotNow.value) : null;
    this.snapshotNow = snapshot;
    const step = stepOfValue(snapshot.value);
    if (step !== before) {
      this.save();
      this.options.onStep?.(step);
    }
    this.changed();
  }

  private save(): void {
    if (!this.options.storage || !this.snapshotNow) return;
    const ok = saveProgress(this.options.storage, this.lab.id, {
      stepId: this.stepId,
      answers: this.answersNow,
      ...(Object.keys(this.measuredNow).length > 0 ? { measured: this.measuredNow } : {}),
    });
    if (!ok) this.notify('This browser did not let the lab save your progress.');
  }

  private notify(message: string): void {
    if (!this.notices.includes(message)) this.notices.push(message);
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
