/**
 * `pageload --page microscape|portal|FILE.json --http 1.0|1.1|pipelined|multiplexed
 * [--connections N] [--rtt-ms R] [--loss P] [--bandwidth-mbps B] [--tls none|1.2|1.3]
 * [--edge] [--warm] [--iw N] [--prefetch] ... [--client CITY --origin CITY [--overlay]
 * [--trouble-link LINK --trouble-ms M --trouble-loss P]]`: one page load on the packet-level TCP
 * (model in src/sim/models/pageload). Prints the page load time and its parts (DNS, connect,
 * TLS, first byte, content), packets, bytes and connections per leg, origin requests and a
 * waterfall row per request. On the topology (`--client`, `--origin`) `path` gives the round
 * trips and losses from the routes, the middle mile's links each way, and with `--overlay` the
 * overlay's relay (null: straight) and its middle mile against the straight one.
 */
import { readFileSync } from 'node:fs';
import { builtInPage, PageError, parsePage, type Page } from '@sim/models/pageload/pages';
import {
  DEFAULT_PAGELOAD,
  defaultConnections,
  HTTP_MODES,
  TLS_VERSIONS,
  type HttpMode,
  type PageLoadConfig,
  type TlsVersion,
} from '@sim/models/pageload/pageloadConfig';
import { runPageLoad } from '@sim/models/pageload/runPageLoad';
import { GZIP_LEVEL, measureHtml } from '@sim/models/pageload/htmlEncoding';
import { runLoadSeries } from '@sim/models/pageload/runLoadSeries';
import type { MinuteSeen } from '@sim/models/pageload/observations';
import { cityPath, CityPathError, type CityPath } from '@sim/models/pageload/cityPath';
import { parseScaleArg } from '@sim/topology/scales';
import { DEFAULT_OVERLAY, type OverlayMetric } from '@sim/models/overlay/overlayConfig';
import {
  choiceFlag,
  numberFlag,
  scaleFlag,
  switchFlag,
  UsageError,
  type Experiment,
  type FlagValue,
} from '../experiment';
import { onOff } from './tcpFlags';

const round = (x: number) => Math.round(x * 1000) / 1000;
const pick =
  <T extends string>(list: readonly T[]) =>
  (raw: string) =>
    list.includes(raw as T) ? raw : undefined;

/** A built-in page by name, or a JSON file in the page schema; bad input names what is wrong. */
export function loadPageArg(arg: string): Page {
  const builtIn = builtInPage(arg);
  if (builtIn) return builtIn;
  if (!arg.endsWith('.json'))
    throw new UsageError(
      `--page: '${arg}' is neither microscape, portal, locator nor a .json file`,
    );
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (err) {
    throw new UsageError(`--page: cannot read ${arg}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--page: ${arg} is not JSON: ${(err as Error).message}`);
  }
  try {
    return parsePage(data, arg);
  } catch (err) {
    if (err instanceof PageError) throw new UsageError(`--page: ${err.message}`);
    throw err;
  }
}

/**
 * The path between --client and --origin on the topology (with --trouble-link in trouble first,
 * the middle mile through the overlay with --overlay), or null when not given.
 */
function cityPathOf(p: Record<string, FlagValue>, seed: number, edge: boolean): CityPath | null {
  const client = String(p.client);
  const origin = String(p.origin);
  const link = String(p['trouble-link']);
  const onMapOnly = [
    ...(p.overlay === 'on' ? ['--overlay'] : []),
    ...(link !== 'none' ? ['--trouble-link'] : []),
  ];
  if (client === 'none' && origin === 'none') {
    if (onMapOnly.length > 0)
      throw new UsageError(`${onMapOnly[0]} needs --client and --origin (a path on the topology)`);
    return null;
  }
  if (client === 'none' || origin === 'none')
    throw new UsageError('--client and --origin go together: give both cities');
  const trouble =
    link === 'none'
      ? undefined
      : { link, extraLatencyMs: Number(p['trouble-ms']), lossRate: Number(p['trouble-loss']) };
  try {
    return cityPath(parseScaleArg(String(p.scale)), seed, client, origin, edge, {
      overlay: p.overlay === 'on' ? (String(p['overlay-metric']) as OverlayMetric) : undefined,
      trouble,
    });
  } catch (err) {
    if (err instanceof CityPathError) throw new UsageError(err.message);
    throw err;
  }
}

