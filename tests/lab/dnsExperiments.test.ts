/**
 * The DNS lab's new experiments, run with the real DNS model as the lab's statechart drives
 * them (the same commands at the same simulated times, one engine instead of the worker):
 * anycast, a distant resolver with and without client subnet, and the resolver's memory.
 */
import { describe, expect, it } from 'vitest';
import type { DnsModel, ResolutionStep } from '@sim/models/dns';
import { installDnsWithEdges } from '@sim/models/dnsWithEdges';
import { buildWorld, type World } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';
import { DNS_CONFIG, simulation } from '../../labs/dns-resolution/scenario';
import { AFTER_ANSWER_TTL_S, ASK_AGAIN_S, FORGOTTEN_S } from '../../labs/dns-resolution/machine';
import { CLIENT, NAME, PUBLIC_RESOLVER } from '../../labs/dns-resolution/places';

interface Seen {
  steps: ResolutionStep[];
  addresses: string[];
  latencyMs: number;
  handshakeMs: number | null;
}

function lab(): { world: World; dns: DnsModel; lookupAt(t: number): Seen } {
  const world = buildWorld(parseScenario(simulation.scenario));
  const dns = installDnsWithEdges(world, DNS_CONFIG);
  const lookupAt = (t: number): Seen => {
    world.engine.runUntil(t * SECOND);
    const before = dns.observations().length;
    const id = dns.lookup(CLIENT, NAME);
    world.engine.runUntil(world.engine.now + 5 * SECOND);
    const seen = dns.observations().slice(before);
    const res = seen.find((o) => o.type === 'sim.resolution' && o.client === CLIENT);
    const conn = seen.find((o) => o.type === 'sim.connected' && o.id === id);
    if (!res) throw new Error('no resolution');
    return {
      steps: res.steps as ResolutionStep[],
      addresses: res.addresses as string[],
      latencyMs: ((res.timeNs as number) - (res.startedAtNs as number)) / 1e6,
      handshakeMs: conn ? (conn.handshakeNs as number) / 1e6 : null,
    };
  };
  return { world, dns, lookupAt };
}

describe('the DNS lab’s experiments, with the real model', () => {
  it('anycast: with the nearest root instance failed, the next answers without a timeout', () => {
    const first = lab();
    const before = first.lookupAt(0);
    const failed = before.steps[0].serverNode;
    const again = lab();
    again.dns.setServerUp(failed, false);
    const after = again.lookupAt(0);
    expect(after.steps.map((s) => `${s.role}:${s.kind}`)).toEqual([
      'root:referral',
      'tld:referral',
      'toplevel:referral',
      'lowlevel:answer',
    ]);
    expect(after.steps[0].serverNode).not.toBe(failed);
    expect(after.latencyMs - before.latencyMs).toBeGreaterThan(0);
    expect(after.latencyMs - before.latencyMs).toBeLessThan(before.latencyMs);
  });

  it('a distant resolver: a far edge without client subnet, a near one with it', () => {
    const { dns, lookupAt } = lab();
    dns.useResolver(CLIENT, PUBLIC_RESOLVER);
    const without = lookupAt(0);
    dns.configure({ clientSubnet: true });
    const withEcs = lookupAt(AFTER_ANSWER_TTL_S);
    expect(withEcs.addresses).not.toEqual(without.addresses);
    expect(without.handshakeMs).not.toBeNull();
    expect(withEcs.handshakeMs!).toBeLessThan(without.handshakeMs! / 3);
  });

  it('memory: one timeout at 25 s, none at 50 s, and one again once the resolver has forgotten', () => {
    const { dns, lookupAt } = lab();
    const primed = lookupAt(0);
    const low = primed.steps[3].serverNode;
    dns.setServerUp(low, false);
    const first = lookupAt(AFTER_ANSWER_TTL_S);
    expect(first.steps.map((s) => s.kind)).toEqual(['timeout', 'answer']);
    expect(first.steps[0].serverNode).toBe(low);
    const second = lookupAt(ASK_AGAIN_S);
    expect(second.steps.map((s) => s.kind)).toEqual(['answer']);
    // exactly the first lookup without its wait: the same server asked, straight away
    expect(second.latencyMs).toBeCloseTo(first.latencyMs - first.steps[0].timeoutMs, 6);
    const forgotten = lookupAt(FORGOTTEN_S);
    expect(forgotten.steps.map((s) => s.kind)).toEqual(['timeout', 'answer']);
    expect(forgotten.steps[0].serverNode).toBe(low);
    expect(forgotten.steps[0].timeoutMs).toBe(376);
  });
});
