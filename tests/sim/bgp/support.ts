import {
  DEFAULT_BGP,
  parseAsTopology,
  parseBgpEvent,
  runBgp,
  type BgpConfig,
  type BgpRunResult,
} from '@sim/models/bgp';

/** `{ ases, links }` in the runner's JSON format, run with the given events and probes. */
export function run(
  json: unknown,
  opts: {
    config?: Partial<BgpConfig>;
    events?: string[];
    probes?: string[];
    seconds?: number;
    seed?: number;
  } = {},
): BgpRunResult {
  return runBgp({
    topology: parseAsTopology(json),
    config: { ...DEFAULT_BGP, ...opts.config },
    events: (opts.events ?? []).map(parseBgpEvent),
    probes: opts.probes ?? [],
    seconds: opts.seconds ?? 600,
    seed: opts.seed ?? 1,
  });
}

export const as = (asn: number, prefixes: string[] = [], city?: string) => ({
  asn,
  prefixes,
  city,
});
export const peer = (a: number, b: number) => ({ a, b, rel: 'peer' });
export const transit = (customer: number, provider: number) => ({ customer, provider });
