import { installDns, type DnsConfigInput, type DnsModel } from '@sim/models/dns';
import { installDnsWithEdges } from '@sim/models/dnsWithEdges';
import type { ResolutionStep } from '@sim/models/dns';
import { buildWorld, type World } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

export interface DnsRig {
  world: World;
  dns: DnsModel;
  client(city: string): number;
  /** looks `name` up from `client` at simulated second `t` and runs until it is answered */
  lookupAt(t: number, client: number, name: string): LookupSeen;
}

export interface LookupSeen {
  steps: ResolutionStep[];
  addresses: string[];
  ttl: number | null;
  rcode: string;
  latencyNs: number;
}

export function dnsRig(config: DnsConfigInput = {}, seed = 1): DnsRig {
  const world = buildWorld(parseScenario({ seed, scale: 'classroom' }));
  // Connections need the delivery model's edge servers; lookups alone need only the DNS model.
  const dns = config.connect ? installDnsWithEdges(world, config) : installDns(world, config);
  const client = (city: string) => {
    const node = world.topology.nodes.find(
      (n) => n.kind === 'client' && world.topology.cities[n.city].id === city,
    );
    if (!node) throw new Error(`no client in ${city}`);
    return node.id;
  };
  const lookupAt = (t: number, c: number, name: string): LookupSeen => {
    world.engine.runUntil(t * SECOND);
    const before = dns.observations().length;
    dns.lookup(c, name);
    const answered = () =>
      dns
        .observations()
        .slice(before)
        .some((o) => o.type === 'sim.queryAnswered' && o.client === c);
    while (!answered() && world.engine.nextEventTime() < (t + 10) * SECOND) world.engine.step();
    const seen = dns.observations().slice(before);
    const res = seen.find((o) => o.type === 'sim.resolution' && o.client === c);
    const ans = seen.find((o) => o.type === 'sim.queryAnswered' && o.client === c);
    if (!res || !ans) throw new Error(`lookup of ${name} not answered`);
    return {
      steps: res.steps as ResolutionStep[],
      addresses: ans.addresses as string[],
      ttl: ans.ttl as number | null,
      rcode: ans.rcode as string,
      latencyNs: ans.latencyNs as number,
    };
  };
  return { world, dns, client, lookupAt };
}

export const brief = (s: ResolutionStep[]) => s.map((x) => `${x.role}:${x.kind}:${x.ttl}`);
