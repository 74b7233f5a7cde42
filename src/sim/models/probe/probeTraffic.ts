/**
 * A minimal request/response load for testing runtimes: every client group sends small
 * requests to random edge servers at exponential intervals, and each server answers with a
 * larger response. It follows the rules a model must keep to run split across workers: state
 * and random draws per node, interaction only by network messages, kinds registered in a fixed
 * order, processes started only for owned nodes.
 */
import type { World } from '../../scenario/buildWorld';

export interface ProbeConfig {
  /** mean time between a client group's requests, ns */
  meanIntervalNs: number;
  requestBytes: number;
  responseBytes: number;
}

export const PROBE_MESSAGE_TYPES: readonly string[] = ['probe.request', 'probe.response'];

export const DEFAULT_PROBE: ProbeConfig = {
  meanIntervalNs: 20_000_000,
  requestBytes: 500,
  responseBytes: 20_000,
};

export interface ProbeModel {
  /** summable counters of this shard's part of the run */
  counters(): Record<string, number>;
}

export function installProbeTraffic(
  world: World,
  ownsNode: (id: number) => boolean,
  config: ProbeConfig = DEFAULT_PROBE,
): ProbeModel {
  const { engine, network, topology, streams } = world;
  const clients = topology.nodes.filter((n) => n.kind === 'client').map((n) => n.id);
  const edges = topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
  let requests = 0;
  let responses = 0;
  let latencySumNs = 0;
  network.onDeliver((msg) => {
    if (msg.type === 'probe.request') {
      network.send(msg.to, msg.from, config.responseBytes, 'probe.response', {
        sentAt: msg.sentAt,
      });
    } else {
      responses++;
      latencySumNs += engine.now - (msg.body as { sentAt: number }).sentAt;
    }
  }, PROBE_MESSAGE_TYPES);
  const tick = engine.registerKind('probe.request', (client) => {
    const rng = streams.get(`client:${client}/probe`);
    requests++;
    network.send(client, edges[rng.int(0, edges.length - 1)], config.requestBytes, 'probe.request');
    engine.schedule(Math.round(rng.exponential(config.meanIntervalNs)), client, client, tick);
  });
  for (const c of clients) if (ownsNode(c)) engine.schedule(0, c, c, tick);
  return {
    counters: () => ({
      'probe.requests': requests,
      'probe.responses': responses,
      'probe.latencySumNs': latencySumNs,
      ...network.counterSnapshot(),
    }),
  };
}
