/**
 * Demo scripts: a lecturer's recorded sequence of cues (open a step, move a setting, give a
 * command, run to a time, go to a moment on the timeline, compare the two runs of a fork) for
 * one lab, saved as a small JSON file and replayed one cue at a time
 * (the player waits before each cue for "next cue"). The schema, the reader (an imported file is
 * untrusted: every problem gets a message naming it), the recorder and the player are plain TS;
 * the page gives the player a DemoStage that acts on the live lab.
 */
import * as v from 'valibot';
import { commandSchema, type SimCommand } from '@sim/models/commands';
import { MAX_MOMENT_SECONDS } from './shareState';
import type { LabDefinition } from './types';

export const DEMO_FORMAT = 'edge-lab-demo';
export const DEMO_VERSION = 1;
/** Larger files are refused before they are parsed (a script of 200 cues is about 30 KB). */
export const MAX_DEMO_BYTES = 100_000;
export const MAX_CUES = 200;
const ACTIONS = ['step', 'set', 'command', 'runTo', 'goTo', 'compare'] as const;

const note = v.optional(v.pipe(v.string(), v.maxLength(200, 'a note may have 200 characters')));
const name = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'this is not a name'));
const seconds = v.pipe(
  v.number('this must be a number of seconds'),
  v.minValue(0, 'a time must not be negative'),
  v.maxValue(MAX_MOMENT_SECONDS, `a time must be at most ${MAX_MOMENT_SECONDS} s (a week)`),
);
/** Simulated seconds to fast-forward to before the cue acts (the time it was recorded at). */
const at = v.optional(seconds);

const cueSchema = v.variant('do', [
  v.object({ do: v.literal('step'), step: name, note }),
  v.object({ do: v.literal('set'), id: name, value: v.pipe(v.number(), v.finite()), at, note }),
  v.object({ do: v.literal('command'), command: commandSchema, at, note }),
  v.object({ do: v.literal('runTo'), seconds, note }),
  // Back (or on) to a moment, paused: a command after it forks the run (src/runtime/fork.ts).
  v.object({ do: v.literal('goTo'), seconds, note }),
  v.object({ do: v.literal('compare'), note }),
]);

const scriptSchema = v.object({
  format: v.literal(DEMO_FORMAT),
  version: v.literal(DEMO_VERSION),
  lab: name,
  title: v.pipe(v.string(), v.maxLength(200, 'the title may have 200 characters')),
  /** the run's seed when recorded */
  seed: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  /** the step the replay opens (afresh) before the first cue */
  start: name,
  cues: v.pipe(v.array(cueSchema), v.maxLength(MAX_CUES, `a script may have ${MAX_CUES} cues`)),
});

export type DemoCue = v.InferOutput<typeof cueSchema>;
export type DemoScript = v.InferOutput<typeof scriptSchema>;

export interface ReadScript {
  script: DemoScript | null;
  /** why the file was refused, for the lecturer ('' when it was read) */
  problem: string;
}

const refuse = (why: string): ReadScript => ({
  script: null,
  problem: `This demo script cannot be used: ${why}.`,
});

/** `cues.2.value` → `cue 3, value`: where in the file the problem is, as a person counts. */
function where(path: string | undefined): string {
  if (!path) return '';
  return path
    .replace(/^cues\.(\d+)/, (_, i: string) => `cue ${Number(i) + 1}`)
    .replace(/\./g, ', ');
}

/**
 * Reads an imported file's text and checks it against the lab it is loaded into. `bytes` is the
 * file's size (the caller checks it before reading a huge file; it is checked again here).
 */
export function readDemoScript(text: string, lab: LabDefinition, bytes = text.length): ReadScript {
  if (bytes > MAX_DEMO_BYTES)
    return refuse(
      `the file is ${bytes.toLocaleString('en-GB')} bytes, more than the ${MAX_DEMO_BYTES.toLocaleString('en-GB')} a script may have`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('it is not a JSON file');
  }
  const head = json as { format?: unknown; version?: unknown; cues?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== DEMO_FORMAT)
    return refuse('it is not an Edge Lab demo script');
  if (head.version !== DEMO_VERSION)
    return refuse(
      `it is version ${JSON.stringify(head.version)}; this Edge Lab reads version ${DEMO_VERSION}`,
    );
  // An unknown action is the likeliest mistake in a hand-edited file: name it plainly.
  if (Array.isArray(head.cues))
    for (const [i, cue] of head.cues.entries()) {
      const action = (cue as { do?: unknown } | null)?.do;
      if (!ACTIONS.includes(action as (typeof ACTIONS)[number]))
        return refuse(
          `cue ${i + 1} has an unknown action ${JSON.stringify(action)} (known: ${ACTIONS.join(', ')})`,
        );
    }
  const parsed = v.safeParse(scriptSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const at = where(v.getDotPath(issue) ?? undefined);
    return refuse(`${at ? `${at}: ` : ''}${issue.message}`);
  }
  const script = parsed.output;
  const problem = labProblem(script, lab);
  return problem ? refuse(problem) : { script, problem: '' };
}

