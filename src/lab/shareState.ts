/**
 * A shareable moment of a lab: the link `#/lab/<lab>/<step>?seed=…&t=…&set=…&do=…` names the
 * step, the seed, each control the student changed, each command the student gave (with its
 * simulated time) and the simulated time reached. Encoding and reading are pure; reading checks
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

export interface LabMoment {
  /** the run's seed, or null for the lab's own */
  seed: number | null;
  /** simulated time to run to, ns, or null to stay where the step starts */
  timeNs: number | null;
  /** control id → value, only those the student changed */
  controls: Record<string, number>;
  /** the student's own commands, in the order given */
  commands: MomentCommand[];
}

export const emptyMoment = (): LabMoment => ({
  seed: null,
  timeNs: null,
  controls: {},
  commands: [],
});

/** Query keys this module owns; other keys (an embed flag, a theme) are left to others. */
const KEYS = ['seed', 't', 'set', 'do'] as const;

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
  const set = Object.entries(moment.controls).map(([id, value]) => `${id}:${value}`);
  if (set.length > 0) parts.push(`set=${set.join(',')}`);
  for (const c of moment.commands) parts.push(`do=${encodeCommand(c)}`);
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
  for (const k of ['seed', 't', 'set'] as const)
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
  if (rawCommands.length > MAX_MOMENT_COMMANDS)
    return refuse(`it holds ${rawCommands.length} commands, more than ${MAX_MOMENT_COMMANDS}`);
  let lastNs = 0;
  for (const [i, item] of rawCommands.entries()) {
    const read = readCommand(item);
    if (typeof read === 'string') return refuse(`command ${i + 1}: ${read}`);
    if (read.atNs < lastNs) return refuse(`command ${i + 1} is earlier than the one before it`);
    lastNs = read.atNs;
    moment.commands.push(read);
  }
  if (moment.timeNs !== null && moment.timeNs < lastNs)
    return refuse('its time is earlier than its last command');
  return { moment, problems: [] };
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
