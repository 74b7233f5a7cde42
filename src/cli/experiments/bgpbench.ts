/**
 * `bgpbench`: the figures BGP's model is held to. (1) A withdrawal in cliques of 4 to 8 ASes
 * under shortest-path policy, against Labovitz et al. 2000's (n − 3) × MRAI. (2) The cost of
 * message-level BGP: one withdrawal in a generated Internet of about 300 networks
 * (Gao-Rexford relationships), simulated to the end of its convergence, in wall-clock seconds.
 */
import { performance } from 'node:perf_hooks';
import { Engine } from '@sim/engine/Engine';
import { TraceDigest } from '@sim/engine/TraceDigest';
import {
  BgpNetwork,
  cliqueTopology,
  formatPrefix,
  generatedAsTopology,
  parseBgpEvent,
  runBgp,
  type AsTopology,
} from '@sim/models/bgp';
import { parseScaleArg } from '@sim/topology/scales';
import { secondsToNs } from '@sim/time';
import { numberFlag, scaleFlag, UsageError, type Experiment } from '../experiment';
import { BGP_FLAGS, bgpConfigOf } from './bgp';

const SETTLE_SECONDS = 300;

/** The AS with the most providers (ties: the lowest ASN): the withdrawal with most alternatives. */
function mostMultihomed(t: AsTopology): number {
  const providers = new Map<number, number>();
  for (const l of t.links)
    if (l.rel === 'transit') providers.set(l.a, (providers.get(l.a) ?? 0) + 1);
  let best = t.ases[0].asn;
  for (const a of t.ases) {
    const k = providers.get(a.asn) ?? 0;
    if (k > (providers.get(best) ?? 0)) best = a.asn;
  }
  return best;
}

export const bgpBenchExperiment: Experiment = {
  name: 'bgpbench',
  summary:
    'BGP convergence in cliques of 4 to 8 (Labovitz) and the wall time of a 300-network withdrawal',
  flags: {
    ...BGP_FLAGS,
    // 820 servers give an Internet of about 300 networks.
    scale: scaleFlag('820'),
    'clique-from': numberFlag('smallest clique', 4, { min: 3, max: 30, integer: true }),
    'clique-to': numberFlag('largest clique', 8, { min: 3, max: 30, integer: true }),
  },
  run(p, seed) {
    const config = bgpConfigOf(p);
    const from = Number(p['clique-from']);
    const to = Number(p['clique-to']);
    if (to < from) throw new UsageError(`--clique-to ${to} is below --clique-from ${from}`);
    const digest = new TraceDigest();
    const cliques = [];
    for (let n = from; n <= to; n++) {
      const r = runBgp({
        topology: cliqueTopology(n),
        config: { ...config, policy: 'shortest-path' },
        events: [parseBgpEvent(`withdraw:1:10.1.0.0/16@${SETTLE_SECONDS}`)],
        probes: [],
        seconds: SETTLE_SECONDS + 100 * n * Math.max(1, config.mraiSeconds),
        seed,
      });
      cliques.push({
        digest: r.digest,
        n,
        convergenceSeconds: round(r.events[0].convergenceSeconds),
        updates: r.events[0].updates,
        labovitzSeconds: (n - 3) * config.mraiSeconds,
      });
    }

    const topology = generatedAsTopology(parseScaleArg(String(p.scale)), seed);
    const engine = new Engine();
    engine.observe(digest.observer);
    const net = new BgpNetwork(engine, topology, config, seed);
    engine.runUntil(secondsToNs(SETTLE_SECONDS));
    const asn = mostMultihomed(topology);
    const prefix = topology.ases.find((a) => a.asn === asn)!.prefixes[0];
    const updatesBefore = net.updatesSent;
    const started = performance.now();
    net.withdraw(net.index(asn), prefix);
    engine.runUntil(secondsToNs(2 * SETTLE_SECONDS));
    const wallSeconds = (performance.now() - started) / 1000;
    return {
      cliques,
      generated: {
        networks: topology.ases.length,
        links: topology.links.length,
        withdrawn: `AS${asn} ${formatPrefix(prefix)}`,
        convergenceSeconds: round(Math.max(0, net.lastUpdateNs / 1e9 - SETTLE_SECONDS)),
        updates: net.updatesSent - updatesBefore,
        simulatedSeconds: SETTLE_SECONDS,
        wallSeconds: round(wallSeconds),
      },
      digest: digest.toString(),
    };
  },
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
