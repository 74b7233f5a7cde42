/**
 * What the live narrator says: frames are gathered into a window (messages delivered and
 * dropped, servers going down or coming back, the model's notable observations), and at most
 * one short summary of that window is spoken every few seconds of wall time, only while the
 * simulation runs (plus one last summary when it pauses). Pure: the caller passes the clock.
 *
 * In slow motion a window holds only a message or two of a longer exchange (a ten-message DNS
 * lookup watched at 5 ms per second is spoken as five windows of two), so a count alone would
 * mislead: a few messages are named (what, from where, to where), and the count since the run
 * began is said beside the window's.
 */
import type { LogEntry } from '@runtime/eventLog';
import type { RuntimeFrame } from '@runtime/frame';
import {
  changeLabel,
  pluralPhrase,
  NOTABLE_OBSERVATIONS,
  observationKey,
} from './notableObservations';

/** The shortest pause between two summaries, wall ms: time to hear one out. */
export const DEFAULT_INTERVAL_MS = 5_000;
/** At most this many named nodes in one sentence; beyond it, a count. */
const NAMED_NODES = 3;
/** At most this many messages told one by one in a summary; beyond it, a count alone. */
const NAMED_MESSAGES = 3;
/** At most this many kinds of notable event in one summary, the most frequent first. */
const NOTABLE_PER_SUMMARY = 3;

interface Window {
  startNs: number;
  endNs: number;
  /** messages delivered or dropped, including those the log sampled away */
  messages: number;
  /** the window's first messages (up to one more than are named), to tell them one by one */
  first: LogEntry[];
  /** messages since the run began, this window's included */
  sinceStart: number;
  dropped: number;
  dropReasons: Map<string, number>;
  wentDown: number[];
  cameBack: number[];
  notable: Map<string, number>;
  /** the student's changes to the run (`sim.change` observations), in words, in order */
  changes: string[];
}

function emptyWindow(startNs: number, sinceStart = 0): Window {
  return {
    startNs,
    endNs: startNs,
    messages: 0,
    first: [],
    sinceStart,
    dropped: 0,
    dropReasons: new Map(),
    wentDown: [],
    cameBack: [],
    notable: new Map(),
    changes: [],
  };
}

const bump = (m: Map<string, number>, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);
const count = (n: number) => n.toLocaleString('en');
/**
 * Simulated time as a listener takes it in: 33 ms, 2.5 s, 45 s, 12 min, 2 h 30 min. Below a
 * second in ms: a DNS lookup followed in slow motion lasts a fifth of a second, and "0.1 s to
 * 0.1 s" would tell its steps apart no better than silence.
 */
