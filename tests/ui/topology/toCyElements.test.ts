/**
 * The topology view's element lists: counts per level of detail at the three named scales (the
 * budget that keeps software rendering fluid), stable ids, and a frame mapped onto elements.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { generateTopology, type Topology } from '@sim/topology';
import {
  ELEMENT_BUDGET,
  buildElements,
  elementOfNode,
  elementStates,
  stateData,
  layoutUnit,
  levelForViewport,
  sizeForLoad,
  SERVER_ZOOM,
  toCyElement,
  type Extent,
  type LevelOfDetail,
  type ViewElement,
} from '@ui/topology/toCyElements';
import { project, topologyCentre } from '@ui/topology/projection';

const topologies = new Map<string, Topology>();
function topologyAt(scale: string): Topology {
  let t = topologies.get(scale);
  if (!t) {
    t = generateTopology(scale, 1);
    topologies.set(scale, t);
  }
  return t;
}

/** A view about 1,300 km wide around a city, as a zoomed-in user would see it. */
function extentAround(topology: Topology, cityId: string, halfWidth = 16): Extent {
  const c = topology.cities.find((x) => x.id === cityId)!;
  const p = project(c.lon, c.lat, topologyCentre(topology));
  return {
    x1: p.x - halfWidth,
    y1: p.y - halfWidth / 2,
    x2: p.x + halfWidth,
    y2: p.y + halfWidth / 2,
  };
}

function countByKind(elements: readonly ViewElement[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of elements) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
  return counts;
}

function expectEveryNodeShownOnce(topology: Topology, elements: readonly ViewElement[]) {
  const seen = new Uint8Array(topology.nodes.length);
  for (const e of elements) for (const id of e.members) seen[id]++;
  expect(seen.every((s) => s === 1)).toBe(true);
}

const zoomedOut: LevelOfDetail = { detail: 'dataCentres' };

