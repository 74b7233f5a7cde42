/**
 * The runes face of a LabDriver: the same getters, made reactive with createSubscriber, so the
 * lab panel re-renders whenever the driver says something changed (a new state, an answer, a
 * frame that may have measured what a prediction waits for). Intents go straight to the driver.
 *
 * It also keeps where a hall stands on the step's question when a lecturer drives the lab with a
 * presenter remote (PageDown alone): `forward()` first shows the choices large while the class
 * votes, then reveals the question (the experiment runs, the right answer shows once measured),
 * then goes on once Next opens; `backward()` undoes the vote, else goes back a step.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { LabDriver } from '@lab/LabDriver';
import type { AnswerValue, LabControl } from '@lab/types';

/**
 * Where the class stands on a question: `voting` (the choices shown large, the class votes by
 * hand) or `revealed` (the lecturer revealed it: the experiment runs, the answer follows).
 */
export type HallStage = 'voting' | 'revealed';

/** What a press of the remote's forward key did, for the page to say on screen. */
export type ForwardResult =
  { did: 'vote' | 'reveal' | 'next' } | { did: 'held'; why: 'finished' | 'experiment' };

export class LabRun {
  readonly #subscribe: () => void;
  /** the question whose choices are shown large for the class's vote, if any */
  #voting = $state<string | null>(null);

  constructor(readonly driver: LabDriver) {
    this.#subscribe = createSubscriber((update) => driver.subscribe(update));
  }

  get lab() {
    return this.driver.lab;
  }
  get snapshot() {
    this.#subscribe();
    return this.driver.snapshot;
  }
  get stepId() {
    this.#subscribe();
    return this.driver.stepId;
  }
  get step() {
    this.#subscribe();
    return this.driver.step;
  }
  get stepIndex() {
    this.#subscribe();
    return this.driver.stepIndex;
  }
  get canNext() {
    this.#subscribe();
    return this.driver.canNext;
  }
  get finished() {
    this.#subscribe();
    return this.driver.finished;
  }
  get answers() {
    this.#subscribe();
    return this.driver.answers;
  }
  get notices(): readonly string[] {
    this.#subscribe();
    return [...this.driver.notices];
  }
  get findings() {
    this.#subscribe();
    return this.driver.findings();
  }
  verdictOf(questionId: string) {
    this.#subscribe();
    return this.driver.verdictOf(questionId);
  }
  /** the verdict for the recap: by a saved earlier measurement once this run has none */
  recapVerdictOf(questionId: string) {
    this.#subscribe();
    return this.driver.recapVerdictOf(questionId);
  }
  /** answered by the student, or revealed to a class */
  isAnswered(questionId: string): boolean {
    this.#subscribe();
    return this.driver.isAnswered(questionId);
  }
  revealedAnswer(questionId: string) {
    this.#subscribe();
    return this.driver.revealedAnswer(questionId);
  }
  /** the hall's stage on this question, or null when no class is voting on it */
  hallStage(questionId: string): HallStage | null {
    if (this.revealedAnswer(questionId)) return 'revealed';
    return this.#voting === questionId && this.step?.question?.id === questionId ? 'voting' : null;
  }

  /** The remote's forward key (PageDown): vote, reveal, then next step. */
  forward = (): ForwardResult => {
    if (this.finished) return { did: 'held', why: 'finished' };
    const q = this.step?.question;
    if (q && !this.isAnswered(q.id)) {
      if (this.#voting !== q.id) {
        this.#voting = q.id;
        return { did: 'vote' };
      }
      this.reveal(q.id);
      return { did: 'reveal' };
    }
    if (!this.canNext) return { did: 'held', why: 'experiment' };
    this.next();
    return { did: 'next' };
  };

  /**
   * The remote's back key (PageUp): puts the vote away if one is showing, else the previous
   * step; says which (`first`: there is none).
   */
  backward = (): 'unvote' | 'back' | 'first' => {
    const q = this.step?.question;
    if (q && this.#voting === q.id) {
      this.#voting = null;
      return 'unvote';
    }
    if (this.stepIndex <= 0) return 'first';
    this.back();
    return 'back';
  };

  controlValue(control: LabControl) {
    this.#subscribe();
    return this.driver.controlValue(control);
  }

  next = () => {
    this.#voting = null;
    this.driver.next();
  };
  setControl = (id: string, value: number) => this.driver.setControl(id, value);
  back = () => {
    this.#voting = null;
    this.driver.back();
  };
  restart = () => {
    this.#voting = null;
    this.driver.restart();
  };
  reveal = (questionId: string) => {
    this.#voting = null;
    this.driver.reveal(questionId);
  };
  answer = (questionId: string, value: AnswerValue) => this.driver.answer(questionId, value);
}