const pathOnly = ({ rttMs, loss, edgeRttMs, edgeLoss }: CityPath) => ({
  rttMs,
  loss,
  edgeRttMs,
  edgeLoss,
});

/** The HTML's measured encodings: plain, gzip'd and the delta from the previous version. */
function htmlSummary(page: Page, seed: number) {
  const m = measureHtml(page, seed);
  return {
    plainBytes: m.plainBytes,
    gzipLevel: GZIP_LEVEL,
    gzipBytes: m.gzipBytes,
    gzipRatio: round(m.ratio),
    deltaBytes: m.deltaBytes,
    deltaShare: round(m.deltaBytes / m.plainBytes),
  };
}

/** Mean of a field over the minutes after the first (the first also brings the static objects). */
function steadyMean(rows: MinuteSeen[], field: 'middleBytes' | 'originResponseBytes'): number {
  const steady = rows.length > 1 ? rows.slice(1) : rows;
  return steady.reduce((s, r) => s + r[field], 0) / steady.length;
}

/** A series of loads, per minute; with ESI the same series without it too, and the saving. */
function seriesSummary(
  page: Page,
  config: PageLoadConfig,
  seed: number,
  minutes: number,
  everyS: number,
) {
  const strip = (rows: MinuteSeen[]) => rows.map(({ type: _t, timeNs: _n, ...row }) => row);
  const rows = runLoadSeries(page, config, seed, minutes, everyS).minutes;
  const out = {
    everyS,
    perMinute: strip(rows),
    middleBytesPerMinute: round(steadyMean(rows, 'middleBytes')),
    originResponseBytesPerMinute: round(steadyMean(rows, 'originResponseBytes')),
  };
  if (!config.esi) return out;
  const base = runLoadSeries(page, { ...config, esi: false }, seed, minutes, everyS).minutes;
  const saving = (f: 'middleBytes' | 'originResponseBytes') =>
    round(1 - steadyMean(rows, f) / steadyMean(base, f));
  return {
    ...out,
    withoutEsi: {
      perMinute: strip(base),
      middleBytesPerMinute: round(steadyMean(base, 'middleBytes')),
      originResponseBytesPerMinute: round(steadyMean(base, 'originResponseBytes')),
    },
    esiSaving: {
      middleBytes: saving('middleBytes'),
      originResponseBytes: saving('originResponseBytes'),
    },
  };
}

