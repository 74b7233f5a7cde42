/**
 * Turns a Topology into the few hundred to ~1,500 view elements the topology view draws at one
 * level of detail, and a RuntimeFrame into per-element load and state. Pure functions of plain
 * data (no DOM, no cytoscape instance), so the element counts are tested in Node.
 *
 * Ids are stable across levels and runs: `dc:<id>` (a data centre), `site:<city>` (all data
 * centres of one city, drawn as one when the element budget demands it), `city:<city>` (the
 * client groups and resolvers of one city), `node:<id>` (one topology node).
 */
import type { ElementDefinition } from 'cytoscape';
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology';
import { project, topologyCentre } from './projection';
import { dataCentreLabels, nodeLabels } from './nodeLabels';

/** Software rendering stays fluid up to about this many elements (docs/notes.md, cytoscape and software rendering). */
export const ELEMENT_BUDGET = 1500;
/**
 * Distance between neighbouring data centres of one city, model units (≈ 40 km per unit), in a
 * dense topology. Sparse ones (the classroom) are drawn up to MAX_UNIT_SCALE times larger.
 */
export const DC_SPACING = 3.5;
/** Sparse topologies scale spacing and sizes up until the busiest city holds this many slots. */
const TARGET_SLOTS = 40;
const MAX_UNIT_SCALE = 3;
/** Zoom from which data centres inside the view are replaced by their servers. */
export const SERVER_ZOOM = 6;
/** A city with at most this many client groups shows them (and their resolvers) one by one. */
export const MAX_INDIVIDUAL_CLIENT_GROUPS = 3;

const NODE_SIZE = 3;
const CLIENT_CITY_SIZE = 4.5;
/** Servers of an expanded data centre fill a disc of this radius (in DC spacings). */
const SERVER_DISC_RADIUS = 0.45;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export type ViewKind =
  'site' | 'dataCentre' | 'clientCity' | 'edge' | 'dns' | 'resolver' | 'origin' | 'client';

/** What a click on an element selects. */
export type ViewTarget =
  | { type: 'node'; nodeId: number }
  | { type: 'dataCentre'; dataCentreId: number }
  | { type: 'city'; city: number };

export interface ViewElement {
  id: string;
  kind: ViewKind;
  /** what it is and where, in full: shown on hover, on selection and when zoomed in */
  label: string;
  /** a few characters (its role, an edge's address), shown beside it where few nodes are drawn */
  short: string;
  /** model position (see projection.ts) */
  x: number;
  y: number;
  /** diameter, model units */
  size: number;
  /** node ids whose load and state this element shows (itself, for a single node) */
  members: readonly number[];
  target: ViewTarget;
}

/** A rectangle in model coordinates, as cytoscape's `cy.extent()` returns it. */
export interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface LevelOfDetail {
  /**
   * 'dataCentres': one node per data centre (zoomed out); 'servers': data centres inside
   * `extent` are replaced by their servers, nearest to the centre of the view first.
   */
  detail: 'dataCentres' | 'servers';
  /** the part of the map in view: what to spend the budget on first */
  extent?: Extent;
  /** most elements to return; defaults to ELEMENT_BUDGET */
  budget?: number;
}

/**
 * The level of detail for a cytoscape zoom and extent.
 * @param unit - the topology's layoutUnit: sparse topologies are drawn larger, so open sooner
 */
export function levelForViewport(zoom: number, extent: Extent, unit = 1): LevelOfDetail {
  return { detail: zoom * unit >= SERVER_ZOOM ? 'servers' : 'dataCentres', extent };
}

/** How much larger than a dense one this topology is drawn (1 for dense, up to 3). */
export function layoutUnit(topology: Topology): number {
  return cityLayouts(topology).unit;
}

interface Point {
  x: number;
  y: number;
}

/** Everything that belongs to one city, with fixed positions; computed once per topology. */
interface CityLayout {
  city: number;
  centre: Point;
  /** client-side elements (an aggregate, or a few groups and resolvers), always shown */
  clientSide: ViewElement[];
  /** roots, TLD, CDN top-level DNS and origins in the city, always shown one by one */
  infrastructure: ViewElement[];
  dataCentres: number[];
  dcPosition: Map<number, Point>;
}

