/**
 * A page load's path from the world's route service: the round trips and losses between its
 * client, edge and origin nodes as they are now. Round trips are for a full segment one way and
 * an ACK back; with an edge, `rttMs` is client–edge plus edge–origin (the path the load splits).
 */
import type { RouteService } from '../../net/RouteService';
import { MS } from '../../time';
import { DEFAULT_PAGELOAD, type PageLoadConfig } from './pageloadConfig';

const SEGMENT_WIRE_BYTES = DEFAULT_PAGELOAD.mssBytes + 40;
const ACK_WIRE_BYTES = 40;

export type RoutePath = Pick<PageLoadConfig, 'rttMs' | 'loss' | 'edge' | 'edgeRttMs' | 'edgeLoss'>;

export function routePath(
  routes: RouteService,
  client: number,
  origin: number,
  edge?: number,
): RoutePath {
  const rttMs = (a: number, b: number) =>
    routes.rttNs(a, b, SEGMENT_WIRE_BYTES, ACK_WIRE_BYTES) / MS;
  if (edge === undefined)
    return {
      rttMs: rttMs(client, origin),
      loss: routes.lossRate(origin, client),
      edge: false,
      edgeRttMs: DEFAULT_PAGELOAD.edgeRttMs,
      edgeLoss: 0,
    };
  const edgeRttMs = rttMs(client, edge);
  return {
    rttMs: edgeRttMs + rttMs(edge, origin),
    loss: routes.lossRate(origin, edge),
    edge: true,
    edgeRttMs,
    edgeLoss: routes.lossRate(edge, client),
  };
}
