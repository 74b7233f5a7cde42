/**
 * The two ways the bgp model keeps the world's BGP: message-level (BgpNetwork on a private
 * engine, warmed up until quiet, its clock ahead of the world's by the warm-up) and computed from
 * the policy without messages (PolicyForwarding, for Internets above 1,000 networks). The model
 * (worldBgp.ts) drives either through the same few calls.
 */
import { Engine } from '../../engine/Engine';
import { secondsToNs } from '../../time';
import type { AsTopology } from './asTopology';
import type { BgpConfig } from './bgpConfig';
import { BgpNetwork, type BgpListener, type NeighbourState } from './BgpNetwork';
import type { Forwarding } from './BgpRoutes';
import { PolicyForwarding } from './PolicyForwarding';
import type { Prefix } from './prefix';

/** Warm-up stops here even if BGP is still busy (a topology that never settles). */
const MAX_WARMUP_SECONDS = 3600;

export interface BgpDriver {
  readonly kind: 'messages' | 'policy';
  readonly forwarding: Forwarding;
  hasAs(asn: number): boolean;
  hasLink(asnA: number, asnB: number): boolean;
  /** the link's interface goes down (a cut), or the link carries again */
  setLinkUp(asnA: number, asnB: number, up: boolean): void;
  /** the link stops carrying, unnoticed by its ends until a timer (hold or BFD) says so */
  silence(asnA: number, asnB: number): void;
  /** `fromAsn` closes its session with the other by decision */
  depeer(fromAsn: number, otherAsn: number): void;
  /** the AS starts (or stops) announcing the prefix */
  announce(asn: number, prefix: Prefix, on: boolean): void;
  /** runs BGP up to the world's time `nowNs`; whether any forwarding changed since last asked */
  runTo(nowNs: number): boolean;
  /** the world's time of BGP's next event (Infinity: none, or no events at all) */
  nextEventNs(): number;
  /** UPDATE messages sent since the world's start */
  updates(): number;
  /** the AS's neighbours and their links' states now (the sandbox's inspector) */
  neighbours(asn: number): NeighbourState[];
  /** the prefixes the AS announces now */
  originatedBy(asn: number): string[];
}

/**
 * `listener.updateSent`, when given, hears each UPDATE sent after the warm-up, at the world's
 * time (BGP's less the warm-up); those of the warm-up are the Internet converging before the lab.
 */
export function messageDriver(
  topology: AsTopology,
  config: BgpConfig,
  seed: number,
  listener: Pick<BgpListener, 'updateSent'> = {},
): BgpDriver {
  const engine = new Engine();
  let changed = false;
  let offsetNs = -1;
  const heard = listener.updateSent;
  const bgp = new BgpNetwork(engine, topology, config, seed, {
    forwardingChanged: () => {
      changed = true;
    },
    updateSent(timeNs, from, to, update) {
      if (heard && offsetNs >= 0) heard(timeNs - offsetNs, from, to, update);
    },
  });
  offsetNs = warmUp(engine, bgp, config);
  changed = false;
  const atStart = bgp.updatesSent;
  const link = (a: number, b: number) => bgp.link(a, b);
  return {
    kind: 'messages',
    forwarding: {
      forward: (asn, address) => bgp.forward(asn, address),
      nextAsn(asn, address) {
        const next = bgp.nextHop(bgp.index(asn), address);
        return next >= 0 ? bgp.speakers[next].asn : null;
      },
    },
    hasAs: (asn) => bgp.hasAs(asn),
    hasLink(a, b) {
      try {
        link(a, b);
        return true;
      } catch {
        return false;
      }
    },
    setLinkUp: (a, b, up) => (up ? bgp.linkUp(link(a, b)) : bgp.linkDown(link(a, b))),
    silence: (a, b) => bgp.linkSilent(link(a, b)),
    depeer: (from, other) => bgp.depeer(bgp.index(from), link(from, other)),
    announce: (asn, prefix, on) =>
      on ? bgp.originate(bgp.index(asn), prefix) : bgp.withdraw(bgp.index(asn), prefix),
    runTo(nowNs) {
      const t = nowNs + offsetNs;
      engine.runUntil(t);
      while (engine.nextEventTime() <= t) engine.step();
      const was = changed;
      changed = false;
      return was;
    },
    nextEventNs: () => engine.nextEventTime() - offsetNs,
    updates: () => bgp.updatesSent - atStart,
    neighbours: (asn) => bgp.neighbours(asn),
    originatedBy: (asn) => bgp.originatedBy(asn),
  };
}

/** Converged at once: every change is seen by every AS the moment it happens. */
export function policyDriver(topology: AsTopology): BgpDriver {
  const policy = new PolicyForwarding(topology);
  let changed = false;
  const change = (f: () => void) => {
    f();
    changed = true;
  };
  return {
    kind: 'policy',
    forwarding: policy,
    hasAs(asn) {
      try {
        policy.index(asn);
        return true;
      } catch {
        return false;
      }
    },
    hasLink: (a, b) => policy.hasLink(a, b),
    setLinkUp: (a, b, up) => change(() => policy.setLink(a, b, up ? 'up' : 'down')),
    // No timers here: the routes move at once, as after a cut (docs/fidelity.md says so).
    silence: (a, b) => change(() => policy.setLink(a, b, 'down')),
    depeer: (from, other) => change(() => policy.setLink(from, other, 'shut')),
    announce: (asn, prefix, on) =>
      change(() =>
        on
          ? policy.originate(policy.index(asn), prefix)
          : policy.withdraw(policy.index(asn), prefix),
      ),
    runTo() {
      const was = changed;
      changed = false;
      return was;
    },
    nextEventNs: () => Infinity,
    updates: () => 0,
    neighbours: (asn) => policy.neighbours(asn),
    originatedBy: (asn) => policy.originatedBy(asn),
  };
}

/**
 * Runs BGP from its start until no UPDATE has been sent for two MRAI intervals (every timer
 * that could still release one has expired), in steps of ten seconds. Returns BGP's time then.
 */
function warmUp(engine: Engine, bgp: BgpNetwork, config: BgpConfig): number {
  const step = secondsToNs(10);
  const quiet = secondsToNs(2 * config.mraiSeconds + 2 * config.batchSeconds + 1);
  const max = secondsToNs(MAX_WARMUP_SECONDS);
  let t = 0;
  do {
    t += step;
    engine.runUntil(t);
  } while (t - Math.max(0, bgp.lastUpdateNs) < quiet && t < max);
  return t;
}