describe('buildElements', () => {
  it('shows every classroom node on its own, or its data centre, when zoomed out', () => {
    const t = topologyAt('classroom');
    const elements = buildElements(t, zoomedOut);
    expect(countByKind(elements)).toEqual({
      client: 9,
      // nine resolvers of client groups and the public resolver; root and .net five sites each
      resolver: 10,
      dns: 12,
      origin: 1,
      dataCentre: 5,
    });
    expectEveryNodeShownOnce(t, elements);
  });

  it('replaces classroom data centres in view by their servers when zoomed in', () => {
    const t = topologyAt('classroom');
    const world: Extent = { x1: -1e4, y1: -1e4, x2: 1e4, y2: 1e4 };
    const elements = buildElements(t, { detail: 'servers', extent: world });
    expect(countByKind(elements)).toMatchObject({ edge: 15, dns: 17 });
    expect(elements.some((e) => e.kind === 'dataCentre')).toBe(false);
    expectEveryNodeShownOnce(t, elements);
  });

  it('shows every 2002 data centre on its own within the budget when zoomed out', () => {
    const t = topologyAt('2002');
    const elements = buildElements(t, zoomedOut);
    expect(elements.length).toBeLessThanOrEqual(ELEMENT_BUDGET);
    expect(countByKind(elements)).toEqual({
      clientCity: 84,
      dns: 142,
      origin: 3,
      dataCentre: 1042,
    });
    expectEveryNodeShownOnce(t, elements);
  });

  it('merges the largest 2009 cities into sites to stay within the budget when zoomed out', () => {
    const t = topologyAt('2009');
    const elements = buildElements(t, zoomedOut);
    const kinds = countByKind(elements);
    expect(elements.length).toBeLessThanOrEqual(ELEMENT_BUDGET);
    expect(elements.length).toBeGreaterThan(ELEMENT_BUDGET - 110); // the largest city has 104 DCs
    expect(kinds.site).toBeGreaterThan(0);
    expect(kinds.clientCity).toBe(84);
    expectEveryNodeShownOnce(t, elements);
    // Merged sites are the cities with the most data centres.
    const perCity = new Map<number, number>();
    for (const dc of t.dataCentres) perCity.set(dc.city, (perCity.get(dc.city) ?? 0) + 1);
    const siteSizes = elements
      .filter((e) => e.kind === 'site')
      .map((e) => perCity.get(Number(e.id.slice(5)))!);
    const splitSizes = [...perCity]
      .filter(([c]) => !elements.some((e) => e.id === `site:${c}`))
      .map(([, n]) => n);
    expect(Math.min(...siteSizes)).toBeGreaterThanOrEqual(Math.max(...splitSizes));
  });

  it('spends the budget on the cities in view first', () => {
    const t = topologyAt('2009');
    const extent = extentAround(t, 'london');
    const elements = buildElements(t, { detail: 'dataCentres', extent });
    expect(elements.length).toBeLessThanOrEqual(ELEMENT_BUDGET);
    const london = t.cities.findIndex((c) => c.id === 'london');
    expect(elements.some((e) => e.id === `site:${london}`)).toBe(false);
    expect(elements.some((e) => e.kind === 'site')).toBe(true);
  });

  it('opens 2009 data centres in view into servers within the budget when zoomed in', () => {
    const t = topologyAt('2009');
    const extent = extentAround(t, 'frankfurt');
    const elements = buildElements(t, levelForViewport(SERVER_ZOOM * 2, extent));
    const kinds = countByKind(elements);
    expect(elements.length).toBeLessThanOrEqual(ELEMENT_BUDGET);
    expect(kinds.edge).toBeGreaterThan(500);
    expectEveryNodeShownOnce(t, elements);
  });

  it('stays within the budget at every scale, level and view', () => {
    for (const scale of ['classroom', '2002', '2009']) {
      const t = topologyAt(scale);
      for (const city of ['london', 'new-york', 'tokyo', 'singapore']) {
        for (const detail of ['dataCentres', 'servers'] as const) {
          const n = buildElements(t, { detail, extent: extentAround(t, city) }).length;
          expect(n).toBeLessThanOrEqual(ELEMENT_BUDGET);
        }
      }
    }
  });

  it('gives elements stable, unique ids', () => {
    const t = topologyAt('2002');
    const level: LevelOfDetail = { detail: 'servers', extent: extentAround(t, 'tokyo') };
    const a = buildElements(t, level).map((e) => e.id);
    const b = buildElements(generateTopology('2002', 1), level).map((e) => e.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    for (const id of a) expect(id).toMatch(/^(dc|node|city|site):\d+$/);
  });

  it('switches to servers at SERVER_ZOOM', () => {
    const e: Extent = { x1: 0, y1: 0, x2: 1, y2: 1 };
    expect(levelForViewport(SERVER_ZOOM * 0.99, e).detail).toBe('dataCentres');
    expect(levelForViewport(SERVER_ZOOM, e).detail).toBe('servers');
  });
});

describe('elementStates', () => {
  const t = topologyAt('classroom');
  const elements = buildElements(t, zoomedOut);

  function frameWith(load: (id: number) => number, up: (id: number) => boolean): RuntimeFrame {
    const n = t.nodes.length;
    return {
      timeNs: 0,
      executed: 0,
      eventsPerShard: [0],
      busyMsPerShard: [0],
      digest: '',
      log: { entries: [], skipped: 0 },
      nodeLoad: Float32Array.from({ length: n }, (_, id) => load(id)),
      nodeUp: Uint8Array.from({ length: n }, (_, id) => (up(id) ? 1 : 0)),
      counters: {},
      percentiles: {},
    };
  }

  it('shows everything idle and up without a frame', () => {
    const s = elementStates(elements, null);
    expect([...s.load].every((v) => v === 0)).toBe(true);
    expect([...s.up].every((v) => v === 1)).toBe(true);
  });

  it('gives a data centre the mean load of its servers and the fraction of them up', () => {
    const dc = t.dataCentres[0];
    const members = [...dc.servers, dc.lowLevelDns];
    const down = dc.servers[0];
    const frame = frameWith(
      (id) => (members.includes(id) ? (members.indexOf(id) + 1) / 4 : 0.1),
      (id) => id !== down,
    );
    const s = elementStates(elements, frame);
    const i = elements.findIndex((e) => e.id === `dc:${dc.id}`);
    expect(s.load[i]).toBeCloseTo((0.25 + 0.5 + 0.75 + 1) / 4, 6);
    expect(s.up[i]).toBeCloseTo(3 / 4, 6);
    const other = elements.findIndex((e) => e.id === `dc:${t.dataCentres[1].id}`);
    expect(s.load[other]).toBeCloseTo(0.1, 6);
    expect(s.up[other]).toBe(1);
  });

  it('gives a data centre the fraction of its members on a newer software version', () => {
    const dc = t.dataCentres[0];
    const members = [...dc.servers, dc.lowLevelDns];
    const frame: RuntimeFrame = {
      ...frameWith(
        () => 0,
        () => true,
      ),
      version: Uint16Array.from({ length: t.nodes.length }, (_, id) =>
        id === dc.servers[0] ? 2 : 1,
      ),
    };
    const s = elementStates(elements, frame);
    const i = elements.findIndex((e) => e.id === `dc:${dc.id}`);
    expect(s.newer[i]).toBeCloseTo(1 / members.length, 6);
    expect([...s.newer].filter((v) => v > 0)).toHaveLength(1);
    // Without versions on the frame (no rollout model), nothing is newer.
    expect(
      [
        ...elementStates(
          elements,
          frameWith(
            () => 0,
            () => true,
          ),
        ).newer,
      ].every((v) => v === 0),
    ).toBe(true);
    // The border thickens with the share: all members on the new version, three times as thick.
    const plain = stateData(elements[i], 0, 1, 0);
    expect(stateData(elements[i], 0, 1, 1).bw).toBeCloseTo(3 * plain.bw, 6);
  });

  it('shows a single node down as 0 up and keeps overload above 1', () => {
    const origin = t.nodes.find((n) => n.kind === 'origin')!;
    const frame = frameWith(
      (id) => (id === origin.id ? 1.5 : 0),
      (id) => id !== origin.id,
    );
    const s = elementStates(elements, frame);
    const i = elements.findIndex((e) => e.id === `node:${origin.id}`);
    expect(s.up[i]).toBe(0);
    expect(s.load[i]).toBeCloseTo(1.5, 6);
  });

  it('finds the element that shows a node, and a cytoscape definition per element', () => {
    const map = elementOfNode(elements, t.nodes.length);
    const server = t.dataCentres[2].servers[1];
    expect(elements[map[server]].id).toBe('dc:2');
    const def = toCyElement(elements[map[server]]);
    expect(def.data).toMatchObject({ id: 'dc:2', load: 0, up: 1 });
    expect(sizeForLoad(3, 1)).toBeCloseTo(3.6, 6);
    expect(sizeForLoad(3, 9)).toBeCloseTo(sizeForLoad(3, 1.5), 6);
    expect(def.classes).toBe('dataCentre');
  });
});

describe('layoutUnit', () => {
  it('draws the sparse classroom larger and the dense scales at 1', () => {
    expect(layoutUnit(topologyAt('classroom'))).toBeGreaterThan(1.5);
    expect(layoutUnit(topologyAt('2002'))).toBe(1);
    expect(layoutUnit(topologyAt('2009'))).toBe(1);
    const e: Extent = { x1: 0, y1: 0, x2: 1, y2: 1 };
    expect(levelForViewport(SERVER_ZOOM / 2, e, 2).detail).toBe('servers');
  });
});
