/**
 * What the waterfall view keeps from the page-load model's observations
 * (src/sim/models/pageload/observations.ts), folded without runes so it can be tested alone:
 * each page load's requests and its end, in the order the loads were first seen; and what the
 * view draws from them: a request's phases, a load's summary and the scale they share.
 */
import type {
  LoadBytesSeen,
  PageDoneSeen,
  PageLoadObservation,
  RequestSeen,
} from '@sim/models/pageload/observations';

/**
 * A load's `pageload.bytes`. The model reports the access leg's packets (and those that opened
 * and closed its connections) with every load; the view still reads them as optional, so a
 * recorded run from before they existed shows without them rather than with "undefined".
 */
export type LegsSeen = Omit<LoadBytesSeen, 'accessPackets' | 'openClosePackets'> &
  Partial<Pick<LoadBytesSeen, 'accessPackets' | 'openClosePackets'>>;

export interface LoadSeen {
  /** the model's name of the load: `pageload.<configured name>.<n>` */
  id: string;
  /** the configured name (what a lab's labels are keyed by) */
  name: string;
  /** which of that name's loads it is (0 for the first; a repeated load counts up) */
  run: number;
  /** its requests, in the order they started */
  rows: readonly RequestSeen[];
  done: PageDoneSeen | null;
  /** its bytes per leg and the origin's work, once complete */
  legs: LegsSeen | null;
}

export type PageloadState = readonly LoadSeen[];

/** What the view's per-load parts (bytes, origin) are given. */
export interface LoadPartProps {
  /** the loads on show (a row each) */
  loads: readonly LoadSeen[];
  /** every load of the run (the per-minute charts' minutes) */
  all: readonly LoadSeen[];
  repeated: boolean;
  labels: Readonly<Record<string, string>>;
  name: (l: LoadSeen) => string;
}
export const EMPTY_PAGELOAD: PageloadState = [];

const PREFIX = 'pageload.';

/** `pageload.<name>.<n>` → `<name>`: what lies between the prefix and the last dot. */
export function configuredName(id: string): string {
  const last = id.lastIndexOf('.');
  return id.startsWith(PREFIX) && last > PREFIX.length ? id.slice(PREFIX.length, last) : id;
}

/** `pageload.<name>.<n>` → n (0 when the id has no number after its last dot). */
export function runOf(id: string): number {
  const n = Number(id.slice(id.lastIndexOf('.') + 1));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * The state after `observations`: the same array when none was the page-load model's, so a rune
 * field holding it changes only when something did. A request is observed when its last byte
 * arrives, so it is put in its place by start time.
 */
export function foldPageload(
  state: PageloadState,
  observations: readonly unknown[],
): PageloadState {
  let next: LoadSeen[] | null = null;
  for (const raw of observations) {
    const o = raw as PageLoadObservation;
    if (o.type !== 'pageload.request' && o.type !== 'pageload.done' && o.type !== 'pageload.bytes')
      continue;
    next ??= state.slice();
    let i = next.findIndex((l) => l.id === o.load);
    if (i < 0) {
      i =
        next.push({
          id: o.load,
          name: configuredName(o.load),
          run: runOf(o.load),
          rows: [],
          done: null,
          legs: null,
        }) - 1;
    }
    const load = next[i];
    if (o.type === 'pageload.done') next[i] = { ...load, done: o };
    else if (o.type === 'pageload.bytes') next[i] = { ...load, legs: o };
    else {
      const rows = load.rows.slice();
      let at = rows.length;
      while (at > 0 && rows[at - 1].startMs > o.startMs) at--;
      rows.splice(at, 0, o);
      next[i] = { ...load, rows };
    }
  }
  return next ?? state;
}

export const PHASES = ['dns', 'connect', 'tls', 'waiting', 'receiving'] as const;
export type Phase = (typeof PHASES)[number];
export const PHASE_LABELS: Record<Phase, string> = {
  dns: 'DNS',
  connect: 'connect',
  tls: 'TLS',
  waiting: 'waiting',
  receiving: 'receiving',
};

export interface Segment {
  phase: Phase;
  fromMs: number;
  toMs: number;
}

/**
 * A request's bar: the name lookup (the page's first request only, from the load's end), the
 * handshakes when it opened its connection, then waiting from the request sent to the first
 * byte and receiving to the last. Empty phases are left out; a request that waited for a free
 * connection (queued) shows nothing before its start.
 */
export function segmentsOf(row: RequestSeen, dnsMs = 0): Segment[] {
  const out: Segment[] = [];
  const add = (phase: Phase, fromMs: number, toMs: number | null) => {
    if (toMs !== null && toMs > fromMs) out.push({ phase, fromMs, toMs });
  };
  add('dns', row.startMs - dnsMs, row.startMs);
  if (row.opened) {
    add('connect', row.startMs, row.connectMs);
    add('tls', row.connectMs ?? row.startMs, row.tlsMs);
  }
  add('waiting', row.sentMs, row.firstByteMs);
  add('receiving', row.firstByteMs, row.lastByteMs);
  return out;
}

/** The DNS time to draw before a row: the load's lookup, before its first request only. */
export const dnsBefore = (load: LoadSeen, index: number) =>
  index === 0 ? (load.done?.dnsMs ?? 0) : 0;

export interface LoadSummary {
  name: string;
  pageLoadMs: number | null;
  parts: Omit<
    PageDoneSeen,
    'type' | 'timeNs' | 'load' | 'pageLoadMs' | 'requests' | 'fromCache'
  > | null;
  requests: number;
  /** connections the load used, and how many of its requests opened one */
  connections: number;
  opened: number;
  bytes: number;
}

export function summaryOf(load: LoadSeen): LoadSummary {
  const d = load.done;
  return {
    name: load.name,
    pageLoadMs: d?.pageLoadMs ?? null,
    parts: d
      ? {
          dnsMs: d.dnsMs,
          connectMs: d.connectMs,
          tlsMs: d.tlsMs,
          firstByteMs: d.firstByteMs,
          contentMs: d.contentMs,
        }
      : null,
    requests: load.rows.length,
    connections: new Set(load.rows.map((r) => r.connection)).size,
    opened: load.rows.filter((r) => r.opened).length,
    bytes: load.rows.reduce((s, r) => s + r.bytes, 0),
  };
}

/**
 * The loads in the order a lab listed their names (its labels), those it did not list after, in
 * the order seen: loads end in any order, and the comparison should not reshuffle as they do.
 */
export function inOrder(state: PageloadState, names: readonly string[]): LoadSeen[] {
  const rank = (l: LoadSeen) => {
    const i = names.indexOf(l.name);
    return i < 0 ? names.length : i;
  };
  return state
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map((x) => x.l);
}

/** The parts of a page load worth a column: those some load spent time on. */
export function partsShown(
  summaries: readonly LoadSummary[],
): (keyof NonNullable<LoadSummary['parts']>)[] {
  const all = ['dnsMs', 'connectMs', 'tlsMs', 'firstByteMs', 'contentMs'] as const;
  return all.filter((k) => summaries.some((s) => (s.parts?.[k] ?? 0) > 0));
}

/** The time axis all loads share, ms: the longest load (or the last byte seen so far). */
export function axisEndMs(state: PageloadState): number {
  let end = 0;
  for (const l of state) {
    end = Math.max(end, l.done?.pageLoadMs ?? 0);
    for (const r of l.rows) end = Math.max(end, r.lastByteMs);
  }
  return end;
}
