/**
 * The lab runtime: what a lab folder (`labs/<id>/`) builds on, and what the lab page runs.
 *
 * A lab author writes, with these:
 *   - `about.ts`: `export const about: LabAbout = { id, title, summary, minutes }`.
 *   - `machine.ts`: `setup({ types, actions: { ...simActions, ...own }, guards }).createMachine(...)`.
 *     Its top-level states are the steps (one of them `type: 'final'`); inner states are free.
 *     It acts on the simulation only through the simActions names (resetSim, playSim, pauseSim,
 *     setSimSpeed { nsPerSecond }, stepSimEvent, stepSimWindow, sendSimCommand { command },
 *     failNode { node }, restoreNode { node }), queued in order on the live run. It hears:
 *     the model's observations as events (`sim.queryAnswered`, …, with `timeNs`), `sim.tick
 *     { timeNs }` after each frame, `sim.started` after each reset, `user.answered
 *     { questionId, answer, correct }`, and `user.next` (Next is enabled exactly when the
 *     current state can take `user.next` and the step's question is answered). `after` delays
 *     count simulated milliseconds.
 *   - A step can be opened directly (a shared link, a reload, Back): its entry actions must set
 *     up what it needs, starting with `resetSim` if it depends on the run's state.
 *   - `content/<step>.md`: the prose, imported as an HTML string (`import x from './content/x.md'`).
 *   - `index.ts`: `export const lab: LabDefinition = { ...about, scenario, model, machine, steps }`
 *     with `steps: LabStep[]` in order, each `{ id: <state>, title, prose, question? }`.
 *   - a test calling `checkLab(lab, { events })` from tests/lab/checkLab.ts.
 * See labs/README.md for the whole contract.
 */
export type {
  AnswerValue,
  AnsweredEvent,
  ChoiceQuestion,
  Expected,
  Finding,
  LabAbout,
  LabControl,
  LabDefinition,
  LabRuntimeEvent,
  LabScenario,
  LabStep,
  LabView,
  Measurements,
  NextEvent,
  NumberQuestion,
  Observation,
  Question,
  SetEvent,
  SimStartedEvent,
  SimTickEvent,
} from './types';
export { simActions, type SimActionName } from './simActions';
export type { LabSim } from './LabSim';
export { SimTimeClock } from './SimTimeClock';
export { createLabActor, type LabActor, type LabActorOptions } from './createLabActor';
export { LabDriver, observationsOf, type LabDriverOptions } from './LabDriver';
export { checkAnswer, parseNumberAnswer, type Verdict } from './questions';
export { loadProgress, saveProgress, clearProgress, type Progress } from './progressStore';
export { labHash, parseLabPath } from './labRoute';
export { definitionProblems } from './definitionProblems';
export { describeMachine, activePaths, type ChartState, type ChartTransition } from './statechart';
