/**
 * Builds a runnable world from a validated scenario: the topology, the engine and the network
 * model wired to it. The one place that turns scenario units (ms) into simulation units (ns).
 */
import { Engine, type QueueKind } from '../engine/Engine';
import { Network, type NetNodeSpec } from '../net/Network';
import type { RouteService } from '../net/RouteService';
import { LINK_CLASSES, type LinkClassName, type LinkParams } from '../net/linkClasses';
import { StreamRegistry } from '../random/streams';
import { msToNs } from '../time';
import { generateTopology } from '../topology/generateTopology';
import { REGION_IDS } from '../topology/regions';
import type { Topology, TopologyNode } from '../topology/types';
import type { Scenario } from './scenarioSchema';

export interface World {
  scenario: Scenario;
  topology: Topology;
  engine: Engine;
  network: Network;
  /** the path between two nodes: its hops, round-trip time and loss (the network's route service) */
  routes: RouteService;
  streams: StreamRegistry;
}

/** Users reach the network over the last mile; every server sits behind a data-centre uplink. */
export function accessClassOf(node: TopologyNode): LinkClassName {
  return node.kind === 'client' ? 'lastMile' : 'firstMile';
}

export function linkOverrides(
  scenario: Scenario,
): Partial<Record<LinkClassName, Partial<LinkParams>>> {
  const out: Partial<Record<LinkClassName, Partial<LinkParams>>> = {};
  for (const cls of LINK_CLASSES) {
    const o = scenario.network.linkClasses[cls];
    if (!o) continue;
    const { hopLatencyMs, jitterMeanMs, ...rest } = o;
    out[cls] = {
      ...rest,
      ...(hopLatencyMs !== undefined && { hopLatencyNs: msToNs(hopLatencyMs) }),
      ...(jitterMeanMs !== undefined && { jitterMeanNs: msToNs(jitterMeanMs) }),
    };
  }
  return out;
}

export function buildWorld(scenario: Scenario, options: { queue?: QueueKind } = {}): World {
  const topology = generateTopology(scenario.scale, scenario.seed);
  const engine = new Engine({
    queue: options.queue,
    initialCapacity: Math.max(1024, topology.nodes.length),
  });
  const nodes: NetNodeSpec[] = topology.nodes.map((n) => ({
    lat: n.lat,
    lon: n.lon,
    network: n.network,
    access: accessClassOf(n),
    name: n.name,
    site: REGION_IDS.indexOf(topology.cities[n.city].region),
  }));
  const network = new Network(engine, nodes, {
    seed: scenario.seed,
    siteNames: REGION_IDS,
    inflation: scenario.network.inflation,
    classes: linkOverrides(scenario),
  });
  return {
    scenario,
    topology,
    engine,
    network,
    routes: network.routes,
    streams: new StreamRegistry(scenario.seed),
  };
}
