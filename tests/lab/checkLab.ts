/**
 * The check every lab's test runs: `checkLab(lab)` throws, naming each problem, unless
 * - every top-level state of the machine is a step with prose, and every step a state;
 * - walking the machine with @xstate/graph over every event it handles reaches every state;
 * - from every reachable state the final state can still be reached (no dead ends, no loops
 *   without a way out), so every path ends in the final state.
 * Events whose guards read data (a `sim.tick`'s time, an observation's fields) need sample
 * payloads: pass them in `events`. `user.answered` samples (right and wrong, for each of the
 * lab's questions) are added automatically.
 */
import {
  getAdjacencyMap,
  getShortestPaths,
  serializeSnapshot,
  type AdjacencyValue,
} from '@xstate/graph';
import {
  __unsafe_getAllOwnEventDescriptors as eventTypesOf,
  pathToStateValue,
  type AnyMachineSnapshot,
  type EventObject,
} from 'xstate';
import { definitionProblems } from '@lab/definitionProblems';
import type { LabDefinition } from '@lab/types';

export interface LabCheckOptions {
  /** sample events by type; a handled type without a sample is sent as `{ type }` alone */
  events?: EventObject[];
  /** most distinct states to explore (a context that counts forever would never end) */
  limit?: number;
}

export interface LabCheckResult {
  problems: string[];
  /** distinct states reached, and distinct ends (final state and context) reached */
  states: number;
  pathsToEnd: number;
}

export function checkLab(lab: LabDefinition, options: LabCheckOptions = {}): LabCheckResult {
  const result = inspectLab(lab, options);
  if (result.problems.length > 0)
    throw new Error(`Lab “${lab.id}” has problems:\n- ${result.problems.join('\n- ')}`);
  return result;
}

export function inspectLab(lab: LabDefinition, options: LabCheckOptions = {}): LabCheckResult {
  const problems = definitionProblems(lab);
  const { machine } = lab;
  const samples = [...(options.events ?? []), ...answerSamples(lab)];
  const events = (s: AnyMachineSnapshot): EventObject[] =>
    eventTypesOf(s)
      .filter((type) => !type.includes('*'))
      .flatMap((type) => {
        const given = samples.filter((e) => e.type === type);
        return given.length > 0 ? given : [{ type }];
      });
  const traversal = { events, limit: options.limit ?? 5_000 };

  let adjacency: Record<string, AdjacencyValue<AnyMachineSnapshot, EventObject>>;
  try {
    adjacency = getAdjacencyMap(machine, traversal) as typeof adjacency;
  } catch (e) {
    problems.push(`walking the machine failed: ${e instanceof Error ? e.message : String(e)}`);
    return { problems, states: 0, pathsToEnd: 0 };
  }
  const snapshots = Object.values(adjacency).map((a) => a.state);

  for (const node of allStateNodes(machine.root)) {
    if (node.path.length === 0) continue;
    const value = pathToStateValue(node.path);
    if (!snapshots.some((s) => s.matches(value)))
      problems.push(`state “${node.path.join('.')}” is never reached`);
  }

  // From which states can the end still be reached? Walk the transitions backwards from it.
  const canFinish = new Set(
    Object.keys(adjacency).filter((k) => adjacency[k].state.status === 'done'),
  );
  if (canFinish.size === 0) problems.push('no path reaches the final state');
  for (let grew = true; grew;) {
    grew = false;
    for (const [key, { transitions }] of Object.entries(adjacency)) {
      if (canFinish.has(key)) continue;
      const next = Object.values(transitions).map((t) => serializeSnapshot(t.state));
      if (next.some((k) => canFinish.has(k))) {
        canFinish.add(key);
        grew = true;
      }
    }
  }
  for (const [key, { state }] of Object.entries(adjacency)) {
    if (!canFinish.has(key))
      problems.push(`from state ${JSON.stringify(state.value)} the lab can never finish`);
  }

  // One shortest path to each distinct end (enumerating every simple path instead grows
  // exponentially with the steps; that every path can end is proven above).
  const pathsToEnd =
    problems.length === 0
      ? getShortestPaths(machine, {
          ...traversal,
          toState: (s: AnyMachineSnapshot) => s.status === 'done',
        }).length
      : 0;
  return { problems, states: snapshots.length, pathsToEnd };
}

function answerSamples(lab: LabDefinition): EventObject[] {
  return lab.steps.flatMap(({ question: q }) =>
    q ? [true, false].map((correct) => ({ type: 'user.answered', questionId: q.id, correct })) : [],
  );
}

interface NodeLike {
  path: string[];
  states: Record<string, NodeLike>;
}

function allStateNodes(node: NodeLike): NodeLike[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)];
}
