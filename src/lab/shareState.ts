/**
 * A shareable moment of a lab: the link `#/lab/<lab>/<step>?seed=…&t=…&to=…&set=…&do=…` names
 * the step, the seed, each control the student changed, each command the student gave (with its
 * simulated time) and the moment shown; `to` how far the run had got when the student went back
 * to that moment on the timeline. A fork (a change made at an earlier moment, src/runtime/fork.ts)
 * adds `fork=<at>,<head>,<n>` (its moment, how far the other run had got, and how many of the
 * `do` commands both runs share), `was=…` (the other run's own commands after the fork) and
 * `cmp=1` when the two runs were being compared. Encoding and reading are pure; reading checks
 * everything with valibot (the link is untrusted) and refuses the whole moment when any part
 * is wrong, so a student never sees a half-restored run that looks like the lecturer's.
 */
import * as v from 'valibot';
import { commandSchema, type SimCommand } from '@sim/models/commands';
import { labHash, parseLabPath } from './labRoute';
import type { LabDefinition } from './types';

/** The longest link (from `#` on) a moment may take: it must fit on a slide or in a chat. */
export const MAX_SHARE_LINK = 2_000;
/** The latest simulated time a link may ask for (a week; labs run minutes to hours). */
export const MAX_MOMENT_SECONDS = 604_800;
/** Numbers in messages as people write them (2,000). */
const n = (x: number) => x.toLocaleString('en-GB');

/** At most this many commands in one link (the length limit usually bites first). */
export const MAX_MOMENT_COMMANDS = 50;

export interface MomentCommand {
  /** simulated time the student gave it, ns */
  atNs: number;
  command: SimCommand;
}

/**
 * A fork kept in a moment: the run changed at `atNs`, and the future it had before (the other
 * run) is kept to compare. The other run is the first `common` of the moment's commands, then
 * `commands`, played to `headNs`.
 */
export interface MomentFork {
  atNs: number;
  /** how far the other run had got, ns */
  headNs: number;
  /** how many of the moment's commands (from the first) the two runs share */
  common: number;
  /** the other run's own commands after the fork, in order */
  commands: MomentCommand[];
  /** the two runs were being compared */
  compare: boolean;
}

export interface LabMoment {
  /** the run's seed, or null for the lab's own */
  seed: number | null;
  /** the moment shown, simulated ns, or null to stay where the step starts */
  timeNs: number | null;
  /**
   * how far the run had got, ns, when later than the moment shown (the student went back on
   * the timeline); null when the run stood at the moment
   */
  headNs: number | null;
  /** control id → value, only those the student changed */
  controls: Record<string, number>;
  /** the student's own commands, in the order given (those after the moment included) */
  commands: MomentCommand[];
  /** a fork, or null */
  fork: MomentFork | null;
}

export const emptyMoment = (): LabMoment => ({
  seed: null,
  timeNs: null,
  headNs: null,
  controls: {},
  commands: [],
  fork: null,
});

/** Query keys this module owns; other keys (an embed flag, a theme) are left to others. */
const KEYS = ['seed', 't', 'to', 'set', 'do', 'fork', 'was', 'cmp'] as const;

const CONTROL_ID = /^[A-Za-z0-9_-]{1,40}$/;
const NUMBER = /^-?\d{1,15}(\.\d{1,9})?$/;

/** Seconds as the shortest decimal that reads back to the same ns. */
function seconds(ns: number): string {
  // Fixed notation: String(1e-9) would be "1e-9", which the reader rejects.
  return (Math.round(ns) / 1e9).toFixed(9).replace(/\.?0+$/, '');
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

/** One command as `<seconds>~<type>[~<base64url JSON of its other fields>]`. */
function encodeCommand({ atNs, command }: MomentCommand): string {
  const { type, ...rest } = command;
  const fields = Object.keys(rest).length > 0 ? `~${toBase64Url(JSON.stringify(rest))}` : '';
  return `${seconds(atNs)}~${type}${fields}`;
}

export interface ShareLink {
  hash: string;
  /** why no link can be given ('' when it can): it would be longer than MAX_SHARE_LINK */
  problem: string;
}

/** The link for a moment (the step's plain link when nothing was changed). */
export function momentHash(labId: string, stepId: string, moment: LabMoment): ShareLink {
  const parts: string[] = [];
  if (moment.seed !== null) parts.push(`seed=${moment.seed}`);
  if (moment.timeNs !== null && moment.timeNs > 0) parts.push(`t=${seconds(moment.timeNs)}`);
  if (moment.headNs !== null && moment.headNs > (moment.timeNs ?? 0))
    parts.push(`to=${seconds(moment.headNs)}`);
  const set = Object.entries(moment.controls).map(([id, value]) => `${id}:${value}`);
  if (set.length > 0) parts.push(`set=${set.join(',')}`);
  for (const c of moment.commands) parts.push(`do=${encodeCommand(c)}`);
  const fork = moment.fork;
  if (fork) {
    parts.push(`fork=${seconds(fork.atNs)},${seconds(fork.headNs)},${fork.common}`);
    for (const c of fork.commands) parts.push(`was=${encodeCommand(c)}`);
    if (fork.compare) parts.push('cmp=1');
  }
  const hash = labHash(labId, stepId) + (parts.length > 0 ? `?${parts.join('&')}` : '');
  const problem =
    hash.length > MAX_SHARE_LINK
      ? `This moment needs a link of ${n(hash.length)} characters, more than the ${n(MAX_SHARE_LINK)} a shared link may have (it holds ${moment.commands.length} commands). Record a demo script instead: it has no such limit.`
      : '';
  return { hash, problem };
}

// ---- reading -------------------------------------------------------------------------------

const seedSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,16}$/, 'the seed must be a whole number from 0 up'),
  v.transform(Number),
  v.safeInteger('the seed is too large'),
);

