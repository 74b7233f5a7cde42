/**
 * The runes face of a LabDriver: the same getters, made reactive with createSubscriber, so the
 * lab panel re-renders whenever the driver says something changed (a new state, an answer, a
 * frame that may have measured what a prediction waits for). Intents go straight to the driver.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { LabDriver } from '@lab/LabDriver';
import type { AnswerValue, LabControl } from '@lab/types';

export class LabRun {
  readonly #subscribe: () => void;

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

  controlValue(control: LabControl) {
    this.#subscribe();
    return this.driver.controlValue(control);
  }

  next = () => this.driver.next();
  setControl = (id: string, value: number) => this.driver.setControl(id, value);
  back = () => this.driver.back();
  restart = () => this.driver.restart();
  answer = (questionId: string, value: AnswerValue) => this.driver.answer(questionId, value);
}