export function seconds(ns: number): string {
  const s = ns / 1e9;
  if (ns === 0) return '0 s';
  if (s < 1) return `${Math.round(ns / 1e6)} ms`;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export class Narrator {
  private window: Window | null = null;
  private nodeUp: Uint8Array | null = null;
  private lastNs = -1;
  private lastSpokenMs = -Infinity;
  private wasRunning = false;

  constructor(
    nodeName: (id: number) => string,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {
    this.nodeName = (id) => spoken(nodeName(id));
  }

  private readonly nodeName: (id: number) => string;

  /** Adds one frame to the window being gathered. */
  add(frame: RuntimeFrame): void {
    // Time going back means a new run (a reset or another step): start over quietly.
    if (frame.timeNs < this.lastNs) {
      this.window = null;
      this.nodeUp = null;
    }
    this.lastNs = frame.timeNs;
    const w = (this.window ??= emptyWindow(frame.timeNs));
    w.endNs = frame.timeNs;
    // Entries the log sampled away still happened: they count as messages, with no outcome.
    const sent = frame.log.entries.length + frame.log.skipped;
    w.messages += sent;
    w.sinceStart += sent;
    for (const e of frame.log.entries) {
      if (w.first.length > NAMED_MESSAGES) break;
      w.first.push(e);
    }
    for (const e of frame.log.entries)
      if (e.outcome !== 'delivered') {
        w.dropped++;
        bump(w.dropReasons, e.outcome);
      }
    this.noteNodeChanges(w, frame.nodeUp);
    for (const o of frame.observations ?? []) {
      const key = observationKey(o);
      if (key !== null) bump(w.notable, key);
      const change = changeLabel(o);
      if (change !== null) w.changes.push(change);
    }
  }

  /**
   * The summary to speak now, or null: while running, one every interval when something
   * happened; on pausing, the rest of the window and the time it paused at; nothing while
   * paused.
   */
  speak(nowMs: number, running: boolean): string | null {
    const pausedNow = this.wasRunning && !running;
    this.wasRunning = running;
    if (!running && !pausedNow) return null;
    if (running && nowMs - this.lastSpokenMs < this.intervalMs) return null;
    const w = this.window;
    const text = w ? describe(w, this.nodeName) : '';
    if (pausedNow) {
      // The count since the start goes on when the run is played again.
      this.window = w ? emptyWindow(w.endNs, w.sinceStart) : null;
      this.lastSpokenMs = nowMs;
      return `${text}${text ? ' ' : ''}Paused at ${seconds(this.lastNs)}.`;
    }
    if (!w || text === '') return null;
    this.window = emptyWindow(w.endNs, w.sinceStart);
    this.lastSpokenMs = nowMs;
    return text;
  }

  private noteNodeChanges(w: Window, up: Uint8Array): void {
    const before = this.nodeUp;
    if (before && before.length === up.length)
      for (let id = 0; id < up.length; id++) {
        if (before[id] === up[id]) continue;
        if (up[id] === 0) w.wentDown.push(id);
        else w.cameBack.push(id);
      }
    this.nodeUp = up.slice();
  }
}

/**
 * A node name as it is best heard: "resolver london-n5" rather than "resolver colon london-n5"
 * (names are `kind:label`, see the topology's types).
 */
const spoken = (name: string) => name.replace(':', ' ');

/** A drop reason such as `queue-full` or `nodeDown` in words. */
const words = (reason: string) =>
  reason
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase();

/**
 * One summary of a window, e.g. "0.0 to 5.0 s: 1,204 messages, 3 dropped (mostly …), 5,310
 * since the start." or, for a few, "At 0.2 s: 2 messages (dns message from resolver to root,
 * dns message from root to resolver), 4 since the start."
 */
export function describe(w: Window, nodeName: (id: number) => string): string {
  const parts: string[] = [];
  // What the student changed comes first: the rest of the summary is its effect.
  if (w.changes.length > 0) parts.push(listed(w.changes.slice(0, NAMED_MESSAGES)));
  if (w.messages > 0) {
    let traffic = `${count(w.messages)} ${w.messages === 1 ? 'message' : 'messages'}`;
    // Named only if every one of them is known (none sampled away, no more than a few).
    if (w.messages <= NAMED_MESSAGES && w.first.length === w.messages)
      traffic += ` (${listed(w.first.map((e) => oneMessage(e, nodeName)))})`;
    else if (w.dropped > 0) {
      const [reason] = [...w.dropReasons].sort((a, b) => b[1] - a[1])[0];
      traffic += `, ${count(w.dropped)} dropped (mostly ${words(reason)})`;
    }
    if (w.sinceStart > w.messages) traffic += `, ${count(w.sinceStart)} since the start`;
    parts.push(traffic);
  }
  if (w.wentDown.length > 0) parts.push(nodes(w.wentDown, nodeName, 'went down'));
  if (w.cameBack.length > 0) parts.push(nodes(w.cameBack, nodeName, 'came back up'));
  const notable = [...w.notable].sort((a, b) => b[1] - a[1]).slice(0, NOTABLE_PER_SUMMARY);
  for (const [key, n] of notable) parts.push(pluralPhrase(NOTABLE_OBSERVATIONS[key], n));
  if (parts.length === 0) return '';
  const [from, to] = [seconds(w.startNs), seconds(w.endNs)];
  const span = from === to ? `At ${to}` : `${from} to ${to}`;
  return `${span}: ${parts.join('; ')}.`;
}

/** "dns message from resolver to root a", and how it was dropped if it was. */
function oneMessage(e: LogEntry, nodeName: (id: number) => string): string {
  const what = `${words(e.type.replace('.', ' '))} from ${nodeName(e.from)} to ${nodeName(e.to)}`;
  return e.outcome === 'delivered' ? what : `${what}, dropped (${words(e.outcome)})`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function nodes(ids: number[], nodeName: (id: number) => string, what: string): string {
  const unique = [...new Set(ids)];
  if (unique.length > NAMED_NODES) return `${count(unique.length)} servers ${what}`;
  return `${unique.map(nodeName).join(', ')} ${what}`;
}
