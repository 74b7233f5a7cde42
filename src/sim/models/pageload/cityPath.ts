/**
 * A page load's path between two cities of a scenario's topology, for the headless runner: the
 * client group in one city, the origin in the other (an origin server there, else a CDN server
 * standing in for the customer's), and with an edge the edge server nearest the client by round
 * trip (as mapping would choose it on an idle network). Round trips and losses from the world's
 * route service (routePath.ts). Optionally one link in trouble first (more latency, loss), and
 * the middle mile through the overlay's relay (the overlay model's choice with converged probes).
 */
import { buildWorld } from '../../scenario/buildWorld';
import { parseScenario } from '../../scenario/scenarioSchema';
import type { ScaleName } from '../../topology/scales';
import type { NodeKind, TopologyNode } from '../../topology/types';
import { applyCommand } from '../commands';
import { OverlayFetches } from '../delivery/overlayFetches';
import { exactServices } from '../overlay/exactChoice';
import { overlayMembers } from '../overlay/members';
import { DEFAULT_OVERLAY, type OverlayMetric } from '../overlay/overlayConfig';
import { middleMile, routePath, type MiddleMile, type RoutePath } from './routePath';

export class CityPathError extends Error {
  override name = 'CityPathError';
}

/** Trouble on one link of the topology (the world command link.set), before the paths are taken. */
export interface LinkTrouble {
  link: string;
  extraLatencyMs: number;
  lossRate: number;
}

export interface CityPathOptions {
  /** the middle mile takes the overlay's path (needs the edge), ranked by this metric */
  overlay?: OverlayMetric;
  trouble?: LinkTrouble;
}

export interface CityPath extends RoutePath {
  client: string;
  origin: string;
  edgeServer: string | null;
  /** with an edge: the links the straight middle mile crosses, each way (hot-potato: they differ) */
  middleLinks: { toOrigin: string[]; fromOrigin: string[] } | null;
  /** with the overlay: its relay (null: straight), the middle mile it takes and the straight one */
  overlay: { relay: string | null; chosen: MiddleMile; direct: MiddleMile } | null;
}

export function cityPath(
  scale: ScaleName | number,
  seed: number,
  clientCity: string,
  originCity: string,
  withEdge: boolean,
  options: CityPathOptions = {},
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
  if (options.trouble) troubleLink(world, options.trouble);
  let edge: number | undefined;
  if (withEdge) {
    const edges = nodes.filter((n) => n.kind === 'edge' && n.id !== origin.id).map((n) => n.id);
    edge = world.routes.anycastInstance(client.id, edges);
    if (edge < 0) throw new CityPathError(`no edge server reachable from '${clientCity}'`);
  }
  let overlay: CityPath['overlay'] = null;
  let via = -1;
  if (options.overlay && edge !== undefined) {
    // The overlay model's default members, its choice with converged probes, taken as the
    // delivery model's edge servers take it (the member in the edge's data centre decides).
    const members = overlayMembers(world.topology, [], DEFAULT_OVERLAY.maxMembers, []);
    const services = exactServices(world.routes, members, options.overlay);
    via = new OverlayFetches(world.topology, () => services).relayFor(edge, origin.id);
    overlay = {
      relay: via < 0 ? null : nodes[via].name,
      chosen: middleMile(world.routes, edge, origin.id, via),
      direct: middleMile(world.routes, edge, origin.id),
    };
  }
  const links = (a: number, b: number) => world.routes.route(a, b).hops;
  return {
    ...routePath(world.routes, client.id, origin.id, edge, via),
    client: client.name,
    origin: origin.name,
    edgeServer: edge === undefined ? null : nodes[edge].name,
    middleLinks:
      edge === undefined
        ? null
        : { toOrigin: links(edge, origin.id), fromOrigin: links(origin.id, edge) },
    overlay,
  };
}

function troubleLink(world: ReturnType<typeof buildWorld>, t: LinkTrouble): void {
  if (!world.network.linkById(t.link))
    throw new CityPathError(
      `no link '${t.link}' (links are named access:<node>, backbone:net-N, peering:net-A/net-B@<region>)`,
    );
  applyCommand(world, {
    type: 'link.set',
    link: t.link,
    extraLatencyMs: t.extraLatencyMs,
    lossRate: t.lossRate,
  });
}
