/**
 * What a lab is, as data: the definition a lab folder exports, its steps and questions, the
 * scenario it runs, and the events the runtime sends its machine. The runtime (LabDriver) turns
 * these into a running lab; a lab never touches the simulation except through the named actions
 * of simActions.ts.
 */
import type { AnyStateMachine } from 'xstate';
import type { RuntimeFrame } from '@runtime/frame';
import type { LabModels } from '@runtime/models';
import type { ScenarioInput } from '@sim/scenario/scenarioSchema';
import type { LabViewOptions } from './viewOptions';

export type {
  BgpViewOptions,
  LabViewOptions,
  RolloutViewOptions,
  TcpViewOptions,
} from './viewOptions';

/** What the home page shows before a lab is loaded (kept in `labs/<id>/about.ts`, small). */
export interface LabAbout {
  /** kebab-case, the folder name and the URL segment: `#/lab/<id>` */
  id: string;
  title: string;
  /** one or two sentences for the home page */
  summary: string;
  /** a fair estimate for a student working alone, minutes */
  minutes: number;
  /** its place in the order the home page suggests (1 first) */
  order: number;
}

/** The simulation a lab runs: what `SimSession` needs to build it. */
export interface LabScenario {
  /** scale, seed and network settings, validated by the runtime like any scenario */
  scenario: ScenarioInput;
  /** the model the shards run (an id in src/sim/models/registry.ts) and its configuration, or several */
  model: LabModels;
  /** how many workers; the lab's default is one (small labs step message by message) */
  workers?: number;
}

/**
 * A lab, with `C` the context of its machine (what its findings and expected answers read);
 * labs declare theirs with defineLab (src/lab/defineLab.ts).
 */
export interface LabDefinition<C = Record<string, unknown>> extends LabAbout, LabScenario {
  /**
   * `setup({...}).createMachine(...)`. Its top-level states are the steps, in the order of
   * `steps`; exactly one of them is final. Actions on the simulation are the names in
   * simActions (spread them into `setup({ actions })`); the runtime provides the real ones.
   */
  machine: AnyStateMachine;
  /** one per top-level state of the machine, in the order the student meets them */
  steps: LabStep<C>[];
  /**
   * the lab's own views besides the map, the sequence diagram (DNS and tcp labs) and the event
   * log, which every lab page can show; a step puts one or two of them on its stage
   */
  views?: LabView[];
  /**
   * what the lab gives each of its views besides the frames: the published figures a view
   * compares with, which connections form a chart (src/lab/viewOptions.ts)
   */
  viewOptions?: { [V in LabView]?: LabViewOptions[V] };
  /**
   * what the sequence diagram follows when several lookups or connections run at once: a
   * client group (node id) in a DNS lab, a connection (by name) in a tcp lab
   */
  follow?: { client?: number; connection?: string };
}

/**
 * 'dns-messages': the DNS messages, decoded; 'crowd-charts': the flash crowd second by second;
 * 'tcp-charts': the tcp model's connections (window, throughput, RTT) and what they measured;
 * 'rollout-charts': a release spreading over the fleet, and where many releases were aborted;
 * 'overlay-paths': the overlay's requests direct against relayed, and its measured paths and choice;
 * 'pageload-waterfall': page loads request by request (a waterfall), their times' parts, the
 * bytes on each leg and the origin's load.
 * Each is drawn by the component src/ui/views/registry.ts names for it.
 */
export type LabView =
  | 'dns-messages'
  | 'crowd-charts'
  | 'tcp-charts'
  | 'rollout-charts'
  | 'bgp-routing'
  | 'overlay-paths'
  | 'pageload-waterfall';

/**
 * What can fill a step's stage: the world map, the message sequence (time–space) diagram, the
 * event log, or one of the lab's views.
 */
export type StageView = 'map' | 'sequence' | 'event-log' | LabView;

/** The parts of the lab views made of several (charts, a table, the heat map, the fleet). */
export interface StageParts {
  'crowd-charts': 'charts' | 'regions';
  'tcp-charts': 'charts' | 'flight' | 'heatmap' | 'table';
  'rollout-charts': 'fleet' | 'timeline' | 'releases';
  'bgp-routing': 'tree' | 'log' | 'reach';
  'overlay-paths': 'requests' | 'paths';
  'pageload-waterfall': 'waterfall' | 'summary' | 'bytes' | 'origin';
}

/**
 * One box of a step's stage: a view, and for a view made of parts the parts this step is about
 * (all of them when omitted).
 */
export type StagePane =
  | { view: Exclude<StageView, keyof StageParts> }
  | { [V in keyof StageParts]: { view: V; parts?: StageParts[V][] } }[keyof StageParts];

