/**
 * `bgp --topology <file.json | clique:N | ring:N | generated:SCALE> --event ... --probe ...`:
 * BGP speakers, one per AS, in simulated time. Prints per event its convergence time (the last
 * UPDATE it caused) and its number of UPDATEs, each AS's chosen route per prefix at the end, and
 * for each probe address where every AS's forwarding ends and how long it had no working path.
 */
import { readFileSync } from 'node:fs';
import {
  BgpInputError,
  cliqueTopology,
  DEFAULT_BGP,
  generatedAsTopology,
  MAX_MESSAGE_LEVEL_NETWORKS,
  parseAddress,
  parseAsTopology,
  parseBgpEvent,
  PrefixError,
  ringTopology,
  runBgp,
  TopologyError,
  type AsTopology,
  type BgpConfig,
  type BgpPolicy,
} from '@sim/models/bgp';
import { parseScaleArg } from '@sim/topology/scales';
import {
  choiceFlag,
  numberFlag,
  repeatableFlag,
  UsageError,
  type Experiment,
  type FlagSpec,
  type FlagValue,
} from '../experiment';

/** Turns the model's input errors into the runner's (exit status 2, the message names the input). */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof BgpInputError || err instanceof TopologyError || err instanceof PrefixError)
      throw new UsageError(err.message);
    throw err;
  }
}

const onOff = (help: string, def: 'on' | 'off'): FlagSpec =>
  choiceFlag(help, def, (raw) => (raw === 'on' || raw === 'off' ? raw : undefined), 'on or off');

/** Reads `--topology`: a JSON file, clique:N, ring:N or generated:SCALE. */
export function loadTopology(spec: string, seed: number): AsTopology {
  const m = /^(clique|ring):([0-9]+)$/.exec(spec);
  if (m) {
    const n = Number(m[2]);
    if (n < 2 || n > 255) throw new UsageError(`--topology ${spec}: N must be from 2 to 255`);
    return m[1] === 'clique' ? cliqueTopology(n) : ringTopology(n);
  }
  if (spec.startsWith('generated:')) {
    const scale = spec.slice('generated:'.length);
    let parsed;
    try {
      parsed = parseScaleArg(scale);
    } catch (err) {
      throw new UsageError(`--topology ${spec}: ${(err as Error).message}`);
    }
    const t = generatedAsTopology(parsed, seed);
    if (t.ases.length > MAX_MESSAGE_LEVEL_NETWORKS)
      throw new UsageError(
        `--topology ${spec} has ${t.ases.length} networks; message-level BGP runs up to ${MAX_MESSAGE_LEVEL_NETWORKS} (choose a smaller scale)`,
      );
    return t;
  }
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch {
    throw new UsageError(
      `--topology '${spec}' is neither a readable file nor clique:N, ring:N or generated:SCALE`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--topology ${spec}: not JSON (${(err as Error).message})`);
  }
  return usage(() => parseAsTopology(json));
}

/** The BGP flags shared by `bgp` and `bgpbench`. */
export const BGP_FLAGS: Record<string, FlagSpec> = {
  policy: choiceFlag(
    'gao-rexford (relationships: local preference and valley-free export) or shortest-path (every link alike)',
    DEFAULT_BGP.policy,
    (raw) => (raw === 'gao-rexford' || raw === 'shortest-path' ? raw : undefined),
    'gao-rexford or shortest-path',
  ),
  mrai: numberFlag(
    'MinRouteAdvertisementInterval per session and prefix, s',
    DEFAULT_BGP.mraiSeconds,
    {
      min: 0,
      max: 3600,
    },
  ),
  'mrai-withdrawals': onOff(
    'withdrawals wait for the MRAI too (RFC 4271 §9.2.1.1); off as in RFC 1771 and Cisco IOS',
    'on',
  ),
  keepalive: numberFlag('KeepaliveTime, s', DEFAULT_BGP.keepaliveSeconds, { min: 1, max: 21845 }),
  hold: numberFlag('HoldTime, s: 0 (no keepalives) or at least 3', DEFAULT_BGP.holdSeconds, {
    min: 0,
    max: 65535,
  }),
  bfd: onOff('BFD on every session: a silent link is noticed within 0.9 s', 'off'),
  'batch-ms': numberFlag(
    'route-processing batch: UPDATEs gather this long before the decision process runs, ms',
    DEFAULT_BGP.batchSeconds * 1000,
    { min: 0, max: 10_000 },
  ),
};

export function bgpConfigOf(p: Record<string, FlagValue>): BgpConfig {
  const hold = Number(p.hold);
  const keepalive = Number(p.keepalive);
  if (hold !== 0 && hold < 3)
    throw new UsageError(`--hold must be 0 or at least 3 s (RFC 4271 §4.2), got ${hold}`);
  if (hold !== 0 && keepalive >= hold)
    throw new UsageError(`--keepalive (${keepalive} s) must be shorter than --hold (${hold} s)`);
  return {
    ...DEFAULT_BGP,
    policy: String(p.policy) as BgpPolicy,
    mraiSeconds: Number(p.mrai),
    mraiWithdrawals: p['mrai-withdrawals'] === 'on',
    keepaliveSeconds: keepalive,
    holdSeconds: hold,
    bfd: p.bfd === 'on',
    batchSeconds: Number(p['batch-ms']) / 1000,
  };
}

export const bgpExperiment: Experiment = {
  name: 'bgp',
  summary: 'BGP in simulated time: convergence after events, routes, and where forwarding goes',
  flags: {
    topology: choiceFlag(
      "a JSON file, clique:N, ring:N or generated:SCALE (the topology generator's networks)",
      'clique:5',
      (raw) => raw,
      'a file or clique:N, ring:N, generated:SCALE',
    ),
    ...BGP_FLAGS,
    event: repeatableFlag(
      'withdraw:ASN:PREFIX@T, announce:ASN:PREFIX@T, link-down:A-B@T, link-up:A-B@T, link-silent:A-B@T or depeer:A-B@T (T in s)',
      (raw) => usage(() => (parseBgpEvent(raw), raw)),
    ),
    probe: repeatableFlag("an IPv4 address: where each AS's forwarding sends it", (raw) =>
      usage(() => (parseAddress(raw), raw)),
    ),
    seconds: numberFlag('simulated time to run, s', 900, { min: 0, max: 86_400 }),
  },
  run(p, seed) {
    const topology = loadTopology(String(p.topology), seed);
    const events = (p.event as string[]).map((e) => parseBgpEvent(e));
    const seconds = Number(p.seconds);
    const late = events.find((e) => e.atSeconds > seconds);
    if (late)
      throw new UsageError(`'${late.text}' is after the end of the run (--seconds ${seconds})`);
    const r = usage(() =>
      runBgp({
        topology,
        config: bgpConfigOf(p),
        events,
        probes: p.probe as string[],
        seconds,
        seed,
      }),
    );
    return {
      networks: topology.ases.length,
      links: topology.links.length,
      initial: r.initial,
      events: r.events,
      routes: r.routes,
      probes: r.probes,
      digest: r.digest,
    };
  },
};
