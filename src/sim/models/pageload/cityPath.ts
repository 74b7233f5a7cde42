/**
 * A page load's path between two cities of a scenario's topology, for the headless runner: the
 * client group in one city, the origin in the other (an origin server there, else a CDN server
 * standing in for the customer's), and with an edge the edge server nearest the client by round
 * trip (as mapping would choose it on an idle network). Round trips and losses from the world's
 * route service (routePath.ts).
 */
import { buildWorld } from '../../scenario/buildWorld';
import { parseScenario } from '../../scenario/scenarioSchema';
import type { ScaleName } from '../../topology/scales';
import type { NodeKind, TopologyNode } from '../../topology/types';
import { routePath, type RoutePath } from './routePath';

export class CityPathError extends Error {
  override name = 'CityPathError';
}

export interface CityPath extends RoutePath {
  client: string;
  origin: string;
  edgeServer: string | null;
}

export function cityPath(
  scale: ScaleName | number,
  seed: number,
  clientCity: string,
  originCity: string,
  withEdge: boolean,
): CityPath {
  const world = buildWorld(parseScenario({ seed, scale }));
  const { nodes, cities } = world.topology;
  const cityOf = (n: TopologyNode) => cities[n.city].id;
  const inCity = (kind: NodeKind, city: string) =>
    nodes.filter((n) => n.kind === kind && cityOf(n) === city);
  const citiesWith = (kind: NodeKind) =>
    [...new Set(nodes.filter((n) => n.kind === kind).map(cityOf))].sort().join(', ');
  const client = inCity('client', clientCity)[0];
  if (!client)
    throw new CityPathError(
      `no client group in '${clientCity}'; cities with clients: ${citiesWith('client')}`,
    );
  const origin = inCity('origin', originCity)[0] ?? inCity('edge', originCity)[0];
  if (!origin)
    throw new CityPathError(
      `no origin or server in '${originCity}'; origins: ${citiesWith('origin')}; servers: ${citiesWith('edge')}`,
    );
  let edge: number | undefined;
  if (withEdge) {
    const edges = nodes.filter((n) => n.kind === 'edge' && n.id !== origin.id).map((n) => n.id);
    edge = world.routes.anycastInstance(client.id, edges);
    if (edge < 0) throw new CityPathError(`no edge server reachable from '${clientCity}'`);
  }
  return {
    ...routePath(world.routes, client.id, origin.id, edge),
    client: client.name,
    origin: origin.name,
    edgeServer: edge === undefined ? null : nodes[edge].name,
  };
}