interface Layout {
  cities: CityLayout[];
  /** multiplier of all spacings and sizes for this topology (1 when dense) */
  unit: number;
}

const layoutCache = new WeakMap<Topology, Layout>();

/** Vogel's sunflower: slot k of a disc filled at about `spacing` between neighbours. */
function sunflower(centre: Point, k: number, spacing: number): Point {
  const r = (spacing / Math.sqrt(Math.PI)) * Math.sqrt(k + 0.5);
  const a = k * GOLDEN_ANGLE;
  return { x: centre.x + r * Math.cos(a), y: centre.y + r * Math.sin(a) };
}

function nodeElement(topology: Topology, nodeId: number, at: Point, size: number): ViewElement {
  const node = topology.nodes[nodeId];
  const { label, short } = nodeLabels(topology, nodeId);
  const kind: ViewKind =
    node.kind === 'edge' || node.kind === 'origin' || node.kind === 'resolver'
      ? node.kind
      : node.kind === 'client'
        ? 'client'
        : 'dns';
  return {
    id: `node:${nodeId}`,
    kind,
    label,
    short,
    x: at.x,
    y: at.y,
    size,
    members: [nodeId],
    target: { type: 'node', nodeId },
  };
}

function cityLayouts(topology: Topology): Layout {
  const cached = layoutCache.get(topology);
  if (cached) return cached;
  const clients = new Map<number, number[]>();
  const resolvers = new Map<number, number[]>();
  const infrastructure = new Map<number, number[]>();
  const dataCentres = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, city: number, v: number) => {
    const list = m.get(city);
    if (list) list.push(v);
    else m.set(city, [v]);
  };
  for (const n of topology.nodes) {
    if (n.kind === 'client') push(clients, n.city, n.id);
    else if (n.kind === 'resolver') push(resolvers, n.city, n.id);
    // Low-level DNS and edge servers belong to their data centre.
    else if (n.kind !== 'edge' && n.kind !== 'dnsCdnLow') push(infrastructure, n.city, n.id);
  }
  for (const dc of topology.dataCentres) push(dataCentres, dc.city, dc.id);
  let busiest = 1;
  for (let city = 0; city < topology.cities.length; city++) {
    const clientSlots = Math.min(
      (clients.get(city)?.length ?? 0) + (resolvers.get(city)?.length ?? 0),
      (clients.get(city)?.length ?? 0) > MAX_INDIVIDUAL_CLIENT_GROUPS ? 1 : Infinity,
    );
    const slots =
      clientSlots + (infrastructure.get(city)?.length ?? 0) + (dataCentres.get(city)?.length ?? 0);
    busiest = Math.max(busiest, slots);
  }
  const unit = Math.min(MAX_UNIT_SCALE, Math.max(1, Math.sqrt(TARGET_SLOTS / busiest)));
  const spacing = DC_SPACING * unit;

  const layouts: CityLayout[] = [];
  const meridian = topologyCentre(topology);
  topology.cities.forEach((c, city) => {
    const cityClients = clients.get(city) ?? [];
    const cityResolvers = resolvers.get(city) ?? [];
    const cityInfra = infrastructure.get(city) ?? [];
    const cityDcs = dataCentres.get(city) ?? [];
    if (cityClients.length + cityResolvers.length + cityInfra.length + cityDcs.length === 0) return;
    const centre = project(c.lon, c.lat, meridian);
    let slot = 0;
    const clientSide: ViewElement[] = [];
    if (cityClients.length > MAX_INDIVIDUAL_CLIENT_GROUPS) {
      clientSide.push({
        id: `city:${city}`,
        kind: 'clientCity',
        label: `${cityClients.length} client groups and their resolvers, ${c.name}`,
        short: `${cityClients.length} client groups`,
        ...centre,
        size: CLIENT_CITY_SIZE * unit,
        members: [...cityClients, ...cityResolvers],
        target: { type: 'city', city },
      });
      slot = 1;
    } else {
      for (const id of [...cityClients, ...cityResolvers]) {
        clientSide.push(
          nodeElement(topology, id, sunflower(centre, slot++, spacing), NODE_SIZE * unit),
        );
      }
    }
    const infra = cityInfra.map((id) =>
      nodeElement(topology, id, sunflower(centre, slot++, spacing), NODE_SIZE * unit),
    );
    const dcPosition = new Map<number, Point>();
    for (const dc of cityDcs) dcPosition.set(dc, sunflower(centre, slot++, spacing));
    layouts.push({
      city,
      centre,
      clientSide,
      infrastructure: infra,
      dataCentres: cityDcs,
      dcPosition,
    });
  });
  const layout = { cities: layouts, unit };
  layoutCache.set(topology, layout);
  return layout;
}

