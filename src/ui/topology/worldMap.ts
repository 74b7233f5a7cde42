/**
 * The light world map drawn under the topology: land outlines from world-atlas (Natural Earth
 * 1:110m, bundled with the app, never fetched) as one SVG path in model coordinates, on the map
 * centred where the topology's nodes are (see projection.ts).
 */
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology as TopoJson } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';
import { mapProjection } from './projection';

const landPaths = new Map<number, string>();

/** SVG path data (`d`) of all land, in the same model units as the node positions. */
export function landPath(centre = 0): string {
  let d = landPaths.get(centre);
  if (d === undefined) {
    const atlas = land110m as unknown as TopoJson<{ land: GeometryCollection }>;
    const land = feature(atlas, atlas.objects.land);
    d = geoPath(mapProjection(centre))(land) ?? '';
    landPaths.set(centre, d);
  }
  return d;
}

/** The outline of the whole projected globe, drawn as the sea. */
export function spherePath(centre = 0): string {
  return geoPath(mapProjection(centre))({ type: 'Sphere' }) ?? '';
}

/** The globe's bounds in model units: [[x1, y1], [x2, y2]]. */
export function sphereBounds(centre = 0): [[number, number], [number, number]] {
  return geoPath(mapProjection(centre)).bounds({ type: 'Sphere' });
}