const secondsSchema = (what: string) =>
  v.pipe(
    v.string(),
    v.regex(NUMBER, `${what} must be a number of seconds`),
    v.transform(Number),
    v.minValue(0, `${what} must not be negative`),
    v.maxValue(MAX_MOMENT_SECONDS, `${what} must be at most ${MAX_MOMENT_SECONDS} s (a week)`),
    v.transform((s) => Math.round(s * 1e9)),
  );

const controlSchema = v.pipe(
  v.string(),
  v.regex(/^[^:]+:[^:]+$/, 'each setting must read id:value'),
  v.transform((s) => s.split(':') as [string, string]),
  v.check(([id]) => CONTROL_ID.test(id), 'a setting’s name has characters it may not have'),
  v.check(([, value]) => NUMBER.test(value), 'a setting’s value must be a number'),
);

function message(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues[0]?.message ?? 'it could not be read';
}

export interface ReadMoment {
  /** null when the link names no moment, or when it could not be read (see problems) */
  moment: LabMoment | null;
  /** for the student: what was wrong with the link; empty when it was fine */
  problems: string[];
}

/**
 * Reads the moment in a lab link (`#/lab/<lab>/<step>?…`). Keys it does not own are ignored.
 * A link longer than MAX_SHARE_LINK is not read at all.
 */
export function readMoment(hash: string): ReadMoment {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const query = q < 0 ? '' : raw.slice(q + 1);
  if (hash.length > MAX_SHARE_LINK)
    return refuse(
      `This link is ${n(hash.length)} characters long, more than the ${n(MAX_SHARE_LINK)} a shared moment may have (was it cut or pasted twice?).`,
    );
  const params = new URLSearchParams(query);
  if (!KEYS.some((k) => params.has(k))) return { moment: null, problems: [] };
  const moment = emptyMoment();
  for (const k of ['seed', 't', 'to', 'set', 'fork', 'cmp'] as const)
    if (params.getAll(k).length > 1) return refuse(`it names “${k}” more than once`);

  const rawSeed = params.get('seed');
  if (rawSeed !== null) {
    const r = v.safeParse(seedSchema, rawSeed);
    if (!r.success) return refuse(`${message(r.issues)} (got “${rawSeed}”)`);
    moment.seed = r.output;
  }
  const rawT = params.get('t');
  if (rawT !== null) {
    const r = v.safeParse(secondsSchema('the time'), rawT);
    if (!r.success) return refuse(`${message(r.issues)} (got “${rawT}”)`);
    moment.timeNs = r.output;
  }
  const rawTo = params.get('to');
  if (rawTo !== null) {
    const r = v.safeParse(secondsSchema('how far the run had got'), rawTo);
    if (!r.success) return refuse(`${message(r.issues)} (got “${rawTo}”)`);
    if (moment.timeNs === null || r.output < moment.timeNs)
      return refuse('how far the run had got (“to”) must come with a moment no later than it');
    moment.headNs = r.output;
  }
  const rawSet = params.get('set');
  if (rawSet !== null) {
    // A Map, so that an id such as `__proto__` or `constructor` is just a (wrong) name.
    const controls = new Map<string, number>();
    for (const item of rawSet.split(',')) {
      const r = v.safeParse(controlSchema, item);
      if (!r.success) return refuse(`${message(r.issues)} (got “${item}”)`);
      const [id, value] = r.output;
      if (controls.has(id)) return refuse(`it sets “${id}” twice`);
      controls.set(id, Number(value));
    }
    moment.controls = Object.fromEntries(controls);
  }
  const rawCommands = params.getAll('do');
  const rawOther = params.getAll('was');
  if (rawCommands.length + rawOther.length > MAX_MOMENT_COMMANDS)
    return refuse(
      `it holds ${rawCommands.length + rawOther.length} commands, more than ${MAX_MOMENT_COMMANDS}`,
    );
  const commands = readCommands(rawCommands, 'command');
  if (typeof commands === 'string') return refuse(commands);
  moment.commands = commands;
  const lastNs = commands.at(-1)?.atNs ?? 0;
  const endNs = moment.headNs ?? moment.timeNs;
  if (endNs !== null && endNs < lastNs)
    return refuse(
      moment.headNs === null
        ? 'its time is earlier than its last command'
        : 'how far the run had got is earlier than its last command',
    );
  const fork = readFork(params.get('fork'), rawOther, params.get('cmp'), commands);
  if (typeof fork === 'string') return refuse(fork);
  moment.fork = fork;
  return { moment, problems: [] };
}

