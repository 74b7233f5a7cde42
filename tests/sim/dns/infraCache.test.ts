/**
 * The resolver's memory of unresponsive servers (after Unbound's infrastructure cache): a
 * server that timed out is skipped by the next lookups until the memory of it expires.
 */
import { describe, expect, it } from 'vitest';
import {
  INFRA_HOST_TTL_NS,
  InfraCache,
  RTT_BAND_MS,
  UNKNOWN_SERVER_NICENESS_MS,
} from '@sim/models/dns/InfraCache';
import { RandomStream } from '@sim/random/RandomStream';
import { MS, SECOND } from '@sim/time';
import { brief, dnsRig } from './helpers';

/** Jacobson's estimator as Unbound's util/rtt.c documents it, step by step, in whole ms. */
function expectedRto(samplesMs: number[]): number {
  let srtt = 0;
  let rttvar = UNKNOWN_SERVER_NICENESS_MS / 4;
  for (const ms of samplesMs) {
    const delta = ms - srtt;
    srtt += Math.trunc(delta / 8);
    rttvar += Math.trunc((Math.abs(delta) - rttvar) / 4);
  }
  return Math.max(50, srtt + 4 * rttvar);
}

describe('InfraCache (Unbound defaults)', () => {
  const rng = () => new RandomStream(1, 'test');

  it('a stranger gets 376 ms; answers bring the timeout down by the RTT estimator', () => {
    const infra = new InfraCache();
    expect(infra.timeoutNs(7, 0)).toBe(376 * MS);
    infra.answered(7, 20 * MS, 0);
    expect(infra.timeoutNs(7, 0)).toBe(expectedRto([20]) * MS);
    infra.answered(7, 22 * MS, 0);
    infra.answered(7, 18 * MS, 0);
    expect(infra.timeoutNs(7, 0)).toBe(expectedRto([20, 22, 18]) * MS);
  });

  it('a timeout doubles the timeout the query was sent with, up to 120 s', () => {
    const infra = new InfraCache();
    let rto = infra.timeoutNs(3, 0);
    for (let i = 0; i < 12; i++) {
      infra.timedOut(3, rto, 0);
      const next = infra.timeoutNs(3, 0);
      expect(next).toBe(Math.min(2 * rto, 120_000 * MS));
      rto = next;
    }
  });

  it('forgets a server infra-host-ttl (900 s) after it first met it', () => {
    const infra = new InfraCache();
    infra.timedOut(3, 376 * MS, 0);
    expect(infra.timeoutNs(3, INFRA_HOST_TTL_NS - 1)).toBe(752 * MS);
    expect(infra.timeoutNs(3, INFRA_HOST_TTL_NS)).toBe(376 * MS);
  });

  it("'fastest' asks the best; 'band' picks at random within 400 ms of it and never beyond", () => {
    const infra = new InfraCache();
    infra.answered(1, 30 * MS, 0); // rto 301: best
    infra.timedOut(2, 376 * MS, 0); // 752: more than 400 ms worse
    // 3 is a stranger at 376: within the band
    expect(infra.choose([2, 3, 1], 0, 'fastest', rng)).toBe(1);
    const best = infra.selectionRttMs(1, 0);
    expect(infra.selectionRttMs(2, 0) - best).toBeGreaterThan(RTT_BAND_MS);
    expect(infra.selectionRttMs(3, 0) - best).toBeLessThanOrEqual(RTT_BAND_MS);
    const stream = new RandomStream(1, 'band');
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const s = infra.choose([2, 3, 1], 0, 'band', () => stream);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect(counts.get(2)).toBeUndefined();
    expect(counts.get(1)! / 2000).toBeCloseTo(0.5, 1);
  });
});

describe('the resolver remembers a silent name server', () => {
  it('after a low-level server timed out, lookups go straight to another one until the memory expires', () => {
    const rig = dnsRig();
    const c = rig.client('boston');
    rig.lookupAt(1, c, 'a1.g.akamai.net');
    const resolver = rig.world.topology.nodes[c].resolver!;
    const ns = rig.dns.resolverCache(resolver).find((e) => e.name === 'g.akamai.net')!;
    expect(ns.records.length).toBe(2);
    const first = rig.lookupAt(2, c, 'a2.g.akamai.net');
    const silent = first.steps[0].serverNode;
    rig.dns.setServerUp(silent, false);

    const failed = rig.lookupAt(3, c, 'a3.g.akamai.net');
    expect(brief(failed.steps)).toEqual(['lowlevel:timeout:null', 'lowlevel:answer:20']);
    expect(failed.steps[0].serverNode).toBe(silent);
    // what the resolver now remembers of it: the timeout it waited, doubled
    const memory = rig.dns.resolverMemory(resolver).find((m) => m.server === silent)!;
    expect(memory.timeoutMs).toBe(2 * failed.steps[0].timeoutMs);

    // Within its memory: one query, to the other server, no wait.
    for (const t of [10, 100, 800]) {
      const next = rig.lookupAt(t, c, `a${t}.g.akamai.net`);
      expect(brief(next.steps)).toEqual(['lowlevel:answer:20']);
      expect(next.steps[0].serverNode).not.toBe(silent);
      expect(next.latencyNs).toBeLessThan(failed.latencyNs - failed.steps[0].timeoutMs * MS + MS);
    }

    // 900 s after the resolver first met each server, it has forgotten both: two strangers at
    // 376 ms, asked in the referral's order, so the silent one is tried again and times out.
    const forgotten = rig.lookupAt(3 + 900 + 1, c, 'a904.g.akamai.net');
    expect(forgotten.steps[0].serverNode).toBe(silent);
    expect(forgotten.steps[0].kind).toBe('timeout');
    expect(forgotten.steps[0].timeoutMs).toBe(UNKNOWN_SERVER_NICENESS_MS);
    expect(rig.world.engine.now).toBeGreaterThan(904 * SECOND);
  });
});
