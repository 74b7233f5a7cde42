/**
 * The map's projection: centred on the longitudes a topology uses, and routes the shorter way
 * round, across the map's edge where that is shorter (Tokyo to New York over the Pacific).
 */
import { describe, expect, it } from 'vitest';
import { generateTopology } from '@sim/topology';
import {
  MAP_WIDTH,
  centralMeridian,
  edgeCrossing,
  pointOnRoute,
  project,
  routePieces,
  topologyCentre,
  wrapLongitude,
} from '@ui/topology/projection';

const TOKYO = { lon: 139.69, lat: 35.69 };
const NEW_YORK = { lon: -74.01, lat: 40.71 };
const LONDON = { lon: -0.13, lat: 51.51 };

describe('the map projection', () => {
  it('wraps longitudes into (−180, 180]', () => {
    expect(wrapLongitude(190)).toBe(-170);
    expect(wrapLongitude(-180)).toBe(180);
    expect(wrapLongitude(540)).toBe(180);
    expect(wrapLongitude(-74)).toBe(-74);
  });

  it('centres the map on the shortest arc holding every longitude', () => {
    // Washington to Tokyo eastwards is 217°; the gap across the Pacific (143°) is the edge.
    expect(centralMeridian([-77, -71, 0, 8.7, 103.8, 139.7])).toBe(31);
    // Around the date line: the arc from 170°E to 170°W is centred on 180°.
    expect(centralMeridian([170, -170])).toBe(180);
    expect(centralMeridian([])).toBe(0);
  });

  it("centres the classroom topology's map so that its cities are drawn in one piece", () => {
    const topology = generateTopology('classroom', 1);
    const centre = topologyCentre(topology);
    const xs = topology.nodes.map((n) => project(n.lon, n.lat, centre).x);
    // Every node well inside the map, not at its edges.
    expect(Math.min(...xs)).toBeGreaterThan(0.1 * MAP_WIDTH);
    expect(Math.max(...xs)).toBeLessThan(0.9 * MAP_WIDTH);
  });

  it('sends Tokyo–New York over the Pacific, across the edge of a map centred on Europe', () => {
    const centre = 31;
    // Eastwards from Tokyo: off the east edge, back in from the west.
    expect(edgeCrossing(TOKYO.lon, NEW_YORK.lon, centre)).toBe(1);
    expect(edgeCrossing(NEW_YORK.lon, TOKYO.lon, centre)).toBe(-1);
    // London–Tokyo and London–New York stay on the map.
    expect(edgeCrossing(LONDON.lon, TOKYO.lon, centre)).toBe(0);
    expect(edgeCrossing(NEW_YORK.lon, LONDON.lon, centre)).toBe(0);
    // On a map centred on the Pacific, the same route does not cross the edge.
    expect(edgeCrossing(TOKYO.lon, NEW_YORK.lon, -160)).toBe(0);
  });

  it('moves a message off one edge and back in from the other, never across the map', () => {
    const centre = 31;
    const tokyo = project(TOKYO.lon, TOKYO.lat, centre);
    const newYork = project(NEW_YORK.lon, NEW_YORK.lat, centre);
    expect(tokyo.x).toBeGreaterThan(newYork.x);
    const cross = edgeCrossing(TOKYO.lon, NEW_YORK.lon, centre);
    const at = (f: number) => pointOnRoute(tokyo, newYork, cross, f, 0, MAP_WIDTH);
    expect(at(0)).toEqual(tokyo);
    expect(at(1).x).toBeCloseTo(newYork.x);
    // Early on it is east of Tokyo (over the Pacific), late on west of New York.
    expect(at(0.1).x).toBeGreaterThan(tokyo.x);
    expect(at(0.9).x).toBeLessThan(newYork.x);
    // Never over Europe or Asia between them.
    for (let f = 0; f <= 1; f += 0.05) {
      const x = at(f).x;
      expect(x <= newYork.x + 1e-9 || x >= tokyo.x - 1e-9).toBe(true);
    }
    // Drawn as two pieces, each leaving the map at one edge.
    const pieces = routePieces(tokyo, newYork, cross, MAP_WIDTH);
    expect(pieces).toHaveLength(2);
    expect(pieces[0][1].x).toBeGreaterThan(MAP_WIDTH);
    expect(pieces[1][0].x).toBeLessThan(0);
    expect(routePieces(tokyo, newYork, 0, MAP_WIDTH)).toHaveLength(1);
  });
});