export interface LabStep<C = Record<string, unknown>> {
  /** the top-level state of the machine this step is; also the URL segment `#/lab/<lab>/<id>` */
  id: string;
  title: string;
  /** the step's prose as HTML, from a Markdown import (`import prose from './content/x.md'`) */
  prose: string;
  /**
   * What fills the main area beside the panel while the student is at this step: one or two
   * panes, the first the larger (the map alone when omitted). The student can show any other
   * view in its place; the step's choice comes back at the next step.
   */
  stage?: (StageView | StagePane)[];
  question?: Question<C>;
  /**
   * What the step's experiment measured, for the panel to list beside the prose (label and
   * formatted value; empty until measured). Every value must come from the measurements.
   */
  findings?: (m: Measurements<C>) => Finding[];
  /**
   * Settings the student may change in this step (the panel shows a slider for each); a change
   * reaches the machine as `user.set { id, value }`, and the machine decides what it does.
   */
  controls?: LabControl[];
  /**
   * Changes the student may make to the run on the stage once the step's experiment has run:
   * each forks the run at an earlier moment and compares the two futures (the panel under the
   * timeline offers them; see src/ui/compare/whatIf.ts). A step whose prose asks for one makes
   * the comparison its experiment.
   */
  whatIfs?: LabWhatIf[];
}

/** "What if the Frankfurt data centre failed at the peak?": one change, and when to make it. */
export interface LabWhatIf {
  /** unique within the step */
  id: string;
  /** the button's words, an imperative ("Fail the Frankfurt data centre") */
  label: string;
  /** the change, a command of the lab's models or the world (validated with the lab) */
  command: Record<string, unknown> & { type: string };
  /**
   * The moment the change is made when the run stands where it had got to, simulated s (the
   * student who went back on the timeline makes it at the moment shown instead)
   */
  atS: number;
}

export interface LabControl {
  /** unique within the lab; the `id` of the `user.set` event */
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  /** the value until the student changes it (what the machine's context starts from) */
  initial: number;
  unit?: string;
}

export interface Finding {
  label: string;
  value: string;
}

/** What a question's expected value may depend on: what the simulation measured so far. */
export interface Measurements<C = Record<string, unknown>> {
  /** the machine's context (labs `assign` measured values into it from `sim.*` events) */
  context: C;
  /** every observation heard since the simulation last started, oldest first */
  observations: readonly Observation[];
  /** the latest frame (counters, percentiles), or null before the first */
  frame: RuntimeFrame | null;
}

/** An expected value fixed in advance, or read from the measurements (undefined: not yet measured). */
export type Expected<T, C = Record<string, unknown>> = T | ((m: Measurements<C>) => T | undefined);

interface QuestionBase {
  /** unique within the lab; answers are saved under it */
  id: string;
  /** predict before running, observe while or after running, explain afterwards */
  purpose: 'predict' | 'observe' | 'explain';
  /** the question, as plain text */
  prompt: string;
  /** shown with the verdict, right or wrong: why the answer is what it is */
  explanation: string;
}

export interface ChoiceQuestion<C = Record<string, unknown>> extends QuestionBase {
  kind: 'choice';
  choices: {
    id: string;
    label: string;
    /** said when this choice is picked */ feedback?: string;
  }[];
  /** the id of the right choice */
  correct: Expected<string, C>;
}

export interface NumberQuestion<C = Record<string, unknown>> extends QuestionBase {
  kind: 'number';
  /** shown after the input, e.g. 'ms' */
  unit?: string;
  expected: Expected<number, C>;
  /** accepted distance from the expected value: absolute, or relative (0.1 = within 10 %) */
  tolerance: { absolute: number } | { relative: number };
}

export type Question<C = Record<string, unknown>> = ChoiceQuestion<C> | NumberQuestion<C>;

/** What the student gave: a choice id or a number. */
export type AnswerValue = string | number;

/**
 * Something the model saw happen, as plain data on the frame (`RuntimeFrame.observations`).
 * `type` is dot-namespaced (`sim.queryAnswered`); the runtime sends it to the machine as is.
 */
export interface Observation {
  type: string;
  /** simulated time it happened, ns */
  timeNs: number;
  [field: string]: unknown;
}

/** Sent once per frame after its observations: guards can compare simulated time. */
export interface SimTickEvent {
  type: 'sim.tick';
  timeNs: number;
}

/** Sent to the machine when the simulation has been (re)built and sits paused at time 0. */
export interface SimStartedEvent {
  type: 'sim.started';
}

/** Sent when the student submits an answer; `correct` is undefined until it can be checked. */
export interface AnsweredEvent {
  type: 'user.answered';
  questionId: string;
  answer: AnswerValue;
  correct: boolean | undefined;
}

/** The student pressed Next; a machine moves on only where its guard allows. */
export interface NextEvent {
  type: 'user.next';
}

/** The student changed one of the step's controls; `value` is within its range. */
export interface SetEvent {
  type: 'user.set';
  id: string;
  value: number;
}

/**
 * The events the runtime itself sends a lab machine; a machine declares these, plus the
 * observation events of its model, in `setup({ types: { events } })`.
 */
export type LabRuntimeEvent = SimTickEvent | SimStartedEvent | AnsweredEvent | NextEvent | SetEvent;
