/**
 * A scripted DNS run in one engine: one client looks names up at given seconds while servers
 * fail at others, optionally over a background Poisson workload. Returns each scripted lookup's
 * steps (the queries its resolver sent, in order), answer and latency, plus totals and the trace
 * digest: the core of `npm run sim -- dns`, kept free of the CLI.
 */
import { TraceDigest } from '../../engine/TraceDigest';
import { buildWorld } from '../../scenario/buildWorld';
import { parseScenario } from '../../scenario/scenarioSchema';
import { Histogram } from '../../stats/Histogram';
import { SECOND } from '../../time';
import { parseScaleArg } from '../../topology/scales';
import type { DnsConfigInput } from './dnsConfig';
import { installDns } from './installDns';
import { installDnsWithEdges } from '../dnsWithEdges';
import type { DnsRole } from './names';
import type { Observation } from '../../observations';
import type { ResolutionStep } from './Resolver';

export interface DnsScript {
  scale?: string | number;
  /** the client group's city id, e.g. 'boston' */
  client: string;
  lookups: { t: number; name: string }[];
  /** the city of a public resolver site the client group asks instead of its own resolver */
  publicResolver?: string;
  failures?: { t: number; role: DnsRole; index: number }[];
  config?: DnsConfigInput;
  /** run at least this long, s (for a background workload); scripted lookups always finish */
  seconds?: number;
}

export interface ScriptedLookup {
  t: number;
  name: string;
  steps: Pick<ResolutionStep, 'role' | 'server' | 'zone' | 'kind' | 'ttl' | 'timeoutMs'>[];
  rcode: string;
  answer: { addresses: string[]; ttl: number | null } | null;
  latencyMs: number | null;
  /**
   * the edge the client reached afterwards, on which try (a dead first address costs one), and
   * the round trip of that try's handshake
   */
  connected: { address: string; tries: number; handshakeMs: number } | null;
}

export interface DnsRunResult {
  lookups: ScriptedLookup[];
  counters: Record<string, number>;
  lookupLatencyNs: Histogram;
  digest: string;
  events: number;
}

/** Time after the last scripted event for its lookups to finish (stub timeout 5 s, with room). */
const SETTLE_SECONDS = 30;

export function runDnsScript(script: DnsScript, seed: number): DnsRunResult {
  const scale = script.scale ?? 'classroom';
  const world = buildWorld(
    parseScenario({ seed, scale: typeof scale === 'number' ? scale : parseScaleArg(scale) }),
  );
  const digest = new TraceDigest();
  world.engine.observe(digest.observer);
  const clientNode = world.topology.nodes.find(
    (n) => n.kind === 'client' && world.topology.cities[n.city].id === script.client,
  );
  if (clientNode === undefined) {
    const cities = world.topology.nodes
      .filter((n) => n.kind === 'client')
      .map((n) => world.topology.cities[n.city].id);
    throw new RangeError(
      `no client group in '${script.client}'; cities with clients: ${[...new Set(cities)].sort().join(', ')}`,
    );
  }
  // Keep every record of a scripted run: they are what the result is made of.
  const config = { maxObservations: 1_000_000, ...script.config };
  const dns = config.connect ? installDnsWithEdges(world, config) : installDns(world, config);
  if (script.publicResolver !== undefined) {
    const name = `resolver:public-${script.publicResolver}`;
    const site = world.topology.nodes.find((n) => n.name === name);
    if (site === undefined)
      throw new Error(
        `bad command: no public resolver in '${script.publicResolver}'; sites: ${world.topology.nodes
          .filter((n) => n.name.startsWith('resolver:public-'))
          .map((n) => n.name.replace('resolver:public-', ''))
          .join(', ')}`,
      );
    dns.useResolver(clientNode.id, site.id);
  }
  const failures = (script.failures ?? []).map((f) => ({
    ...f,
    node: dns.serverNode(f.role, f.index),
  }));
  type Action = { t: number; order: number; run: () => void };
  const actions: Action[] = [
    ...failures.map((f, i) => ({ t: f.t, order: i, run: () => dns.setServerUp(f.node, false) })),
    ...script.lookups.map((l, i) => ({
      t: l.t,
      order: failures.length + i,
      run: () => ids.push(dns.lookup(clientNode.id, l.name)),
    })),
  ].sort((a, b) => a.t - b.t || a.order - b.order);
  const ids: number[] = [];
  for (const a of actions) {
    world.engine.runUntil(Math.round(a.t * SECOND));
    a.run();
  }
  const lastT = actions.length > 0 ? actions[actions.length - 1].t : 0;
  world.engine.runUntil(Math.round(Math.max(lastT + SETTLE_SECONDS, script.seconds ?? 0) * SECOND));

  const obs = dns.observations();
  const find = (type: string, id: number): Observation | undefined =>
    obs.find((o) => o.type === type && o.client === clientNode.id && o.id === id);
  const lookups = script.lookups.map((l, i): ScriptedLookup => {
    const res = find('sim.resolution', ids[i]);
    const ans = find('sim.queryAnswered', ids[i]);
    const steps = ((res?.steps ?? []) as ResolutionStep[]).map(
      ({ role, server, zone, kind, ttl, timeoutMs }) => ({
        role,
        server,
        zone,
        kind,
        ttl,
        timeoutMs,
      }),
    );
    const addresses = (ans?.addresses ?? []) as string[];
    const conn = find('sim.connected', ids[i]);
    return {
      t: l.t,
      name: l.name,
      steps,
      rcode: (ans?.rcode as string | undefined) ?? 'TIMEOUT',
      answer: ans && addresses.length > 0 ? { addresses, ttl: ans.ttl as number | null } : null,
      latencyMs: ans ? (ans.latencyNs as number) / 1e6 : null,
      connected: conn
        ? {
            address: conn.address as string,
            tries: conn.tries as number,
            handshakeMs: (conn.handshakeNs as number) / 1e6,
          }
        : null,
    };
  });
  return {
    lookups,
    counters: { ...dns.counters(), ...world.network.counterSnapshot() },
    lookupLatencyNs: Histogram.fromSnapshot(dns.lookupLatency()),
    digest: digest.toString(),
    events: world.engine.executed,
  };
}