function dcMembers(topology: Topology, dcId: number): number[] {
  const dc = topology.dataCentres[dcId];
  return [...dc.servers, dc.lowLevelDns];
}

function inside(p: Point, e: Extent): boolean {
  return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2;
}

function distanceToCentre(p: Point, e: Extent): number {
  return Math.hypot(p.x - (e.x1 + e.x2) / 2, p.y - (e.y1 + e.y2) / 2);
}

/**
 * The elements to draw at one level of detail. Client groups are aggregated per city where a
 * city has many; infrastructure nodes are always shown. Data centres are shown one by one unless
 * that would exceed the budget, in which case whole cities are drawn as one site, cities outside
 * the view and with the most data centres first. At the 'servers' level, data centres in view
 * are replaced by their servers and low-level DNS while the budget lasts.
 * Deterministic: the same topology and level always give the same list in the same order.
 */
export function buildElements(topology: Topology, level: LevelOfDetail): ViewElement[] {
  const budget = level.budget ?? ELEMENT_BUDGET;
  const extent = level.extent;
  const { cities: layouts, unit } = cityLayouts(topology);

  // Start with every city's data centres merged into one site, then split sites while it fits.
  let count = 0;
  for (const l of layouts) {
    count += l.clientSide.length + l.infrastructure.length + (l.dataCentres.length > 0 ? 1 : 0);
  }
  const splitCity = new Set<number>();
  const openDc = new Set<number>();
  const trySplit = (l: CityLayout) => {
    const cost = l.dataCentres.length - 1;
    if (count + cost > budget) return;
    splitCity.add(l.city);
    count += cost;
  };
  const multi = layouts.filter((l) => l.dataCentres.length > 1);
  const inView = extent ? multi.filter((l) => inside(l.centre, extent)) : [];

  // Order matters: the view's own cities first, then its servers, then the rest of the world.
  if (extent) {
    inView.sort(
      (a, b) =>
        distanceToCentre(a.centre, extent) - distanceToCentre(b.centre, extent) || a.city - b.city,
    );
    inView.forEach(trySplit);
  }
  if (level.detail === 'servers' && extent) {
    const shown: { dc: number; p: Point }[] = [];
    for (const l of layouts) {
      if (l.dataCentres.length > 1 && !splitCity.has(l.city)) continue;
      for (const dc of l.dataCentres) {
        const p = l.dcPosition.get(dc)!;
        if (inside(p, extent)) shown.push({ dc, p });
      }
    }
    shown.sort(
      (a, b) => distanceToCentre(a.p, extent) - distanceToCentre(b.p, extent) || a.dc - b.dc,
    );
    for (const { dc } of shown) {
      const cost = topology.dataCentres[dc].servers.length; // + low-level DNS − the DC itself
      if (count + cost <= budget) {
        openDc.add(dc);
        count += cost;
      }
    }
  }
  // Elsewhere, split the cities with the fewest data centres first: the most cities shown in full.
  multi
    .filter((l) => !splitCity.has(l.city))
    .sort((a, b) => a.dataCentres.length - b.dataCentres.length || a.city - b.city)
    .forEach(trySplit);

  const out: ViewElement[] = [];
  for (const l of layouts) {
    out.push(...l.clientSide, ...l.infrastructure);
    if (l.dataCentres.length === 0) continue;
    if (l.dataCentres.length > 1 && !splitCity.has(l.city)) {
      const name = topology.cities[l.city].name;
      out.push({
        id: `site:${l.city}`,
        kind: 'site',
        label: `${l.dataCentres.length} data centres, ${name}`,
        short: `${l.dataCentres.length} data centres`,
        ...l.centre,
        size: (NODE_SIZE + 2 * Math.sqrt(l.dataCentres.length)) * unit,
        members: l.dataCentres.flatMap((dc) => dcMembers(topology, dc)),
        target: { type: 'city', city: l.city },
      });
      continue;
    }
    for (const dcId of l.dataCentres) {
      const p = l.dcPosition.get(dcId)!;
      if (openDc.has(dcId)) {
        const members = dcMembers(topology, dcId);
        // Keep the neighbour distance such that the whole DC fits in its disc.
        const radius = SERVER_DISC_RADIUS * DC_SPACING * unit;
        const spacing = (radius * Math.sqrt(Math.PI)) / Math.sqrt(members.length);
        members.forEach((id, k) => {
          out.push(nodeElement(topology, id, sunflower(p, k, spacing), 0.85 * spacing));
        });
      } else {
        out.push({
          id: `dc:${dcId}`,
          kind: 'dataCentre',
          ...dataCentreLabels(topology, dcId),
          ...p,
          size: NODE_SIZE * unit,
          members: dcMembers(topology, dcId),
          target: { type: 'dataCentre', dataCentreId: dcId },
        });
      }
    }
  }
  return out;
}

