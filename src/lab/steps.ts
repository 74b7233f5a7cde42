/**
 * Steps are the top-level states of a lab's machine. These helpers find the step a snapshot is
 * in, and decide which step to open from a link and from saved progress.
 */
import { createMachine, type AnyStateMachine, type StateValue } from 'xstate';
import type { LabDefinition, LabStep } from './types';

/** The names of the machine's top-level states, in the order they are written. */
export function topLevelStates(machine: AnyStateMachine): string[] {
  return Object.keys(machine.root.states);
}

/** The step (top-level state) a snapshot's value is in. */
export function stepOfValue(value: StateValue): string {
  return typeof value === 'string' ? value : Object.keys(value)[0];
}

export function findStep(lab: LabDefinition, stepId: string): LabStep | undefined {
  return lab.steps.find((s) => s.id === stepId);
}

/**
 * The same machine, starting at `stepId` instead of its first step: the step's entry actions
 * run as if the student had just arrived there (which is what a link, a reload or Back means).
 */
export function machineStartingAt(machine: AnyStateMachine, stepId: string): AnyStateMachine {
  if (!(stepId in machine.root.states)) throw new Error(`the lab has no step “${stepId}”`);
  if (machine.config.initial === stepId) return machine;
  return createMachine({ ...machine.config, initial: stepId }, machine.implementations);
}

export interface StartingStep {
  stepId: string;
  /** why the step asked for was not used, for the student; empty when it was */
  problems: string[];
}

/**
 * Which step to open: the one the link names, else the saved one, else the first. A step the
 * lab does not have is reported and skipped.
 */
export function startingStep(
  lab: LabDefinition,
  linked: string | null,
  saved: string | null,
): StartingStep {
  const problems: string[] = [];
  if (linked !== null && findStep(lab, linked)) return { stepId: linked, problems };
  const resume = saved !== null && findStep(lab, saved) !== undefined;
  if (linked !== null)
    problems.push(
      `The lab “${lab.title}” has no step “${linked}”; opening ${resume ? 'where you were' : 'its first step'}.`,
    );
  return { stepId: resume ? saved! : lab.steps[0].id, problems };
}
