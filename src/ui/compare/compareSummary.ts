/**
 * Two runs of a fork at one simulated time, in figures and words: the run with the change and
 * the run as before, each over the time since the change (their counters at the fork's moment
 * are the same: nothing before it differs), and some figures over the whole run or now. Every
 * figure comes from the two runs' frames. Each model has its figures (a delivery's request rate
 * and hit ratio, a DNS lookup's queries, a rollout's servers on the new release, a TCP
 * transfer's segments, BGP updates, page loads…); a lab's comparison shows those of the models
 * that are at work in either run, so each lab's table names what its runs differ in.
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

/** A change in a few words: the charts' mark for it, else a plain name for the command. */
export function changeLabel(c: SimCommand): string {
  const marked = commandLabel(c);
  if (marked !== null) return marked;
  switch (c.type) {
    case 'node.setUp':
      return `node ${c.node} ${c.up ? 'back up' : 'failed'}`;
    case 'dataCentre.setUp':
      return `data centre ${c.dataCentre} ${c.up ? 'back up' : 'failed'}`;
    case 'rollout.abort':
      return 'rollout aborted';
    case 'dns.lookup':
      return `a lookup of ${c.name}`;
    case 'dns.setServerUp':
      return `name server ${c.node ?? c.role ?? ''} ${c.up ? 'back up' : 'down'}`;
    case 'pageload.start':
      return `page load “${c.load}” again`;
    case 'bgp.announce':
      return `${c.prefix} announced (net ${c.network})`;
    case 'bgp.withdraw':
      return `${c.prefix} withdrawn (net ${c.network})`;
    default:
      return c.type;
  }
}

/**
 * A moment of a run in the unit its labs speak in: "70.0 ms" (a DNS lookup), "12.0 s" (a flash
 * crowd), "58.7 min" (a rollout), "4.25 h".
 */
export function momentText(ns: number): string {
  if (ns < 1e9) return `${(ns / 1e6).toFixed(1)} ms`;
  if (ns < 180e9) return `${(ns / 1e9).toFixed(1)} s`;
  if (ns < 3 * 3600e9) return `${(ns / 60e9).toFixed(1)} min`;
  return `${(ns / 3600e9).toFixed(2)} h`;
}

/** The run with the change, named by its difference: "with your change at 12.0 s: load ×2". */
export function changedRunName(fork: Pick<Fork, 'atNs' | 'change'>): string {
  return `with your change at ${momentText(fork.atNs)}: ${changeLabel(fork.change as SimCommand)}`;
}

export const OTHER_RUN_NAME = 'as before';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const ms = (ns: number | undefined) =>
  ns === undefined || !Number.isFinite(ns) ? '—' : `${(ns / 1e6).toFixed(1)} ms`;
const perSecond = (x: number | null) =>
  x === null ? '—' : `${Math.round(x).toLocaleString('en')}/s`;
const count = (x: number) => Math.round(x).toLocaleString('en');

/** One run from the fork's moment (`base`) to `frame`, as a figure reads it. */
interface Span {
  base: RuntimeFrame;
  frame: RuntimeFrame;
  /** a counter's growth since the change */
  d(name: string): number;
  /** a counter's value now */
  now(name: string): number;
  /** simulated seconds since the change */
  seconds: number;
}

function spanOf(base: RuntimeFrame, frame: RuntimeFrame): Span {
  return {
    base,
    frame,
    d: (k) => (frame.counters[k] ?? 0) - (base.counters[k] ?? 0),
    now: (k) => frame.counters[k] ?? 0,
    seconds: (frame.timeNs - base.timeNs) / 1e9,
  };
}

interface FigureDef {
  label: string;
  short: string | null;
  value: (s: Span) => string;
}

/** A model's figures, shown when the counter `active` has counted anything in either run. */
interface FigureGroup {
  active: string;
  figures: FigureDef[];
}

