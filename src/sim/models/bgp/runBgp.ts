/**
 * One BGP run: a topology, timed events and probe addresses on a fresh engine; returns per event
 * the convergence time (when the last UPDATE caused by it was sent) and the number of UPDATEs,
 * each AS's chosen routes at the end, and what the probes saw. UPDATEs are counted towards the
 * latest event at or before their time (events at the same time: the last one given).
 */
import { Engine } from '../../engine/Engine';
import { TraceDigest } from '../../engine/TraceDigest';
import { secondsToNs } from '../../time';
import type { AsTopology } from './asTopology';
import type { BgpConfig } from './bgpConfig';
import type { BgpEvent } from './bgpEvents';
import { BgpInputError, BgpNetwork } from './BgpNetwork';
import { formatPrefix, parseAddress } from './prefix';
import { ProbeTracker, type ProbeResult } from './ProbeTracker';

export interface BgpRunInput {
  topology: AsTopology;
  config: BgpConfig;
  events: readonly BgpEvent[];
  /** dotted-quad addresses */
  probes: readonly string[];
  seconds: number;
  seed: number;
}

export interface BgpEventResult {
  event: string;
  at: number;
  convergenceSeconds: number;
  updates: number;
}

export interface BgpRunResult {
  /** the start: every AS announcing its prefixes */
  initial: { convergenceSeconds: number; updates: number };
  events: BgpEventResult[];
  /** ASN → prefix → AS_PATH as text ('' for the AS's own prefix), or null without a route */
  routes: Record<string, Record<string, string | null>>;
  probes: Record<string, Record<string, ProbeResult>>;
  digest: string;
  /** the network at the end, for callers that look further */
  network: BgpNetwork;
}

export function runBgp(input: BgpRunInput): BgpRunResult {
  const engine = new Engine();
  const digest = new TraceDigest();
  engine.observe(digest.observer);
  const n = input.topology.ases.length;
  const order = input.events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.atSeconds - y.e.atSeconds || x.i - y.i);
  const tally = [
    { updates: 0, lastNs: 0 },
    ...input.events.map(() => ({ updates: 0, lastNs: -1 })),
  ];
  let current = 0; // tally index: 0 the start, 1 + i event i
  let probes: ProbeTracker | null = null;
  const net = new BgpNetwork(engine, input.topology, input.config, input.seed, {
    updateSent(timeNs) {
      tally[current].updates++;
      tally[current].lastNs = timeNs;
    },
    forwardingChanged(timeNs) {
      probes?.update(timeNs);
    },
  });
  const addresses = input.probes.map(parseAddress);
  checkEvents(net, input.topology, input.events);
  probes = new ProbeTracker(
    net,
    addresses,
    input.topology.ases.map((a) => a.asn),
    input.events.length,
  );
  probes.update(0);

  // Scenario events come from a node beyond the speakers, so their ordering key is their own.
  const control = n;
  const kind = engine.registerKind('bgp.event', (_t, i) => {
    current = 1 + i;
    probes!.startEvent(i, engine.now);
    apply(net, input.events[i]);
    probes!.update(engine.now);
  });
  for (const { e, i } of order)
    engine.scheduleAt(secondsToNs(e.atSeconds), control, control, kind, i);
  const endNs = secondsToNs(input.seconds);
  engine.runUntil(endNs);

  const probeResults = probes.results(endNs);
  return {
    initial: { convergenceSeconds: tally[0].lastNs / 1e9, updates: tally[0].updates },
    events: input.events.map((e, i) => ({
      event: e.text,
      at: e.atSeconds,
      convergenceSeconds:
        tally[1 + i].lastNs < 0 ? 0 : (tally[1 + i].lastNs - secondsToNs(e.atSeconds)) / 1e9,
      updates: tally[1 + i].updates,
    })),
    routes: routesOf(net, input.topology),
    probes: Object.fromEntries(
      input.probes.map((address, p) => [
        address,
        Object.fromEntries(input.topology.ases.map((a, k) => [String(a.asn), probeResults[p][k]])),
      ]),
    ),
    digest: digest.toString(),
    network: net,
  };
}

/**
 * Refuses events that name an AS or a link the topology does not have, or withdraw a prefix the
 * AS never announces (BgpInputError naming it).
 */
function checkEvents(net: BgpNetwork, topology: AsTopology, events: readonly BgpEvent[]): void {
  const announced = new Set(
    topology.ases.flatMap((a) => a.prefixes.map((p) => `${a.asn} ${formatPrefix(p)}`)),
  );
  for (const e of events) {
    if (e.kind === 'announce') announced.add(`${e.asn} ${formatPrefix(e.prefix)}`);
    if ('asn' in e) net.index(e.asn);
    else net.link(e.a, e.b);
  }
  for (const e of events)
    if (e.kind === 'withdraw' && !announced.has(`${e.asn} ${formatPrefix(e.prefix)}`))
      throw new BgpInputError(`'${e.text}': AS${e.asn} never announces ${formatPrefix(e.prefix)}`);
}

function apply(net: BgpNetwork, e: BgpEvent): void {
  switch (e.kind) {
    case 'announce':
      return net.originate(net.index(e.asn), e.prefix);
    case 'withdraw':
      return net.withdraw(net.index(e.asn), e.prefix);
    case 'link-down':
      return net.linkDown(net.link(e.a, e.b));
    case 'link-up':
      return net.linkUp(net.link(e.a, e.b));
    case 'link-silent':
      return net.linkSilent(net.link(e.a, e.b));
    case 'depeer':
      return net.depeer(net.index(e.a), net.link(e.a, e.b));
  }
}

function routesOf(
  net: BgpNetwork,
  topology: AsTopology,
): Record<string, Record<string, string | null>> {
  const keys = net.knownPrefixes().map(formatPrefix);
  return Object.fromEntries(
    topology.ases.map((a) => [
      String(a.asn),
      Object.fromEntries(keys.map((k) => [k, net.bestPath(a.asn, k)?.join(' ') ?? null])),
    ]),
  );
}
