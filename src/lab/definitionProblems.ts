/**
 * What can be wrong with a lab definition without running its machine: steps that do not match
 * the machine's top-level states, a step without prose, questions that cannot be answered, a
 * stage showing a view the lab cannot fill.
 * The lab page refuses such a lab with a message; checkLab (tests/lab) adds the path checks.
 */
import type { LabDefinition } from './types';
import { topLevelStates } from './steps';
import { stageProblems } from './stage';
import { parseCommand } from '@sim/models/commands';

/** Every problem, as a sentence; empty when the definition is sound. */
export function definitionProblems(lab: LabDefinition): string[] {
  return [
    ...stepProblems(lab),
    ...questionProblems(lab),
    ...stageProblems(lab),
    ...whatIfProblems(lab),
  ];
}

/** A step's what-ifs have distinct ids, a moment after the start, and commands that parse. */
export function whatIfProblems(lab: LabDefinition): string[] {
  const problems: string[] = [];
  for (const step of lab.steps) {
    const ids = (step.whatIfs ?? []).map((w) => w.id);
    for (const w of step.whatIfs ?? []) {
      const where = `step “${step.id}”, what-if “${w.id}”`;
      if (ids.indexOf(w.id) !== ids.lastIndexOf(w.id)) problems.push(`${where} is listed twice`);
      if (!(w.atS > 0)) problems.push(`${where}: its moment must be after the run's start`);
      try {
        parseCommand(w.command);
      } catch (e) {
        problems.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return [...new Set(problems)];
}

/** Steps and top-level states match one to one, each step has prose, the first is initial. */
export function stepProblems(lab: LabDefinition): string[] {
  const problems: string[] = [];
  const states = topLevelStates(lab.machine);
  const ids = lab.steps.map((s) => s.id);
  if (ids.length === 0) return ['the lab has no steps'];
  for (const state of states) {
    const step = lab.steps.find((s) => s.id === state);
    if (!step) problems.push(`state “${state}” has no step (and so no prose)`);
    else if (step.prose.replace(/<[^>]*>/g, '').trim() === '')
      problems.push(`step “${state}” has no prose`);
  }
  for (const id of ids) {
    if (!states.includes(id)) problems.push(`step “${id}” is not a state of the machine`);
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`step “${id}” is listed twice`);
  }
  if (ids[0] !== lab.machine.config.initial)
    problems.push(`the first step “${ids[0]}” is not the machine's initial state`);
  return [...new Set(problems)];
}

/** Question ids are unique; a choice question has choices and its fixed right answer is one. */
export function questionProblems(lab: LabDefinition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { question: q } of lab.steps) {
    if (!q) continue;
    if (seen.has(q.id)) problems.push(`question “${q.id}” is asked twice`);
    seen.add(q.id);
    if (q.kind === 'choice') {
      if (q.choices.length < 2) problems.push(`question “${q.id}” needs at least two choices`);
      if (typeof q.correct === 'string' && !q.choices.some((c) => c.id === q.correct))
        problems.push(`question “${q.id}”: the right answer “${q.correct}” is not a choice`);
    }
  }
  return problems;
}