const percentile = (s: Span, name: string, p: 'p50' | 'p95') => {
  const h = s.frame.percentiles[name];
  return ms(h?.count ? h[p] : undefined);
};
/**
 * A time distribution's p50 and p95 over the whole run (`what`: "response time"). The sentence
 * names the p95 (as `short`, `what` unless given) and the p50 only when `median` names it.
 */
const timePercentiles = (
  what: string,
  histogram: string,
  { short = what, median = null }: { short?: string; median?: string | null } = {},
) =>
  (['p50', 'p95'] as const).map((p): FigureDef => ({
    label: `${what} ${p} (whole run)`,
    short: p === 'p95' ? `p95 ${short} (whole run)` : median,
    value: (s) => percentile(s, histogram, p),
  }));
/** The counters under a prefix (`dns.queries.` → root, tld…), added up, since the change. */
const dUnder = (s: Span, prefix: string) =>
  Object.keys({ ...s.frame.counters, ...s.base.counters })
    .filter((k) => k.startsWith(prefix))
    .reduce((sum, k) => sum + s.d(k), 0);
/** Servers running a release newer than the first (the frame's versions). */
const onNewRelease = (s: Span) => {
  const v = s.frame.version;
  if (!v) return '—';
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] > 1) n++;
  return count(n);
};

const GROUPS: FigureGroup[] = [
  {
    active: 'delivery.requests',
    figures: [
      {
        label: 'requests per second since the change',
        short: 'requests',
        value: (s) => perSecond(s.seconds > 0 ? s.d('delivery.requests') / s.seconds : null),
      },
      {
        label: 'cache hit ratio since the change',
        short: 'hit ratio',
        value: (s) => {
          const lookups = s.d('delivery.hits') + s.d('delivery.misses');
          return pct(lookups > 0 ? s.d('delivery.hits') / lookups : null);
        },
      },
      {
        label: 'origin busy since the change',
        short: 'origin busy',
        value: (s) => {
          const capacity = s.d('delivery.originCapacityNs');
          return pct(capacity > 0 ? s.d('delivery.originBusyNs') / capacity : null);
        },
      },
      ...timePercentiles('response time', 'delivery.latencyNs'),
    ],
  },
  {
    active: 'dns.lookups',
    figures: [
      {
        label: 'lookups answered since the change',
        short: 'lookups answered',
        value: (s) => count(s.d('dns.lookupsAnswered')),
      },
      {
        label: 'queries to name servers since the change',
        short: 'queries to name servers',
        value: (s) => count(dUnder(s, 'dns.queries.')),
      },
      {
        label: 'answers from the resolver’s cache since the change',
        short: 'answers from the cache',
        value: (s) => count(s.d('dns.resolver.cacheHits')),
      },
      ...timePercentiles('lookup time', 'dns.lookupLatencyNs'),
    ],
  },
  {
    active: 'rollout.releases',
    figures: [
      {
        label: 'servers on the new release now',
        short: 'servers on the new release now',
        value: onNewRelease,
      },
      {
        label: 'servers out of service now',
        short: 'servers out now',
        value: (s) => count(s.now('rollout.serversOut')),
      },
      {
        label: 'server crashes since the change',
        short: 'crashes',
        value: (s) => count(s.d('rollout.crashes')),
      },
      {
        label: 'releases shipped (whole run)',
        short: 'releases shipped (whole run)',
        value: (s) => count(s.now('rollout.shipped')),
      },
      {
        label: 'releases aborted (whole run)',
        short: 'releases aborted (whole run)',
        value: (s) => count(s.now('rollout.aborted')),
      },
      {
        label: 'user-visible error minutes (whole run)',
        short: null,
        value: (s) => s.now('rollout.errorMinutes').toFixed(2),
      },
    ],
  },
  {
    active: 'tcp.segmentsSent',
    figures: [
      {
        label: 'TCP segments sent per second since the change',
        short: 'segments sent',
        value: (s) => perSecond(s.seconds > 0 ? s.d('tcp.segmentsSent') / s.seconds : null),
      },
      {
        label: 'retransmissions since the change',
        short: 'retransmissions',
        value: (s) => count(s.d('tcp.retransmits')),
      },
      {
        label: 'timeouts since the change',
        short: 'timeouts',
        value: (s) => count(s.d('tcp.timeouts')),
      },
    ],
  },
  {
    active: 'bgp.updates',
    figures: [
      {
        label: 'BGP updates since the change',
        short: 'BGP updates',
        value: (s) => count(s.d('bgp.updates')),
      },
      {
        label: 'route changes since the change',
        short: 'route changes',
        value: (s) => count(s.d('bgp.routeChanges')),
      },
    ],
  },
  {
    active: 'overlay.flowRequests',
    figures: [
      {
        label: 'requests done through the overlay since the change',
        short: 'through the overlay',
        value: (s) => count(s.d('overlay.overlayDone')),
      },
      {
        label: 'requests done directly since the change',
        short: 'directly',
        value: (s) => count(s.d('overlay.directDone')),
      },
    ],
  },
  {
    active: 'overlay.probes',
    figures: [
      {
        label: 'overlay path choices changed since the change',
        short: null,
        value: (s) => count(s.d('overlay.choiceChanges')),
      },
    ],
  },
  {
    active: 'pageload.loads',
    figures: [
      {
        label: 'page loads finished since the change',
        short: 'page loads finished',
        value: (s) => count(s.d('pageload.done')),
      },
      ...timePercentiles('page load time', 'pageload.loadTimeNs', {
        short: 'page load',
        median: 'median page load (whole run)',
      }),
      {
        label: 'requests for page parts since the change',
        short: 'page requests',
        value: (s) => count(s.d('pageload.requests')),
      },
      {
        label: 'requests reaching the origin since the change',
        short: 'at the origin',
        value: (s) => count(s.d('pageload.originRequests')),
      },
    ],
  },
  {
    active: 'net.sent',
    figures: [
      {
        label: 'network messages dropped since the change',
        short: 'messages dropped',
        value: (s) => count(s.d('net.dropped')),
      },
    ],
  },
];

