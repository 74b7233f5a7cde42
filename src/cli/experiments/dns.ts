/**
 * `dns [--lookup T:NAME ...] [--fail ROLE:INDEX@T ...] [--client CITY] [--answer-ttl S]
 * [--delegation-ttl S] [--tiers 1|2] [--rate R --seconds S] [--public-resolver CITY]
 * [--client-subnet on|off]`: one client group looks names up
 * at given simulated seconds; prints each lookup's steps (the queries its resolver sent, in
 * order: role, server, zone, kind, TTL), its answer and latency, plus totals over the run (with
 * a background workload, the one-tier vs two-tier comparison). The model runs in src/sim/models/dns.
 */
import { runDnsScript, type DnsRole } from '@sim/models/dns';
import {
  choiceFlag,
  numberFlag,
  repeatableFlag,
  scaleFlag,
  UsageError,
  type Experiment,
} from '../experiment';

const FAIL_ROLES: readonly DnsRole[] = ['root', 'tld', 'toplevel', 'lowlevel', 'edge'];
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function parseLookup(raw: string): { t: number; name: string } {
  const m = /^(\d+(?:\.\d+)?):([a-z0-9.-]+\.?)$/i.exec(raw.trim());
  if (!m) throw new UsageError(`expected T:NAME (seconds, a host name), got '${raw}'`);
  return { t: Number(m[1]), name: m[2] };
}

function parseFailure(raw: string): { t: number; role: DnsRole; index: number } {
  const m = /^([a-z]+):(\d+)@(\d+(?:\.\d+)?)$/.exec(raw.trim());
  if (!m || !FAIL_ROLES.includes(m[1] as DnsRole))
    throw new UsageError(
      `expected ROLE:INDEX@T with ROLE one of ${FAIL_ROLES.join(', ')}, got '${raw}'`,
    );
  return { role: m[1] as DnsRole, index: Number(m[2]), t: Number(m[3]) };
}

const checked = (parse: (raw: string) => unknown) => (raw: string) => {
  parse(raw);
  return raw.trim();
};

export const dnsExperiment: Experiment = {
  name: 'dns',
  summary: 'follow DNS lookups through root, .net, top-level and low-level name servers',
  flags: {
    lookup: repeatableFlag(
      'T:NAME, the client looks NAME up at simulated second T (default 1:a7.g.akamai.net)',
      checked(parseLookup),
    ),
    fail: repeatableFlag(
      `ROLE:INDEX@T, from second T that server stops answering (roles ${FAIL_ROLES.join(', ')}; index in node order)`,
      checked(parseFailure),
    ),
    client: choiceFlag(
      'city id of the client group that looks names up',
      'boston',
      (raw) => (/^[a-z-]+$/.test(raw) ? raw : undefined),
      'a city id such as boston or tokyo',
    ),
    'answer-ttl': numberFlag('TTL of the low-level A records, s', 20, {
      min: 0,
      max: 86_400,
      integer: true,
    }),
    'delegation-ttl': numberFlag('TTL of the g.akamai.net delegation, s', 3600, {
      min: 0,
      max: 604_800,
      integer: true,
    }),
    tiers: numberFlag('2: top level refers to low level; 1: top level answers A records', 2, {
      min: 1,
      max: 2,
      integer: true,
    }),
    rate: numberFlag('background lookups per client group per second (Poisson)', 0, {
      min: 0,
      max: 1000,
    }),
    seconds: numberFlag('simulated seconds to run at least (for the background workload)', 0, {
      min: 0,
      max: 86_400,
    }),
    'public-resolver': choiceFlag(
      'the client group asks the public resolver in this city instead of its own (none: its own)',
      'none',
      (raw) => (/^[a-z-]+$/.test(raw) ? raw : undefined),
      'a city id such as washington, or none',
    ),
    'client-subnet': choiceFlag(
      'resolvers send the client subnet to the CDN (RFC 7871)',
      'off',
      (raw) => (raw === 'on' || raw === 'off' ? raw : undefined),
      'on or off',
    ),
    scale: scaleFlag(),
  },
  run(p, seed) {
    const given = p.lookup as readonly string[];
    const lookups = (given.length > 0 ? given : ['1:a7.g.akamai.net']).map(parseLookup);
    let r;
    try {
      r = runDnsScript(
        {
          scale: String(p.scale),
          client: String(p.client),
          lookups,
          ...(p['public-resolver'] === 'none'
            ? {}
            : { publicResolver: String(p['public-resolver']) }),
          failures: (p.fail as readonly string[]).map(parseFailure),
          seconds: Number(p.seconds),
          config: {
            answerTtl: Number(p['answer-ttl']),
            delegationTtl: Number(p['delegation-ttl']),
            oneTier: Number(p.tiers) === 1,
            lookupsPerClientPerSecond: Number(p.rate),
            clientSubnet: p['client-subnet'] === 'on',
            // The client connects to the first address, as the DNS lab's does: to the delivery
            // model's edge server (see installDnsWithEdges).
            connect: true,
          },
        },
        seed,
      );
    } catch (err) {
      if (err instanceof RangeError || /bad command/.test((err as Error).message))
        throw new UsageError((err as Error).message);
      throw err;
    }
    const c = r.counters;
    const h = r.lookupLatencyNs;
    const ms = (ns: number) => (h.count > 0 ? round(ns / 1e6, 3) : null);
    return {
      lookups: r.lookups.map((l) => ({
        ...l,
        latencyMs: l.latencyMs === null ? null : round(l.latencyMs, 3),
      })),
      totals: {
        lookups: c['dns.lookups'] ?? 0,
        answered: c['dns.lookupsAnswered'] ?? 0,
        queriesRoot: c['dns.queries.root'] ?? 0,
        queriesTld: c['dns.queries.tld'] ?? 0,
        queriesTopLevel: c['dns.queries.toplevel'] ?? 0,
        queriesLowLevel: c['dns.queries.lowlevel'] ?? 0,
        resolverTimeouts: c['dns.resolver.timeouts'] ?? 0,
        lookupLatencyMs: {
          mean: ms(h.mean),
          p50: ms(h.percentile(50)),
          p95: ms(h.percentile(95)),
        },
      },
      events: r.events,
      digest: r.digest,
    };
  },
};
