/**
 * The light world map drawn under the topology: land outlines from world-atlas (Natural Earth
 * 1:110m, bundled with the app, never fetched) as one SVG path in model coordinates.
 */
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology as TopoJson } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';
import { mapProjection } from './projection';

let landPathCache: string | null = null;

/** SVG path data (`d`) of all land, in the same model units as the node positions. */
export function landPath(): string {
  if (landPathCache === null) {
    const atlas = land110m as unknown as TopoJson<{ land: GeometryCollection }>;
    const land = feature(atlas, atlas.objects.land);
    landPathCache = geoPath(mapProjection())(land) ?? '';
  }
  return landPathCache;
}

/** The outline of the whole projected globe, drawn as the sea. */
export function spherePath(): string {
  return geoPath(mapProjection())({ type: 'Sphere' }) ?? '';
}