/** Loads are shown in steps of 5 %, up to 150 %: small changes then touch nothing. */
const LOAD_STEPS_PER_UNIT = 20;
const MAX_SHOWN_LOAD = 1.5;

/** The shown step of a load: an integer from 0 to 30. */
export function loadStep(load: number): number {
  const clamped = Math.min(Math.max(Number.isFinite(load) ? load : 0, 0), MAX_SHOWN_LOAD);
  return Math.round(clamped * LOAD_STEPS_PER_UNIT);
}

/** Drawn size of an element at a load: grows from 80 % idle to 140 % at 1.5× capacity. */
export function sizeForLoad(size: number, load: number): number {
  return size * (0.8 + (0.4 * loadStep(load)) / LOAD_STEPS_PER_UNIT);
}

function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const parts = [0, 1, 2].map((i) =>
    Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t)
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${parts.join('')}`;
}

/** Fill per load step (Okabe–Ito): sky blue idle → yellow at half → vermillion at capacity → reddish purple above. */
const LOAD_COLOURS: readonly string[] = Array.from(
  { length: MAX_SHOWN_LOAD * LOAD_STEPS_PER_UNIT + 1 },
  (_, step) => {
    const load = step / LOAD_STEPS_PER_UNIT;
    if (load <= 0.5) return mix('#56B4E9', '#F0E442', load / 0.5);
    if (load <= 1) return mix('#F0E442', '#D55E00', (load - 0.5) / 0.5);
    return '#CC79A7';
  },
);

/** Fill colour for a load (0 idle, 1 at capacity, above 1 overloaded). */
export function colourForLoad(load: number): string {
  return LOAD_COLOURS[loadStep(load)];
}

/** Label font size, model units: drawn once zoomed in enough (see min-zoomed-font-size). */
export function labelFontSize(v: ViewElement): number {
  if (v.kind === 'site') return 2;
  return Math.min(0.9, 0.3 * v.size);
}

/** The data fields that show an element's state (see topologyStyle.ts). */
/**
 * An element's state as cytoscape data. `newer` is the fraction of its members running a newer
 * software version than the first (a rollout under way): the border turns blue and thickens
 * with it, so the spread shows without relying on colour alone.
 */
export function stateData(v: ViewElement, load: number, up: number, newer = 0) {
  return {
    load,
    up,
    newer,
    w: sizeForLoad(v.size, load),
    fill: colourForLoad(load),
    bw: 0.08 * v.size * (1 + 2 * newer),
  };
}

/** The steps of `newer` the view tells apart (tenths): smaller changes are not redrawn. */
export function newerStep(newer: number): number {
  return Math.round(newer * 10);
}

/** The cytoscape definition of a view element, idle and up unless a state is given. */
export function toCyElement(v: ViewElement, load = 0, up = 1, newer = 0): ElementDefinition {
  return {
    group: 'nodes',
    data: {
      id: v.id,
      label: v.label,
      pad: v.size,
      fs: labelFontSize(v),
      ow: 0.2 * labelFontSize(v),
      ...stateData(v, load, up, newer),
    },
    position: { x: v.x, y: v.y },
    classes: v.kind,
  };
}

/** Per element (same order as the element list): mean load and the fraction of members up. */
export interface ElementStates {
  /** mean of the members' load relative to capacity (0 idle, 1 at capacity, above 1 overloaded) */
  load: Float32Array;
  /** fraction of members up: 1 all up, 0 all down */
  up: Float32Array;
  /** fraction of members running a software version above 1 (0 without a rollout) */
  newer: Float32Array;
}

/**
 * Maps a frame to per-element load and state. A null frame (nothing running) is all idle and
 * up; node ids beyond the frame's arrays count as idle and up too.
 */
export function elementStates(
  elements: readonly ViewElement[],
  frame: RuntimeFrame | null,
): ElementStates {
  const load = new Float32Array(elements.length);
  const up = new Float32Array(elements.length).fill(1);
  const newer = new Float32Array(elements.length);
  if (!frame) return { load, up, newer };
  const { nodeLoad, nodeUp } = frame;
  const version = frame.version ?? new Uint16Array(0);
  for (let i = 0; i < elements.length; i++) {
    const members = elements[i].members;
    let sumLoad = 0;
    let upCount = 0;
    let newerCount = 0;
    for (const id of members) {
      sumLoad += id < nodeLoad.length ? nodeLoad[id] : 0;
      upCount += id < nodeUp.length ? (nodeUp[id] ? 1 : 0) : 1;
      if (id < version.length && version[id] > 1) newerCount++;
    }
    load[i] = members.length > 0 ? sumLoad / members.length : 0;
    up[i] = members.length > 0 ? upCount / members.length : 1;
    newer[i] = members.length > 0 ? newerCount / members.length : 0;
  }
  return { load, up, newer };
}

/** For each node id, the index of the element that shows it, or -1 when it is not shown. */
export function elementOfNode(elements: readonly ViewElement[], nodeCount: number): Int32Array {
  const map = new Int32Array(nodeCount).fill(-1);
  elements.forEach((e, i) => {
    for (const id of e.members) map[id] = i;
  });
  return map;
}

/** Cities named on the map at most: beyond, names would only cover one another. */
export const MAX_CITY_NAMES = 40;

export interface CityName {
  name: string;
  /** the box, model units, around everything drawn for the city */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The box around each city's nodes, for writing its name beside them. Empty for topologies with
 * more than MAX_CITY_NAMES cities with nodes (their nodes name their city on hover).
 */
export function cityNames(topology: Topology): CityName[] {
  const { cities, unit } = cityLayouts(topology);
  if (cities.length > MAX_CITY_NAMES) return [];
  return cities.map((l) => {
    const points = [
      ...l.clientSide,
      ...l.infrastructure,
      ...[...l.dcPosition.values()].map((p) => ({ ...p, size: NODE_SIZE * unit })),
    ];
    const box = { x1: l.centre.x, y1: l.centre.y, x2: l.centre.x, y2: l.centre.y };
    for (const p of points) {
      box.x1 = Math.min(box.x1, p.x - p.size / 2);
      box.y1 = Math.min(box.y1, p.y - p.size / 2);
      box.x2 = Math.max(box.x2, p.x + p.size / 2);
      box.y2 = Math.max(box.y2, p.y + p.size / 2);
    }
    return { name: topology.cities[l.city].name, ...box };
  });
}