/** Commands in the order given, each no earlier than the one before. */
function readCommands(items: string[], what: string): MomentCommand[] | string {
  const commands: MomentCommand[] = [];
  for (const [i, item] of items.entries()) {
    const read = readCommand(item);
    if (typeof read === 'string') return `${what} ${i + 1}: ${read}`;
    if (read.atNs < (commands.at(-1)?.atNs ?? 0))
      return `${what} ${i + 1} is earlier than the one before it`;
    commands.push(read);
  }
  return commands;
}

/**
 * The fork of a link (`fork=<at>,<head>,<n>`, `was=…`, `cmp=1`), checked against the moment's
 * commands: the shared ones come no later than the fork, the current run's own at or after it,
 * and the other run's own after it and no later than where that run had got.
 */
function readFork(
  raw: string | null,
  rawOther: string[],
  rawCompare: string | null,
  commands: MomentCommand[],
): MomentFork | null | string {
  if (raw === null) {
    if (rawOther.length > 0 || rawCompare !== null)
      return '“was” and “cmp” describe a fork, and it names none';
    return null;
  }
  const [at, head, common, extra] = raw.split(',');
  if (common === undefined || extra !== undefined) return 'the fork must read at,head,count';
  const atNs = v.safeParse(secondsSchema('the fork’s time'), at);
  if (!atNs.success) return message(atNs.issues);
  const headNs = v.safeParse(secondsSchema('how far the other run had got'), head);
  if (!headNs.success) return message(headNs.issues);
  if (headNs.output < atNs.output) return 'the other run must have got past the fork';
  if (!/^\d{1,3}$/.test(common) || Number(common) > commands.length)
    return `the fork shares ${common} commands, and the link has ${commands.length}`;
  const shared = Number(common);
  if (commands.slice(0, shared).some((c) => c.atNs > atNs.output))
    return 'a command both runs share comes after the fork';
  if (commands.slice(shared).some((c) => c.atNs < atNs.output))
    return 'a command of the changed run comes before the fork';
  const other = readCommands(rawOther, 'the other run’s command');
  if (typeof other === 'string') return other;
  if (other.some((c) => c.atNs <= atNs.output || c.atNs > headNs.output))
    return 'the other run’s commands must come after the fork and before where it had got';
  if (rawCompare !== null && rawCompare !== '1') return '“cmp” must be 1';
  return {
    atNs: atNs.output,
    headNs: headNs.output,
    common: shared,
    commands: other,
    compare: rawCompare === '1',
  };
}

function readCommand(item: string): MomentCommand | string {
  const [at, type, fields, extra] = item.split('~');
  if (type === undefined || extra !== undefined) return 'it must read seconds~type[~fields]';
  const time = v.safeParse(secondsSchema('its time'), at);
  if (!time.success) return message(time.issues);
  let rest: object = {};
  if (fields !== undefined) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(fromBase64Url(fields));
    } catch {
      return 'its fields could not be decoded';
    }
    if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
      return 'its fields are not an object';
    rest = decoded;
  }
  const cmd = v.safeParse(commandSchema, { ...rest, type });
  if (!cmd.success) return `“${type}” is not a command this lab knows, or its values are wrong`;
  return { atNs: time.output, command: cmd.output as SimCommand };
}

function refuse(why: string): ReadMoment {
  const what = why.startsWith('This link')
    ? why
    : `The shared moment in this link was ignored: ${why}.`;
  return { moment: null, problems: [`${what} Opening the step with the lab’s defaults.`] };
}

/**
 * What in a moment does not fit the lab: a step it lacks, or a control the step lacks or a
 * value outside its range. Empty when the moment fits.
 */
export function momentProblems(
  moment: LabMoment,
  lab: LabDefinition,
  stepId: string | null,
): string[] {
  const step = lab.steps.find((s) => s.id === stepId);
  if (!step) return Object.keys(moment.controls).length > 0 ? ['it names no step'] : [];
  const problems: string[] = [];
  for (const [id, value] of Object.entries(moment.controls)) {
    const c = step.controls?.find((x) => x.id === id);
    if (!c) problems.push(`the step “${step.title}” has no setting “${id}”`);
    else if (value < c.min || value > c.max)
      problems.push(`“${c.label}” must be from ${c.min} to ${c.max} (got ${value})`);
  }
  return problems;
}

/**
 * Reads a lab link and checks it against the lab: the moment to restore, or null with the
 * reasons (each naming what was wrong and that the lab's defaults are used).
 */
export function readLabMoment(hash: string, lab: LabDefinition): ReadMoment {
  const read = readMoment(hash);
  if (!read.moment) return read;
  const raw = hash.replace(/^#/, '').split('?')[0];
  const problems = momentProblems(read.moment, lab, parseLabPath(raw)?.stepId ?? null);
  return problems.length > 0 ? refuse(problems.join('; ')) : read;
}
