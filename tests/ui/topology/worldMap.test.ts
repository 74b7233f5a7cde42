import { describe, expect, it } from 'vitest';
import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology as TopoJson } from 'topojson-specification';
import land110m from 'world-atlas/land-110m.json';
import { mapProjection } from '@ui/topology/projection';
import { landPathInSlices } from '@ui/topology/worldMap';

/** The land projected in one go, as the map drew it before it came in slices. */
function wholeLand(centre: number): string {
  const atlas = land110m as unknown as TopoJson<{ land: GeometryCollection }>;
  return geoPath(mapProjection(centre))(feature(atlas, atlas.objects.land)) ?? '';
}

describe('the world’s land projected in slices', () => {
  it.each([0, 150, -100])('is the path projected in one go (centre %i°)', async (centre) => {
    const sliced = await landPathInSlices(centre);
    expect(sliced).toBe(wholeLand(centre));
  });

  it('gives nothing once it is no longer wanted', async () => {
    let calls = 0;
    // Wanted for the first slice only: a page that went away stops the projection.
    expect(await landPathInSlices(33, () => ++calls < 2)).toBeNull();
  });
});
