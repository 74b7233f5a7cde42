/**
 * Two runs of a fork at one simulated time, in figures and words: the run with the change and
 * the run as before, each over the time since the change (their counters at the fork's moment
 * are the same: nothing before it differs), and the response times over the whole run. Every
 * figure comes from the two runs' frames.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { Fork } from '@runtime/fork';
import type { SimCommand } from '@sim/models/commands';
import { commandLabel } from '../charts/changeMarks';

export interface ComparedFigure {
  label: string;
  /** the label in the summary's sentence, or null for a figure only the table shows */
  short: string | null;
  /** with the change */
  current: string;
  /** as before */
  other: string;
  /** whether the two differ as written */
  differs: boolean;
}

/** The run with the change, named by its difference: "with your change at 12.0 s: load ×2". */
export function changedRunName(fork: Pick<Fork, 'atNs' | 'change'>): string {
  const what = commandLabel(fork.change as SimCommand) ?? fork.change.type;
  return `with your change at ${(fork.atNs / 1e9).toFixed(1)} s: ${what}`;
}

export const OTHER_RUN_NAME = 'as before';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const ms = (ns: number | undefined) =>
  ns === undefined || !Number.isFinite(ns) ? '—' : `${(ns / 1e6).toFixed(1)} ms`;
const perSecond = (x: number | null) =>
  x === null ? '—' : `${Math.round(x).toLocaleString('en')}/s`;

/** The figures of one run from `base` (the fork's moment) to `frame`. */
function figures(base: RuntimeFrame, frame: RuntimeFrame): string[] {
  const d = (k: string) => (frame.counters[k] ?? 0) - (base.counters[k] ?? 0);
  const seconds = (frame.timeNs - base.timeNs) / 1e9;
  const lookups = d('delivery.hits') + d('delivery.misses');
  const capacity = d('delivery.originCapacityNs');
  const latency = frame.percentiles['delivery.latencyNs'];
  return [
    perSecond(seconds > 0 ? d('delivery.requests') / seconds : null),
    pct(lookups > 0 ? d('delivery.hits') / lookups : null),
    pct(capacity > 0 ? d('delivery.originBusyNs') / capacity : null),
    ms(latency?.count ? latency.p50 : undefined),
    ms(latency?.count ? latency.p95 : undefined),
  ];
}

const LABELS: [label: string, short: string | null][] = [
  ['requests per second since the change', 'requests'],
  ['cache hit ratio since the change', 'hit ratio'],
  ['origin busy since the change', 'origin busy'],
  ['response time p50 (whole run)', null],
  ['response time p95 (whole run)', 'p95 response time (whole run)'],
];

/** Both runs' figures at the same time, from `base`, a frame at or before the fork's moment. */
export function compareFigures(
  base: RuntimeFrame,
  current: RuntimeFrame,
  other: RuntimeFrame,
): ComparedFigure[] {
  if (current.timeNs !== other.timeNs) throw new Error('the runs must be compared at one time');
  const mine = figures(base, current);
  const theirs = figures(base, other);
  return LABELS.map(([label, short], i) => ({
    label,
    short,
    current: mine[i],
    other: theirs[i],
    differs: mine[i] !== theirs[i],
  }));
}

/**
 * The differences in a sentence: "At 20.0 s, since the change: hit ratio 94.0 % against 71.0 %
 * as before; …" (the figures the sentence names; the table has them all).
 */
export function differencesSentence(timeNs: number, list: readonly ComparedFigure[]): string {
  const differing = list.filter((f) => f.differs && f.short !== null);
  const at = `At ${(timeNs / 1e9).toFixed(1)} s`;
  if (differing.length === 0) return `${at}, the two runs do not differ in these figures yet.`;
  const parts = differing.map((f) => `${f.short} ${f.current} against ${f.other}`);
  return `${at}, since the change: ${parts.join('; ')} ${OTHER_RUN_NAME}.`;
}
