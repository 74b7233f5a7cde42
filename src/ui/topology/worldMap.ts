/**
 * The light world map drawn under the topology: land outlines from world-atlas (Natural Earth
 * 1:110m, bundled with the app, never fetched) as one SVG path in model coordinates, on the map
 * centred where the topology's nodes are (see projection.ts).
 */
import { geoPath } from 'd3-geo';
import type { Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology as TopoJson } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';
import { mapProjection } from './projection';
import { inSlices } from '../shell/yieldToMain';

const landPaths = new Map<number, string>();

/** Projecting a slice of the land's polygons takes at most about this long, ms. */
const LAND_SLICE_MS = 8;

/**
 * SVG path data (`d`) of all land, in the same model units as the node positions. Projected a
 * few polygons at a time, the main thread given back between them: in one go it held a slow
 * phone's main thread for 200 to 450 ms. A multipolygon's path is its polygons' paths one after
 * another, so the result is the whole land's path. Null if `live()` turned false meanwhile.
 */
export async function landPathInSlices(
  centre = 0,
  live: () => boolean = () => true,
): Promise<string | null> {
  const done = landPaths.get(centre);
  if (done !== undefined) return done;
  const path = geoPath(mapProjection(centre));
  const polygons = landPolygons();
  const parts: string[] = [];
  const finished = await inSlices(
    polygons.length,
    LAND_SLICE_MS,
    (i) => parts.push(path({ type: 'Polygon', coordinates: polygons[i] }) ?? ''),
    live,
  );
  if (!finished) return null;
  const d = parts.join('');
  landPaths.set(centre, d);
  return d;
}

/** The land's polygons (rings of [lon, lat]) in the atlas's order. */
function landPolygons(): Position[][][] {
  const atlas = land110m as unknown as TopoJson<{ land: GeometryCollection }>;
  return feature(atlas, atlas.objects.land).features.flatMap((f) =>
    f.geometry.type === 'MultiPolygon'
      ? f.geometry.coordinates
      : f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates]
        : [],
  );
}

/** The outline of the whole projected globe, drawn as the sea. */
export function spherePath(centre = 0): string {
  return geoPath(mapProjection(centre))({ type: 'Sphere' }) ?? '';
}

/** The globe's bounds in model units: [[x1, y1], [x2, y2]]. */
export function sphereBounds(centre = 0): [[number, number], [number, number]] {
  return geoPath(mapProjection(centre)).bounds({ type: 'Sphere' });
}
