/**
 * A lab machine's states and transitions as plain data, for the statechart the lab panel draws
 * (our own drawing from `machine.root`: the Stately inspector would send the lab to an outside
 * site), and the states a snapshot is in, to light them.
 */
import type { AnyStateMachine, StateValue } from 'xstate';

export interface ChartTransition {
  /** how it reads: the event type, or "after 2000 ms" for a delay (simulated time) */
  label: string;
  /** dotted paths of the target states; empty for a transition that stays put */
  targets: string[];
  guarded: boolean;
}

export interface ChartState {
  /** dotted path from the root, e.g. `experiment.running` */
  path: string;
  key: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** whether it is the initial child of its parent */
  initial: boolean;
  transitions: ChartTransition[];
  children: ChartState[];
}

interface NodeLike {
  key: string;
  path: string[];
  type: ChartState['type'];
  initial?: { target: NodeLike[] };
  states: Record<string, NodeLike>;
  transitions: Map<string, { eventType: string; target?: NodeLike[]; guard?: unknown }[]>;
}

/** The machine's top-level states (the steps) with everything inside them. */
export function describeMachine(machine: AnyStateMachine): ChartState[] {
  const root = machine.root as unknown as NodeLike;
  return Object.values(root.states).map((n) => describe(n, root));
}

function describe(node: NodeLike, parent: NodeLike): ChartState {
  const transitions = [...node.transitions.values()].flat().map((t) => ({
    label: transitionLabel(t.eventType),
    targets: (t.target ?? []).map((s) => s.path.join('.')),
    guarded: t.guard !== undefined,
  }));
  return {
    path: node.path.join('.'),
    key: node.key,
    type: node.type,
    initial: parent.initial?.target.includes(node) ?? false,
    transitions,
    children: Object.values(node.states).map((c) => describe(c, node)),
  };
}

function transitionLabel(eventType: string): string {
  const delay = /^xstate\.after\.(\d+(?:\.\d+)?)\./.exec(eventType);
  return delay ? `after ${delay[1]} ms` : eventType;
}

/** Every state a snapshot value is in, as dotted paths: `{ a: 'b' }` → `a`, `a.b`. */
export function activePaths(value: StateValue, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (typeof value === 'string') {
    out.add(prefix + value);
    return out;
  }
  for (const [key, inner] of Object.entries(value)) {
    out.add(prefix + key);
    if (inner !== undefined) for (const p of activePaths(inner, `${prefix}${key}.`)) out.add(p);
  }
  return out;
}