export const pageloadExperiment: Experiment = {
  name: 'pageload',
  summary:
    'one web page loaded over HTTP/1.0, 1.1, pipelined or multiplexed, with or without an edge',
  flags: {
    page: {
      help: 'microscape (Nielsen et al. 1997), portal, locator, or a page file (.json)',
      default: 'microscape',
      parse: (raw) => raw,
    },
    http: choiceFlag(
      'protocol: 1.0, 1.1 (persistent), pipelined or multiplexed',
      DEFAULT_PAGELOAD.http,
      pick(HTTP_MODES),
      HTTP_MODES.join(', '),
    ),
    connections: numberFlag(
      'connections at once (0: 4 for 1.0 and 1.1, 1 for pipelined; multiplexed opens one per host)',
      0,
      {
        min: 0,
        max: 64,
        integer: true,
      },
    ),
    'rtt-ms': numberFlag('round trip client–origin, ms', DEFAULT_PAGELOAD.rttMs, {
      min: 0.01,
      max: 10_000,
    }),
    loss: numberFlag('packet loss client–origin (on the middle mile with --edge)', 0, {
      min: 0,
      max: 0.5,
    }),
    'bandwidth-mbps': numberFlag('rate of the access leg, Mbit/s', DEFAULT_PAGELOAD.bandwidthMbps, {
      min: 0.01,
      max: 100_000,
    }),
    'middle-mbps': numberFlag('rate of the edge–origin leg, Mbit/s', DEFAULT_PAGELOAD.middleMbps, {
      min: 0.01,
      max: 100_000,
    }),
    tls: choiceFlag(
      'TLS: none, 1.2 (2 round trips) or 1.3 (1)',
      'none',
      pick(TLS_VERSIONS),
      TLS_VERSIONS.join(', '),
    ),
    'dns-ms': numberFlag('round trip to the DNS resolver, ms (0: the name is cached)', 0, {
      min: 0,
      max: 10_000,
    }),
    edge: switchFlag(
      "the client's connections end at an edge server, which fetches from the origin",
    ),
    'edge-rtt-ms': numberFlag(
      'round trip client–edge, ms (with --edge)',
      DEFAULT_PAGELOAD.edgeRttMs,
      {
        min: 0.01,
        max: 10_000,
      },
    ),
    warm: switchFlag('the edge–origin connections are open already, window grown (needs --edge)'),
    'warm-window': numberFlag(
      'a warm connection’s window, segments',
      DEFAULT_PAGELOAD.warmWindowSegments,
      {
        min: 1,
        max: 10_000,
        integer: true,
      },
    ),
    'origin-http': choiceFlag(
      'how the edge talks to the origin',
      DEFAULT_PAGELOAD.originHttp,
      pick(HTTP_MODES),
      HTTP_MODES.join(', '),
    ),
    'origin-connections': numberFlag(
      'connections from the edge to the origin at most',
      DEFAULT_PAGELOAD.originConnections,
      { min: 1, max: 64, integer: true },
    ),
    iw: numberFlag(
      'initial congestion window, segments (RFC 6928: 10; 2009-era: 3 or 4)',
      DEFAULT_PAGELOAD.iw,
      {
        min: 1,
        max: 1000,
        integer: true,
      },
    ),
    prefetch: switchFlag(
      'the edge fetches the objects the HTML names while relaying it (needs --edge)',
    ),
    esi: switchFlag(
      'ESI: the edge assembles the HTML from fragments it keeps for their lifetimes (needs --edge and a page with fragments, e.g. portal)',
    ),
    compress: switchFlag(
      "the HTML travels gzip'd (level 6), its size measured on the page's generated text",
    ),
    delta: switchFlag(
      'the browser holds the previous version of the HTML and receives only the delta (deflate with the old version as dictionary)',
    ),
    'edge-compute': switchFlag(
      'edge computing: the edge produces the HTML itself (e.g. --page locator), without the origin (needs --edge)',
    ),
    minutes: numberFlag(
      'a series of loads for this many simulated minutes, with bytes per leg per minute (0: one load)',
      0,
      { min: 0, max: 1440, integer: true },
    ),
    'every-s': numberFlag('with --minutes: a load every this many seconds', 10, {
      min: 0.1,
      max: 3600,
    }),
    'browser-cache': choiceFlag(
      'page: each object as the page says (cold for the built-ins); warm: every object stale, revalidated (304)',
      'page',
      pick(['page', 'warm'] as const),
      'page or warm',
    ),
    'delayed-ack': onOff('on', 'one ACK per two segments (on) or per segment (off)'),
    client: choiceFlag(
      "city of the client (with --origin: the path's round trips and losses come from the topology's routes, and --rtt-ms, --loss and --edge-rtt-ms are not used)",
      'none',
      (raw) => (/^[a-z-]+$/.test(raw) ? raw : undefined),
      'a city id such as tokyo, or none',
    ),
    origin: choiceFlag(
      'city of the origin (an origin server there, else a CDN server standing in for it)',
      'none',
      (raw) => (/^[a-z-]+$/.test(raw) ? raw : undefined),
      'a city id such as new-york, or none',
    ),
    overlay: switchFlag(
      "route optimisation: the middle mile takes the overlay model's path, straight or through a relay (needs --edge and --client/--origin)",
    ),
    'overlay-metric': choiceFlag(
      "with --overlay: what the overlay's route choice ranks by (the overlay model's metric)",
      DEFAULT_OVERLAY.metric,
      pick(['latency', 'loss'] as const),
      'latency or loss',
    ),
    'trouble-link': choiceFlag(
      'a link of the topology in trouble before the paths are taken (the world command link.set; with --client/--origin, which print the middle mile’s links)',
      'none',
      (raw) => (/^[a-z0-9:/@._-]+$/i.test(raw) ? raw : undefined),
      'a link id such as peering:net-0/net-11@east-asia, or none',
    ),
    'trouble-ms': numberFlag('with --trouble-link: its extra latency each way, ms', 0, {
      min: 0,
      max: 1000,
    }),
    'trouble-loss': numberFlag('with --trouble-link: its loss rate', 0, { min: 0, max: 1 }),
    scale: scaleFlag(),
    'initial-rto-ms': numberFlag(
      'retransmission timeout before an RTT is known, ms (RFC 6298: 1000; the 1990s: 3000)',
      DEFAULT_PAGELOAD.initialRtoMs,
      { min: 1, max: 60_000 },
    ),
    'min-rto-ms': numberFlag(
      'lowest retransmission timeout, ms (Linux: 200; the 1990s: about 1000)',
      DEFAULT_PAGELOAD.minRtoMs,
      { min: 1, max: 60_000 },
    ),
  },
  run(p, seed) {
    const page = loadPageArg(String(p.page));
    const on = (flag: string) => p[flag] === 'on';
    const edge = on('edge');
    for (const needsEdge of ['warm', 'prefetch', 'esi', 'edge-compute', 'overlay'])
      if (on(needsEdge) && !edge) throw new UsageError(`--${needsEdge} needs --edge`);
    const http = String(p.http) as HttpMode;
    const rttMs = Number(p['rtt-ms']);
    if (edge && p.client === 'none' && Number(p['edge-rtt-ms']) >= rttMs)
      throw new UsageError(`--edge-rtt-ms (${p['edge-rtt-ms']}) must be below --rtt-ms (${rttMs})`);
    if (on('esi') && !page.html.fragments)
      throw new UsageError(`--esi: the page ${page.name} has no fragments (try --page portal)`);
    const onMap = cityPathOf(p, seed, edge);
    const config: PageLoadConfig = {
      ...DEFAULT_PAGELOAD,
      http,
      connections: Number(p.connections) || defaultConnections(http),
      rttMs,
      loss: Number(p.loss),
      bandwidthMbps: Number(p['bandwidth-mbps']),
      middleMbps: Number(p['middle-mbps']),
      tls: String(p.tls) as TlsVersion,
      dnsRttMs: Number(p['dns-ms']),
      edge,
      edgeRttMs: Number(p['edge-rtt-ms']),
      warm: on('warm'),
      warmWindowSegments: Number(p['warm-window']),
      originHttp: String(p['origin-http']) as HttpMode,
      originConnections: Number(p['origin-connections']),
      iw: Number(p.iw),
      prefetch: on('prefetch'),
      esi: on('esi'),
      compress: on('compress'),
      delta: on('delta'),
      edgeCompute: on('edge-compute'),
      browserCache: p['browser-cache'] === 'warm' ? 'warm' : 'page',
      delayedAck: on('delayed-ack'),
      initialRtoMs: Number(p['initial-rto-ms']),
      minRtoMs: Number(p['min-rto-ms']),
      ...(onMap && pathOnly(onMap)),
    };
    const r = runPageLoad(page, config, seed);
    const d = r.done!;
    const leg = (name: string, c: (typeof r.legs)['access'] | null) =>
      c === null ? [] : [{ leg: name, ...c }];
    return {
      page: page.name,
      ...(onMap && { path: onMap }),
      ...((config.compress || config.delta) && { html: htmlSummary(page, seed) }),
      pageLoadMs: round(d.pageLoadMs),
      parts: {
        dnsMs: round(d.dnsMs),
        connectMs: round(d.connectMs),
        tlsMs: round(d.tlsMs),
        firstByteMs: round(d.firstByteMs),
        contentMs: round(d.contentMs),
      },
      requests: d.requests,
      fromCache: d.fromCache,
      originRequests: r.originRequests,
      originResponseBytes: r.originResponseBytes,
      fragmentFetches: r.fragmentFetches,
      edgeComputed: r.edgeComputed,
      edgeHits: r.edgeHits,
      edgePrefetches: r.edgePrefetches,
      edgeRevalidations: r.edgeRevalidations,
      legs: [...leg('access', r.legs.access), ...leg('middle', r.legs.middle)],
      ...(Number(p.minutes) > 0 && {
        series: seriesSummary(page, config, seed, Number(p.minutes), Number(p['every-s'])),
      }),
      waterfall: r.requests.map((q) => ({
        object: q.object,
        conn: q.connection,
        start: round(q.startMs),
        connect: q.connectMs === null ? '-' : round(q.connectMs),
        tls: q.tlsMs === null ? '-' : round(q.tlsMs),
        sent: round(q.sentMs),
        firstByte: round(q.firstByteMs),
        lastByte: round(q.lastByteMs),
        bytes: q.bytes,
      })),
      events: r.events,
      digest: r.digest,
    };
  },
};