/** What in a valid script does not fit this lab (a step or setting it lacks, a value out of range). */
function labProblem(script: DemoScript, lab: LabDefinition): string {
  if (script.lab !== lab.id) return `it was recorded in the lab “${script.lab}”, not this one`;
  const stepIds = new Set(lab.steps.map((s) => s.id));
  if (!stepIds.has(script.start)) return `this lab has no step “${script.start}” to start from`;
  const controls = lab.steps.flatMap((s) => s.controls ?? []);
  for (const [i, cue] of script.cues.entries()) {
    if (cue.do === 'step' && !stepIds.has(cue.step))
      return `cue ${i + 1}: this lab has no step “${cue.step}”`;
    if (cue.do === 'set') {
      const c = controls.find((x) => x.id === cue.id);
      if (!c) return `cue ${i + 1}: this lab has no setting “${cue.id}”`;
      if (cue.value < c.min || cue.value > c.max)
        return `cue ${i + 1}: “${c.label}” must be from ${c.min} to ${c.max}, not ${cue.value}`;
    }
  }
  return '';
}

/** A cue in words, for the player's "next:" line. */
export function describeCue(cue: DemoCue, lab: LabDefinition): string {
  const when = 'at' in cue && cue.at !== undefined && cue.at > 0 ? ` at t = ${cue.at} s` : '';
  const what = (() => {
    switch (cue.do) {
      case 'step':
        return `Open the step “${lab.steps.find((s) => s.id === cue.step)?.title ?? cue.step}”`;
      case 'set': {
        const c = lab.steps.flatMap((s) => s.controls ?? []).find((x) => x.id === cue.id);
        return `Set “${c?.label ?? cue.id}” to ${cue.value}${c?.unit ? ` ${c.unit}` : ''}`;
      }
      case 'command':
        return `Send ${describeCommand(cue.command)}`;
      case 'runTo':
        return `Run to t = ${cue.seconds} s`;
      case 'goTo':
        return `Go to t = ${cue.seconds} s on the timeline`;
      case 'compare':
        return 'Compare the two runs';
    }
  })();
  return `${what}${when}${cue.note ? ` — ${cue.note}` : ''}`;
}

function describeCommand(c: SimCommand): string {
  const { type, ...rest } = c;
  const fields = Object.entries(rest).map(([k, x]) => `${k} ${String(x)}`);
  return fields.length > 0 ? `${type} (${fields.join(', ')})` : type;
}

/** Collects cues while the lecturer works; `script()` is what is exported. */
export class DemoRecorder {
  readonly cues: DemoCue[] = [];

  constructor(
    readonly lab: string,
    readonly start: string,
    readonly seed: number,
  ) {}

  add(cue: DemoCue): void {
    if (this.cues.length < MAX_CUES) this.cues.push(cue);
  }

  script(title: string): DemoScript {
    return {
      format: DEMO_FORMAT,
      version: DEMO_VERSION,
      lab: this.lab,
      title,
      seed: this.seed,
      start: this.start,
      cues: [...this.cues],
    };
  }
}

/** What the player needs from the live lab. */
export interface DemoStage {
  /** opens a step as the lab's Back does; `fresh` rebuilds the simulation first */
  goToStep(stepId: string, fresh: boolean): void;
  /** false when the open step has no such setting */
  setControl(id: string, value: number): boolean;
  command(command: SimCommand): void;
  /** fast-forwards (paused) to simulated time `ns` */
  runTo(ns: number): Promise<void>;
  /** goes to simulated time `ns`, back or on, paused there (the timeline's trip) */
  goTo(ns: number): Promise<void>;
  /** plays the fork's other run beside this one; false when the run has no fork */
  compare(): boolean;
  nowNs(): number;
  /** resolves once the lab's queued simulation actions have run */
  settled(): Promise<void>;
}

/**
 * Replays a script: `begin` opens the start step afresh, then each `next` runs one cue
 * (fast-forwarding first to the time it was recorded at) and stops before the following one.
 */
export class DemoPlayer {
  #index = 0;
  #busy = false;

  constructor(readonly script: DemoScript) {}

  /** the cue `next` will run (0-based); equals the cue count when done */
  get index(): number {
    return this.#index;
  }
  get done(): boolean {
    return this.#index >= this.script.cues.length;
  }
  get upcoming(): DemoCue | undefined {
    return this.script.cues[this.#index];
  }

  async begin(stage: DemoStage): Promise<void> {
    this.#index = 0;
    stage.goToStep(this.script.start, true);
    await stage.settled();
  }

  /** Runs the next cue; false when there was none or one is still running. */
  async next(stage: DemoStage): Promise<boolean> {
    const cue = this.upcoming;
    if (!cue || this.#busy) return false;
    this.#busy = true;
    try {
      await runCue(cue, stage);
      this.#index++;
      return true;
    } finally {
      this.#busy = false;
    }
  }
}

async function runCue(cue: DemoCue, stage: DemoStage): Promise<void> {
  const atS = cue.do === 'runTo' ? cue.seconds : 'at' in cue ? (cue.at ?? 0) : 0;
  const atNs = Math.round(atS * 1e9);
  if (atNs > stage.nowNs() && cue.do !== 'goTo') await stage.runTo(atNs);
  switch (cue.do) {
    case 'step':
      stage.goToStep(cue.step, false);
      break;
    case 'set':
      if (!stage.setControl(cue.id, cue.value))
        throw new Error(`the step open now has no setting “${cue.id}” (was a step cue left out?)`);
      break;
    case 'command':
      stage.command(cue.command);
      break;
    case 'runTo':
      break;
    case 'goTo':
      await stage.goTo(Math.round(cue.seconds * 1e9));
      break;
    case 'compare':
      if (!stage.compare())
        throw new Error(
          'the run has no fork to compare (a command given after going back makes one; was it left out?)',
        );
      break;
  }
  await stage.settled();
}
