/**
 * The one map projection of the topology view: longitude/latitude to cytoscape model coordinates
 * (Natural Earth, the whole world MAP_WIDTH units wide, y pointing down). Node positions and the
 * world map underneath both go through it, so they line up at every pan and zoom.
 */
import { geoNaturalEarth1, type GeoProjection } from 'd3-geo';

/** Width of the whole world in model units; at zoom 1 one unit is one CSS pixel. */
export const MAP_WIDTH = 1000;

let projection: GeoProjection | null = null;

/** The shared projection, fitted once so that the sphere spans [0, MAP_WIDTH] horizontally. */
export function mapProjection(): GeoProjection {
  projection ??= geoNaturalEarth1().fitWidth(MAP_WIDTH, { type: 'Sphere' });
  return projection;
}

/** Model position of a point given in degrees east and degrees north. */
export function project(lonDeg: number, latDeg: number): { x: number; y: number } {
  const p = mapProjection()([lonDeg, latDeg]);
  if (!p) throw new Error(`cannot project (${lonDeg}, ${latDeg})`);
  return { x: p[0], y: p[1] };
}
