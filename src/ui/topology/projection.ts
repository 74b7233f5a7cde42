/**
 * The map projections of the topology view: longitude/latitude to cytoscape model coordinates
 * (Natural Earth, the whole world MAP_WIDTH units wide, y pointing down). Node positions and the
 * world map underneath both go through the same one, so they line up at every pan and zoom.
 *
 * Each topology is drawn centred on the longitudes its nodes use: the map's edge (the meridian
 * opposite its centre) falls in the widest stretch of longitude without a node, so a classroom
 * network from Washington to Tokyo is drawn in one piece with the Pacific at both edges, and a
 * worldwide one as the usual Atlantic-centred map. A route the simulation takes the shorter way
 * round (great-circle distance, see src/sim/net/geo.ts) may cross that edge: `edgeCrossing`
 * says so, and the overlay draws it leaving one side and coming back on the other.
 */
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo';
import type { Topology } from '@sim/topology';

/** Width of the whole world in model units; at zoom 1 one unit is one CSS pixel. */
export const MAP_WIDTH = 1000;

const projections = new Map<number, GeoProjection>();

/** A longitude in degrees, brought into (−180, 180]. */
export function wrapLongitude(lon: number): number {
  const w = ((((lon + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}

/**
 * The central meridian that shows all these longitudes in one piece: the middle of the shortest
 * arc of longitude that holds them all (the map's edge then falls in the widest gap between
 * them). Rounded to a whole degree, so topologies of one region share a projection.
 */
export function centralMeridian(longitudes: readonly number[]): number {
  if (longitudes.length === 0) return 0;
  const sorted = [...new Set(longitudes.map(wrapLongitude))].sort((a, b) => a - b);
  // The widest gap between neighbours, counting the one across ±180° (last → first).
  let gapEnd = 0;
  let widest = sorted[0] + 360 - sorted[sorted.length - 1];
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap > widest) {
      widest = gap;
      gapEnd = i;
    }
  }
  // The nodes then run from sorted[gapEnd] eastwards for 360 − widest degrees.
  const start = sorted[gapEnd];
  return Math.round(wrapLongitude(start + (360 - widest) / 2));
}

const centres = new WeakMap<Topology, number>();

/** The central meridian of a topology's map (from the cities its nodes are in). */
export function topologyCentre(topology: Topology): number {
  let c = centres.get(topology);
  if (c === undefined) {
    const used = new Set(topology.nodes.map((n) => n.city));
    c = centralMeridian([...used].map((city) => topology.cities[city].lon));
    centres.set(topology, c);
  }
  return c;
}

/** The projection centred on `centre` degrees east, fitted so the sphere spans [0, MAP_WIDTH]. */
export function mapProjection(centre = 0): GeoProjection {
  let p = projections.get(centre);
  if (!p) {
    p = geoNaturalEarth1().rotate([-centre, 0]).fitWidth(MAP_WIDTH, { type: 'Sphere' });
    projections.set(centre, p);
  }
  return p;
}

/** Model position of a point given in degrees east and degrees north, on the map centred there. */
export function project(lonDeg: number, latDeg: number, centre = 0): { x: number; y: number } {
  const p = mapProjection(centre)([lonDeg, latDeg]);
  if (!p) throw new Error(`cannot project (${lonDeg}, ${latDeg})`);
  return { x: p[0], y: p[1] };
}

/**
 * Whether the shorter way from `fromLon` to `toLon` crosses the edge of the map centred on
 * `centre`: +1 if it leaves by the east (right) edge and comes back from the west, −1 the other
 * way, 0 if it stays on the map. Drawn, the destination then sits one world width to that side.
 */
export function edgeCrossing(fromLon: number, toLon: number, centre: number): -1 | 0 | 1 {
  const start = wrapLongitude(fromLon - centre);
  const end = start + wrapLongitude(toLon - fromLon);
  if (end > 180) return 1;
  if (end < -180) return -1;
  return 0;
}

export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * Where a message is, a share `f` of the way along its route, on screen: along the straight line
 * from `a` to `b` (shifted one world width `worldPx` by `crossing`), and once it has left the
 * world by one edge, coming back in by the other. `worldLeft` is the screen x of the map's west
 * edge.
 */
export function pointOnRoute(
  a: ScreenPoint,
  b: ScreenPoint,
  crossing: -1 | 0 | 1,
  f: number,
  worldLeft: number,
  worldPx: number,
): ScreenPoint {
  const bx = b.x + crossing * worldPx;
  const x = a.x + (bx - a.x) * f;
  const y = a.y + (b.y - a.y) * f;
  if (crossing === 1 && x > worldLeft + worldPx) return { x: x - worldPx, y };
  if (crossing === -1 && x < worldLeft) return { x: x + worldPx, y };
  return { x, y };
}

/**
 * The route from `a` to `b` as straight pieces to draw: one, or two when it crosses the map's
 * edge (from `a` out past one edge, and from past the other edge in to `b`; the canvas clips).
 */
export function routePieces(
  a: ScreenPoint,
  b: ScreenPoint,
  crossing: -1 | 0 | 1,
  worldPx: number,
): [ScreenPoint, ScreenPoint][] {
  if (crossing === 0) return [[a, b]];
  const shift = crossing * worldPx;
  return [
    [a, { x: b.x + shift, y: b.y }],
    [{ x: a.x - shift, y: a.y }, b],
  ];
}