/** Both runs' figures at the same time, from `base`, a frame at or before the fork's moment. */
export function compareFigures(
  base: RuntimeFrame,
  current: RuntimeFrame,
  other: RuntimeFrame,
): ComparedFigure[] {
  if (current.timeNs !== other.timeNs) throw new Error('the runs must be compared at one time');
  const mine = spanOf(base, current);
  const theirs = spanOf(base, other);
  const active = (g: FigureGroup) => mine.now(g.active) > 0 || theirs.now(g.active) > 0;
  return GROUPS.filter(active).flatMap((g) =>
    g.figures.map(({ label, short, value }) => {
      const [a, b] = [value(mine), value(theirs)];
      return { label, short, current: a, other: b, differs: a !== b };
    }),
  );
}

/** Figures the sentence names at most (the table has them all). */
const SENTENCE_FIGURES = 3;

/**
 * The differences in a sentence: "At 20.0 s, since the change: hit ratio 94.0 % against 71.0 %
 * as before; …" (up to three of the figures the sentence names; the table has them all).
 */
export function differencesSentence(timeNs: number, list: readonly ComparedFigure[]): string {
  const differing = list.filter((f) => f.differs && f.short !== null);
  const at = `At ${momentText(timeNs)}`;
  if (differing.length === 0) return `${at}, the two runs do not differ in these figures yet.`;
  const parts = differing
    .slice(0, SENTENCE_FIGURES)
    .map((f) => `${f.short} ${f.current} against ${f.other}`);
  const more = differing.length - SENTENCE_FIGURES;
  const rest = more > 0 ? ` The table has ${more} more.` : '';
  return `${at}, since the change: ${parts.join('; ')} ${OTHER_RUN_NAME}.${rest}`;
}
