/**
 * A page load's path from the world's route service: the round trips and losses between its
 * client, edge and origin nodes as they are now. Round trips are for a full segment one way and
 * an ACK back; with an edge, `rttMs` is client–edge plus edge–origin (the path the load splits),
 * the middle mile straight or through an overlay relay.
 */
import type { RouteService } from '../../net/RouteService';
import { MS } from '../../time';
import { DEFAULT_PAGELOAD, type PageLoadConfig } from './pageloadConfig';

const SEGMENT_WIRE_BYTES = DEFAULT_PAGELOAD.mssBytes + 40;
const ACK_WIRE_BYTES = 40;

export type RoutePath = Pick<PageLoadConfig, 'rttMs' | 'loss' | 'edge' | 'edgeRttMs' | 'edgeLoss'>;

const rttMsOf = (routes: RouteService, a: number, b: number) =>
  routes.rttNs(a, b, SEGMENT_WIRE_BYTES, ACK_WIRE_BYTES) / MS;

/** The middle mile's round trip and loss (of the data, origin to edge). */
export interface MiddleMile {
  rttMs: number;
  loss: number;
}

/**
 * The middle mile from `edge` to `origin`: the route straight there, or (`via` a relay) the two
 * routes through it, their round trips summed and their losses combined. The relay passes the
 * packets on at once, one TCP connection end to end (a real one might split it, as the edge does).
 */
export function middleMile(
  routes: RouteService,
  edge: number,
  origin: number,
  via = -1,
): MiddleMile {
  if (via < 0) return { rttMs: rttMsOf(routes, edge, origin), loss: routes.lossRate(origin, edge) };
  const delivered = (1 - routes.lossRate(origin, via)) * (1 - routes.lossRate(via, edge));
  return {
    rttMs: rttMsOf(routes, edge, via) + rttMsOf(routes, via, origin),
    loss: 1 - delivered,
  };
}

/** The load's path; with an edge, its middle mile through `via` when that is a relay (≥ 0). */
export function routePath(
  routes: RouteService,
  client: number,
  origin: number,
  edge?: number,
  via = -1,
): RoutePath {
  const rttMs = (a: number, b: number) => rttMsOf(routes, a, b);
  if (edge === undefined)
    return {
      rttMs: rttMs(client, origin),
      loss: routes.lossRate(origin, client),
      edge: false,
      edgeRttMs: DEFAULT_PAGELOAD.edgeRttMs,
      edgeLoss: 0,
    };
  const edgeRttMs = rttMs(client, edge);
  const middle = middleMile(routes, edge, origin, via);
  return {
    rttMs: edgeRttMs + middle.rttMs,
    loss: middle.loss,
    edge: true,
    edgeRttMs,
    edgeLoss: routes.lossRate(edge, client),
  };
}
