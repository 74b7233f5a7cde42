/**
 * What every lab view is given (one props type for all of them, so the lab page draws any
 * registered view the same way): the frame, the world, the parts and step on stage, what the
 * lab gave this view (LabDefinition.viewOptions), a way to give the run a command, and what the
 * lab page shares with its views.
 */
import type { TimedCommand } from '@runtime/Coordinator';
import type { RuntimeFrame } from '@runtime/frame';
import type { LabModels } from '@runtime/models';
import type { LabView, LabViewOptions, StageParts } from '@lab/types';
import type { Topology } from '@sim/topology';

/** A view's parts (StageParts), or none for a view made of one piece. */
export type PartOf<V extends LabView> = V extends keyof StageParts ? StageParts[V] : never;

export interface LabViewProps<V extends LabView = LabView> {
  frame: RuntimeFrame | null;
  topology: Topology;
  /** the parts the step shows (all of them when undefined, and while off stage) */
  parts?: PartOf<V>[];
  /** the step the student is at: a run belongs to the step it began in */
  step: string;
  /** what the lab gave this view ({} when nothing) */
  options: LabViewOptions[V];
  /** gives the run a command (the rollout's abort); a refused one is shown as a notice */
  give: (command: unknown) => void;
  page: LabPage;
  /**
   * this view shows the other run of a comparison, beside the page's: it is there to be read,
   * and offers no commands (the page's run takes them)
   */
  readonly?: boolean;
  /**
   * while two runs are compared, the other one, for a view that draws both runs itself
   * (registry.ts's `overlays`); null or absent otherwise
   */
  other?: OtherRun | null;
}

/** The other run of a comparison, as a view that overlays it reads it. */
export interface OtherRun {
  /**
   * the other run's latest frame: it visits the times of the page's frames, some of them (it
   * skips some when it falls behind), and goes back when the page's run goes back
   */
  readonly frame: RuntimeFrame | null;
  /** the page's run, named by its difference ("with your change at 12.0 s: load ×2") */
  readonly currentName: string;
  /** the other run's name ("as before") */
  readonly otherName: string;
}

/** What the lab page shares with its views. */
export interface LabPage {
  /** the model the lab runs, with its configuration (or several) */
  model: LabModels;
  /**
   * whether theory may be drawn: a reference line can be the answer to the step's question,
   * so it waits until the question has been answered
   */
  readonly theoryShown: boolean;
  /** the message open in a message list and lit in the sequence diagram (their numbering) */
  readonly selectedMessage: number | null;
  selectMessage: (index: number) => void;
  /**
   * the commands that took effect in this run, the lab's and the student's, with their times
   * (for charts' marks: a cut, a de-peering); read per frame, so a chart follows
   */
  readonly commands?: readonly TimedCommand[];
  /**
   * the number of the run the frames come from: a reset starts a new run (a step that runs
   * twice keeps the earlier one to compare); going back on the timeline replays the same one
   */
  readonly runNumber?: number;
}
