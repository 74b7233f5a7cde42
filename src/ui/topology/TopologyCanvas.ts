/**
 * Owns one cytoscape instance for one topology: mounts it with preset (geographic) positions,
 * swaps the level of detail when the viewport settles (adding and removing elements by stable id),
 * applies frames in one `cy.batch()` each, marks the selection and reports taps. It keeps no
 * simulation state: frames come in, targets go out. Not a Svelte module; TopologyView wires it.
 * Its colours and line widths follow the page's theme, restyled whenever the theme changes.
 */
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology';
import {
  buildElements,
  cityNames,
  labelFontSize,
  elementOfNode,
  elementStates,
  newerStep,
  layoutUnit,
  levelForViewport,
  stateData,
  loadStep,
  toCyElement,
  type Extent,
  type LevelOfDetail,
  type ViewElement,
  type ViewTarget,
} from './toCyElements';
import { topologyStyle, type TopologyTheme } from './topologyStyle';
import { readThemeColours, resolveColour, watchTheme } from '../presenter/themeColours';
import { MAP_WIDTH, topologyCentre } from './projection';
import { sphereBounds } from './worldMap';
import { fitViewport } from './viewportFit';
import { inSlices } from '../shell/yieldToMain';
import { elementWarmer, flushRenderQueue } from './warmRenderer';

/** The stylesheet's colours as the page's theme resolves them now. */
function currentTopologyTheme(): TopologyTheme {
  const { colours, lineScale } = readThemeColours();
  return {
    nodeBorder: colours['node-border'],
    nodeLabel: colours['node-label'],
    labelHalo: colours['label-halo'],
    downFill: colours['down-fill'],
    failed: resolveColour('--colour-series-vermillion'),
    selected: colours.selected,
    newer: colours['series-blue'],
    lineScale,
  };
}

/** Wait this long after the last pan or zoom before changing the level of detail, ms. */
const SETTLE_MS = 120;
/** Build for a region this much larger than the view on each side, so small pans change nothing. */
const EXTENT_MARGIN = 0.5;
const MAX_ZOOM = 80;
/**
 * Where at most this many elements are drawn (the classroom scale), every one carries its short
 * label; beyond, labels appear on hover, on selection and once zoomed in far enough to read.
 */
export const ALWAYS_LABELLED_MAX = 80;
/** Label sizes on screen, px (full on hover or selection, short beside every node). */
const LABEL_PX = 14;
const SHORT_LABEL_PX = 12;
/** Halo around label text on screen, px. */
const LABEL_HALO_PX = 2.5;
/** Where every element is labelled, nodes are drawn at least this large on screen, px. */
const MIN_NODE_PX = 9;
/** ...by enlarging them up to this many times their model size. */
const MAX_NODE_SCALE = 3;
/** City names' size on screen, px (TopologyView writes them on the map). */
export const CITY_NAME_PX = 13;
/** Which short labels win where they would overlap: name servers and origins first, clients last. */
const LABEL_PRIORITY: Record<ViewElement['kind'], number> = {
  dns: 0,
  origin: 0,
  site: 1,
  dataCentre: 1,
  edge: 2,
  clientCity: 3,
  resolver: 4,
  client: 4,
};

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
/** Time per animation frame spent applying element states, ms (the redraw comes on top). */
const FLUSH_BUDGET_MS = 6;
/** The fewest element updates a flush applies (a quota learnt from fewer would be noise). */
const MIN_FLUSH_QUOTA = 16;
/** Time per task spent adding and preparing elements before the first draw, ms (see populate). */
const STYLE_SLICE_MS = 8;
/** Elements added to cytoscape at a time while the map is first built (see populate). */
const ADD_CHUNK = 8;

export interface CanvasEvents {
  /** a tap on an element (null: on the background) */
  onTarget: (target: ViewTarget | null) => void;
  /** every pan or zoom, so that the map underneath can follow */
  onViewport: (pan: { x: number; y: number }, zoom: number) => void;
  /** after every rebuild of the element list */
  onLevel?: (info: LevelInfo) => void;
  /** once, after cytoscape first drew the topology */
  onMounted?: (times: MountTimes) => void;
  /** city names and where to write them, after every zoom (few-node topologies only) */
  onCityNames?: (names: PlacedName[]) => void;
}

/** A city's name placed beside its nodes, in model units (baseline point and text anchor). */
export interface PlacedName {
  name: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface LevelInfo {
  detail: LevelOfDetail['detail'];
  elements: number;
  /** time to compute the element list and apply it to cytoscape, ms */
  rebuildMs: number;
}

/** A drawn element with members down, for the overlay's failure marks. */
export interface FailedMark {
  x: number;
  y: number;
  /** members down, and members in all (1 for a single node) */
  down: number;
  total: number;
}

export interface MountTimes {
  /** buildElements for the first view, ms */
  buildMs: number;
  /** cytoscape construction with those elements, style and fit, ms */
  mountMs: number;
  /** from the start of the build to cytoscape's first drawn frame, ms */
  firstRenderMs: number;
}

function padded(e: Extent, margin: number): Extent {
  const dx = (e.x2 - e.x1) * margin;
  const dy = (e.y2 - e.y1) * margin;
  return { x1: e.x1 - dx, y1: e.y1 - dy, x2: e.x2 + dx, y2: e.y2 + dy };
}

/** The box around elements, from their positions and sizes. */
function extentOf(elements: readonly ViewElement[]): Extent {
  const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const e of elements) {
    box.x1 = Math.min(box.x1, e.x - e.size);
    box.y1 = Math.min(box.y1, e.y - e.size);
    box.x2 = Math.max(box.x2, e.x + e.size);
    box.y2 = Math.max(box.y2, e.y + e.size);
  }
  return box;
}

/** Indices whose up fraction is below 1. */
function failedIndices(up: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < up.length; i++) if (up[i] < 1) out.push(i);
  return out;
}

function contains(outer: Extent, inner: Extent): boolean {
  return (
    inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2
  );
}

export class TopologyCanvas {
  readonly cy: Core;
  readonly times: MountTimes;
  private readonly topology: Topology;
  private readonly unit: number;
  private readonly events: CanvasEvents;
  private elements: ViewElement[] = [];
  private nodes: NodeSingular[] = [];
  private byId = new Map<string, number>();
  private nodeToElement: Int32Array = new Int32Array(0);
  private level: LevelOfDetail = { detail: 'dataCentres' };
  private builtZoom = 1;
  /** the region the current element list was built for (everything after a whole-world build) */
  private builtRegion: Extent = { x1: -Infinity, y1: -Infinity, x2: Infinity, y2: Infinity };
  private fitZoom = 1;
  private frame: RuntimeFrame | null = null;
  private targetLoad: Float32Array = new Float32Array(0);
  private targetUp: Float32Array = new Float32Array(0);
  private targetNewer: Float32Array = new Float32Array(0);
  /**
   * how many element updates fit in FLUSH_BUDGET_MS on this machine, measured as we go; it
   * starts at the least (at 128, a slow phone's first flush held its main thread for 180 ms)
   */
  private flushQuota = MIN_FLUSH_QUOTA;
  private shownStep = new Int16Array(0);
  private cursor = 0;
  private flushRequest = 0;
  private shownUp: Float32Array = new Float32Array(0);
  private shownNewer = new Int8Array(0);
  private selectedNode: number | null = null;
  private selectedElement = -1;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unwatchTheme: () => void;
  private readonly resizeObserver: ResizeObserver | null;
  private resizeRequest = 0;
  /** the nodes' box at the first level of detail: what "the whole map" shows */
  private readonly home: Extent;
  /** the globe's bounds and its left edge, model units */
  private readonly world: Extent;
  private hovered = -1;
  /** the student has panned or zoomed since the last fit: a resize then keeps their view */
  private moved = false;
  /** how much larger than their model size nodes are drawn now (see MIN_NODE_PX) */
  private nodeScale = 1;
  private fitting = false;
  /** elements whose short label fits without covering another label or a city's name */
  private labelled = new Set<number>();
  /** the city names and short labels placed at the last zoom, in model units (see labelBoxes) */
  private labelModelBoxes: Box[] = [];
  /** indices of elements with members down in the current frame */
  private failed: number[] = [];
  /** label size multiplier: larger in the projector themes */
  private labelScale = 1;
  private destroyed = false;
  /** the first level's elements are being added to cytoscape (see populate) */
  private populating = true;

  constructor(container: HTMLElement, topology: Topology, events: CanvasEvents) {
    this.topology = topology;
    this.unit = layoutUnit(topology);
    this.events = events;
    const t0 = performance.now();
    this.setElements(buildElements(topology, this.level));
    this.home = extentOf(this.elements);
    const [[wx1, wy1], [wx2, wy2]] = sphereBounds(topologyCentre(topology));
    this.world = { x1: wx1, y1: wy1, x2: wx2, y2: wy2 };
    this.labelScale = currentTopologyTheme().lineScale > 1 ? 1.3 : 1;
    const t1 = performance.now();
    // Created empty: its elements come a slice at a time (populate).
    this.cy = cytoscape({
      container,
      style: topologyStyle(currentTopologyTheme()),
      // Positions come with the elements; fitting ourselves (below) skips measuring every label.
      layout: { name: 'preset', fit: false },
      maxZoom: MAX_ZOOM,
      boxSelectionEnabled: false,
      autounselectify: true,
      autoungrabify: true,
    });
    this.fit();
    // Held until every element is added and prepared (populate): cytoscape's first frame
    // computed them all in one go and then drew, one task of 0.5 to 2 s on a slow phone.
    this.cy.startBatch();
    this.builtZoom = this.fitZoom;
    this.times = { buildMs: t1 - t0, mountMs: performance.now() - t1, firstRenderMs: Number.NaN };
    this.cy.one('render', () => {
      this.times.firstRenderMs = performance.now() - t0;
      this.events.onMounted?.(this.times);
    });

    this.cy.on('tap', (evt) => {
      if (evt.target === this.cy) this.events.onTarget(null);
    });
    this.cy.on('tap', 'node', (evt) => this.tapped(evt.target as NodeSingular));
    this.cy.on('mouseover', 'node', (evt) => this.hover(evt.target as NodeSingular));
    this.cy.on('mouseout', 'node', () => this.hover(null));
    this.cy.on('viewport', () => {
      if (!this.fitting) this.moved = true;
      this.events.onViewport(this.cy.pan(), this.cy.zoom());
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.updateLevel(), SETTLE_MS);
    });
    this.events.onViewport(this.cy.pan(), this.cy.zoom());
    this.unwatchTheme = watchTheme(() => {
      const theme = currentTopologyTheme();
      this.labelScale = theme.lineScale > 1 ? 1.3 : 1;
      this.cy.style(topologyStyle(theme));
      this.applyLabels();
    });
    // The view's box changes with the step and with presenter mode: fit the map to it again.
    this.resizeObserver =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            cancelAnimationFrame(this.resizeRequest);
            this.resizeRequest = requestAnimationFrame(() => {
              this.cy.resize();
              if (this.moved) this.events.onViewport(this.cy.pan(), this.cy.zoom());
              else this.fit();
            });
          })
        : null;
    this.resizeObserver?.observe(container);
    void this.populate();
  }

  /**
   * Adds the elements to cytoscape and prepares each one for the first frame (elementWarmer), a
   * slice at a time with the main thread given back between slices, then lets cytoscape draw
   * (ending the batch the constructor started). Until then the map shows no nodes; what a
   * frame, a selection or a zoom asked for meanwhile is applied once they are there.
   */
  private async populate(): Promise<void> {
    const live = () => !this.destroyed;
    // The state they are added with (setFrame replaces these arrays, never writes into them).
    const { targetLoad: load, targetUp: up, targetNewer: newer, nodeScale } = this;
    const defs = this.elements.map((_, i) => toCyElement(this.sized(i), load[i], up[i], newer[i]));
    // Each chunk is added outside the batch and the renderer's per-element work on it done at
    // once (flushRenderQueue), in this slice: added inside, all would wait for the batch's end
    // or the first frame, one task. The renderer draws nothing meanwhile: its frames find the
    // batch on again.
    const added = await inSlices(
      Math.ceil(defs.length / ADD_CHUNK),
      STYLE_SLICE_MS,
      (c) => {
        this.cy.endBatch();
        this.cy.add(defs.slice(c * ADD_CHUNK, (c + 1) * ADD_CHUNK));
        this.cy.startBatch();
        flushRenderQueue(this.cy);
      },
      live,
    );
    if (!added) return;
    this.populating = false;
    this.nodes = this.elements.map((e) => this.cy.getElementById(e.id) as NodeSingular);
    // The view's box may have changed size meanwhile (a fit), and the nodes' size with it.
    if (this.nodeScale !== nodeScale) this.applySizes();
    for (let i = 0; i < defs.length; i++) {
      this.shownStep[i] = loadStep(load[i]);
      this.shownUp[i] = up[i];
      this.shownNewer[i] = newerStep(newer[i]);
    }
    const selected = this.selectedNode;
    this.selectedElement = -1;
    this.setSelected(selected);
    // Labels for the zoom now (a zoom meanwhile may even want another level of detail).
    this.updateLevel();
    this.requestFlush();
    const eles = this.cy.elements();
    if (await inSlices(eles.length, STYLE_SLICE_MS, elementWarmer(this.cy, eles), live))
      this.cy.endBatch();
  }

  /**
   * Shows a frame (null: idle). Computes every element's state now and draws the changes from
   * the next animation frame on (see flush); only elements whose shown load step or up fraction
   * changed are touched, because each touched element costs a style pass and a redraw.
   */
  setFrame(frame: RuntimeFrame | null): void {
    this.frame = frame;
    const { load, up, newer } = elementStates(this.elements, frame);
    this.targetLoad = load;
    this.targetUp = up;
    this.targetNewer = newer;
    this.failed = failedIndices(up);
    this.requestFlush();
  }

  /** Elements with members down now, where they are on screen (for the overlay's marks). */
  failedMarks(): FailedMark[] {
    const marks: FailedMark[] = [];
    for (const i of this.failed) {
      const node = this.nodes[i];
      if (!node || node.empty()) continue;
      const total = this.elements[i].members.length;
      const p = node.renderedPosition();
      marks.push({ x: p.x, y: p.y, down: Math.round((1 - this.targetUp[i]) * total), total });
    }
    return marks;
  }

  /** Where the world is on screen: the x of the globe's west edge and its width, px. */
  worldOnScreen(): { left: number; width: number } {
    const zoom = this.cy.zoom();
    return { left: this.cy.pan().x + this.world.x1 * zoom, width: MAP_WIDTH * zoom };
  }

  /** The element showing a node, if one does, as a tap on it would select it. */
  elementAt(nodeId: number): ViewTarget | null {
    const i = nodeId >= 0 && nodeId < this.nodeToElement.length ? this.nodeToElement[nodeId] : -1;
    return i >= 0 ? this.elements[i].target : null;
  }

  /** Screen position of the element that shows this node, or null if none does now. */
  renderedPositionOf(nodeId: number): { x: number; y: number } | null {
    const i = nodeId >= 0 && nodeId < this.nodeToElement.length ? this.nodeToElement[nodeId] : -1;
    const node = i >= 0 ? this.nodes[i] : undefined;
    return node && node.nonempty() ? node.renderedPosition() : null;
  }

  /** Marks the element that shows this node (the node itself, or its data centre or site). */
  setSelected(nodeId: number | null): void {
    this.selectedNode = nodeId;
    const next =
      nodeId !== null && nodeId >= 0 && nodeId < this.nodeToElement.length
        ? this.nodeToElement[nodeId]
        : -1;
    if (next === this.selectedElement) return;
    const before = this.selectedElement;
    this.selectedElement = next;
    this.cy.batch(() => {
      if (before >= 0) this.nodes[before]?.removeClass('selected');
      if (next >= 0) this.nodes[next]?.addClass('selected');
      this.applyLabel(before);
      this.applyLabel(next);
    });
  }

  zoomBy(factor: number): void {
    const z = this.cy.zoom() * factor;
    const { w, h } = { w: this.cy.width(), h: this.cy.height() };
    this.cy.zoom({ level: z, renderedPosition: { x: w / 2, y: h / 2 } });
  }

  /**
   * Shows the whole topology with some map around it, filling the view both ways (from the
   * elements' positions and sizes: cy.fit would measure all labels). Called again whenever the
   * view's box changes size, unless the student has panned or zoomed since.
   */
  fit(): void {
    const w = this.cy.width();
    const h = this.cy.height();
    if (!(w > 0 && h > 0) || !(this.home.x2 > this.home.x1)) return;
    const view = fitViewport(this.home, w, h, this.world);
    this.fitZoom = view.zoom;
    this.fitting = true;
    this.cy.minZoom(view.zoom * 0.8);
    this.cy.viewport(view);
    this.fitting = false;
    this.moved = false;
    this.applyLabels();
  }

  /** Current counts, for the demo and for tests. */
  get elementCount(): number {
    return this.elements.length;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.settleTimer);
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.resizeRequest);
    this.unwatchTheme();
    cancelAnimationFrame(this.flushRequest);
    this.cy.destroy();
  }

  /** Element i at the size it is drawn at now. */
  private sized(i: number): ViewElement {
    const v = this.elements[i];
    return this.nodeScale === 1 ? v : { ...v, size: v.size * this.nodeScale };
  }

  /**
   * Where few nodes are drawn, keeps them large enough to see and tap when the map is zoomed
   * out to fit a small box (a projector at 1280×720): a node's drawn size follows the zoom up to
   * MAX_NODE_SCALE times its model size. Cheap: only where every element is labelled anyway.
   */
  private resizeNodes(): void {
    const sizes = this.elements.map((e) => e.size).sort((a, b) => a - b);
    const typical = sizes[sizes.length >> 1] ?? 0;
    if (!(typical > 0)) return;
    const want = Math.min(
      MAX_NODE_SCALE,
      Math.max(1, (MIN_NODE_PX * this.labelScale) / (typical * this.cy.zoom())),
    );
    if (Math.abs(want / this.nodeScale - 1) < 0.1) return;
    this.nodeScale = want;
    this.applySizes();
  }

  /** Every node at its size for the current nodeScale. */
  private applySizes(): void {
    this.cy.batch(() => {
      for (let i = 0; i < this.nodes.length; i++) {
        const node = this.nodes[i];
        if (!node || node.empty()) continue;
        const v = this.sized(i);
        node.data({
          ...stateData(v, this.targetLoad[i], this.targetUp[i], this.targetNewer[i]),
          pad: v.size,
        });
      }
    });
  }

  /** Whether every element carries its short label (few elements, as at the classroom scale). */
  private get alwaysLabelled(): boolean {
    return this.elements.length <= ALWAYS_LABELLED_MAX;
  }

  /**
   * An element's label for the current zoom: in full and at a readable size when hovered or
   * selected; short where every element is labelled; otherwise its full label at model size,
   * which cytoscape draws only once zoomed in far enough (min-zoomed-font-size).
   */
  private applyLabel(i: number): void {
    const node = this.nodes[i];
    if (i < 0 || !node || node.empty()) return;
    const zoom = this.cy.zoom();
    const v = this.elements[i];
    const px = (size: number) => ({
      fs: (size * this.labelScale) / zoom,
      ow: (LABEL_HALO_PX * this.labelScale) / zoom,
    });
    if (i === this.hovered || i === this.selectedElement) {
      node.data({ label: v.label, ...px(LABEL_PX) });
    } else if (this.alwaysLabelled) {
      node.data({ label: this.labelled.has(i) ? v.short : '', ...px(SHORT_LABEL_PX) });
    } else {
      const fs = labelFontSize(v);
      node.data({ label: v.label, fs, ow: fs * 0.2 });
    }
  }

  /** Labels of every element (after a zoom), or only of the few that differ from the rest. */
  private applyLabels(): void {
    if (this.alwaysLabelled) {
      this.resizeNodes();
      this.labelled = this.placeLabels();
    }
    this.cy.batch(() => {
      if (this.alwaysLabelled) for (let i = 0; i < this.nodes.length; i++) this.applyLabel(i);
      else {
        this.applyLabel(this.hovered);
        this.applyLabel(this.selectedElement);
      }
    });
  }

  /**
   * The short labels that fit at this zoom: each placed under its element, in order of
   * LABEL_PRIORITY, unless it would cover a label already placed or a city's name (text widths
   * estimated from the character count; cheap for the few dozen elements this is used for).
   */
  private placeLabels(): Set<number> {
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    const taken: Box[] = [];
    const names: PlacedName[] = [];
    const cityPx = CITY_NAME_PX * this.labelScale;
    const gap = 3;
    const width = this.cy.width();
    const height = this.cy.height();
    for (const c of cityNames(this.topology)) {
      // Screen box of the city's nodes, and the name's size.
      const b = {
        x1: pan.x + c.x1 * zoom,
        y1: pan.y + c.y1 * zoom,
        x2: pan.x + c.x2 * zoom,
        y2: pan.y + c.y2 * zoom,
      };
      const w = c.name.length * cityPx * 0.6;
      const mid = (b.x1 + b.x2) / 2;
      const candidates: { box: Box; x: number; y: number; anchor: PlacedName['anchor'] }[] = [
        {
          box: { x1: mid - w / 2, y1: b.y1 - gap - cityPx, x2: mid + w / 2, y2: b.y1 - gap },
          x: mid,
          y: b.y1 - gap - 2,
          anchor: 'middle',
        },
        {
          box: { x1: b.x2 + gap, y1: b.y1, x2: b.x2 + gap + w, y2: b.y1 + cityPx },
          x: b.x2 + gap,
          y: b.y1 + cityPx * 0.8,
          anchor: 'start',
        },
        {
          box: { x1: b.x1 - gap - w, y1: b.y1, x2: b.x1 - gap, y2: b.y1 + cityPx },
          x: b.x1 - gap,
          y: b.y1 + cityPx * 0.8,
          anchor: 'end',
        },
        {
          box: { x1: mid - w / 2, y1: b.y2 + gap, x2: mid + w / 2, y2: b.y2 + gap + cityPx },
          x: mid,
          y: b.y2 + gap + cityPx * 0.8,
          anchor: 'middle',
        },
      ];
      const inView = (k: Box) => k.x1 >= 0 && k.y1 >= 0 && k.x2 <= width && k.y2 <= height;
      const free = candidates.find((k) => inView(k.box) && !taken.some((t) => overlaps(t, k.box)));
      if (!free) continue;
      taken.push(free.box);
      names.push({
        name: c.name,
        x: (free.x - pan.x) / zoom,
        y: (free.y - pan.y) / zoom,
        anchor: free.anchor,
      });
    }
    this.events.onCityNames?.(names);
    const px = SHORT_LABEL_PX * this.labelScale;
    const order = this.elements
      .map((_, i) => i)
      .sort(
        (a, b) => LABEL_PRIORITY[this.elements[a].kind] - LABEL_PRIORITY[this.elements[b].kind],
      );
    const placed = new Set<number>();
    for (const i of order) {
      const v = this.elements[i];
      const x = pan.x + v.x * zoom;
      const top = pan.y + (v.y + (v.size * this.nodeScale) / 2) * zoom;
      const half = v.short.length * px * 0.3;
      const box = { x1: x - half - 1, y1: top, x2: x + half + 1, y2: top + px * 1.2 };
      if (taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      placed.add(i);
    }
    this.labelModelBoxes = taken.map((t) => ({
      x1: (t.x1 - pan.x) / zoom,
      y1: (t.y1 - pan.y) / zoom,
      x2: (t.x2 - pan.x) / zoom,
      y2: (t.y2 - pan.y) / zoom,
    }));
    return placed;
  }

  /**
   * Where the city names and the elements' short labels are on screen now, px (empty when the
   * topology is too large to label every element): the overlay keeps its rate labels off them.
   */
  labelBoxes(): Box[] {
    if (!this.alwaysLabelled) return [];
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    return this.labelModelBoxes.map((b) => ({
      x1: pan.x + b.x1 * zoom,
      y1: pan.y + b.y1 * zoom,
      x2: pan.x + b.x2 * zoom,
      y2: pan.y + b.y2 * zoom,
    }));
  }

  /**
   * Keyboard focus on the map: moves the emphasis (full label, drawn on top, as on hover) to the
   * next element west to east (`step` 1) or back (−1), and returns it; null clears it.
   */
  focusStep(step: 1 | -1 | null): ViewElement | null {
    if (step === null || this.elements.length === 0) {
      this.emphasise(-1);
      return null;
    }
    const order = this.elements
      .map((_, i) => i)
      .sort((a, b) => this.elements[a].x - this.elements[b].x);
    const at = order.indexOf(this.hovered);
    const next =
      at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
    this.emphasise(order[next]);
    return this.elements[order[next]];
  }

  /** What a tap on the emphasised element would select, if one is emphasised. */
  emphasisedTarget(): ViewTarget | null {
    return this.hovered >= 0 ? this.elements[this.hovered].target : null;
  }

  private hover(node: NodeSingular | null): void {
    this.emphasise(node ? (this.byId.get(node.id()) ?? -1) : -1);
  }

  private emphasise(next: number): void {
    if (next === this.hovered) return;
    const before = this.hovered;
    this.hovered = next;
    this.cy.batch(() => {
      if (before >= 0) this.nodes[before]?.removeClass('hovered');
      if (next >= 0) this.nodes[next]?.addClass('hovered');
      this.applyLabel(before);
      this.applyLabel(next);
    });
  }

  private tapped(node: NodeSingular): void {
    const i = this.byId.get(node.id());
    if (i === undefined) return;
    const target = this.elements[i].target;
    if (target.type === 'city') {
      // An aggregate: zoom in on it; the next level of detail opens it up.
      this.cy.zoom({ level: Math.max(this.cy.zoom() * 3, 4), position: node.position() });
      this.cy.center(node);
    }
    this.events.onTarget(target);
  }

  private requestFlush(): void {
    if (this.flushRequest !== 0) return;
    this.flushRequest = requestAnimationFrame(() => {
      this.flushRequest = 0;
      this.flush();
    });
  }

  /**
   * Applies changed element states in one cy.batch, continuing where the last flush stopped, at
   * most as many as fit in FLUSH_BUDGET_MS (learnt from the measured
   * cost of updates on this machine). When a frame changes more than fits (at the
   * 2009 scale every element can change at once), the rest follows in the next animation frames,
   * so pan and zoom stay fluid instead of the page stalling for the whole update.
   */
  private flush(): void {
    const n = this.nodes.length;
    const { targetLoad, targetUp, targetNewer } = this;
    if (targetLoad.length !== n) return;
    const start = performance.now();
    let done = 0;
    const touched: NodeSingular[] = [];
    this.cy.batch(() => {
      for (; done < n && touched.length < this.flushQuota; done++) {
        const i = (this.cursor + done) % n;
        const step = loadStep(targetLoad[i]);
        const newer = newerStep(targetNewer[i]);
        const same = step === this.shownStep[i] && newer === this.shownNewer[i];
        if (same && targetUp[i] === this.shownUp[i]) continue;
        this.shownStep[i] = step;
        this.shownUp[i] = targetUp[i];
        this.shownNewer[i] = newer;
        this.nodes[i].data(stateData(this.sized(i), targetLoad[i], targetUp[i], targetNewer[i]));
        touched.push(this.nodes[i]);
      }
    });
    // cytoscape restyles lazily, inside its next redraw; reading a style restyles now, so the
    // time measured below includes it and the quota follows what updates really cost.
    for (const node of touched) node.numericStyle('width');
    const applied = touched.length;
    const elapsed = performance.now() - start;
    if (applied >= MIN_FLUSH_QUOTA && elapsed > 0) {
      const fit = Math.floor((applied * FLUSH_BUDGET_MS) / elapsed);
      this.flushQuota = Math.min(
        4096,
        Math.max(MIN_FLUSH_QUOTA, Math.round((this.flushQuota + fit) / 2)),
      );
    }
    this.cursor = (this.cursor + done) % Math.max(n, 1);
    if (done < n) this.requestFlush();
  }

  private setElements(elements: ViewElement[]): void {
    this.elements = elements;
    this.byId = new Map(elements.map((e, i) => [e.id, i]));
    this.nodeToElement = elementOfNode(elements, this.topology.nodes.length);
    const { load, up, newer } = elementStates(elements, this.frame);
    this.targetLoad = load;
    this.targetUp = up;
    this.targetNewer = newer;
    this.shownStep = new Int16Array(elements.length);
    this.shownUp = new Float32Array(elements.length).fill(1);
    this.shownNewer = new Int8Array(elements.length);
    this.cursor = 0;
  }

  /** Rebuilds the element list when the detail changes or the view leaves the built region. */
  private updateLevel(): void {
    // The first elements are still being added; populate labels them once they are.
    if (this.populating) return;
    const zoom = this.cy.zoom();
    const view = this.cy.extent();
    const wanted = levelForViewport(zoom, view, this.unit);
    const zoomRatio = Math.max(zoom / this.builtZoom, this.builtZoom / zoom);
    if (wanted.detail === this.level.detail && contains(this.builtRegion, view) && zoomRatio < 2) {
      // Same elements: only their labels follow the zoom.
      this.applyLabels();
      return;
    }
    const t0 = performance.now();
    // Near the whole-world view, spend the budget evenly instead of around the view's centre.
    const whole = wanted.detail === 'dataCentres' && zoom < this.fitZoom * 1.5;
    const region = whole
      ? { x1: -Infinity, y1: -Infinity, x2: Infinity, y2: Infinity }
      : padded(view, EXTENT_MARGIN);
    const level: LevelOfDetail = whole ? { detail: wanted.detail } : { ...wanted, extent: region };
    const next = buildElements(this.topology, level);
    const keep = new Set(next.map((e) => e.id));
    const oldIndex = this.byId;
    const oldStep = this.shownStep;
    const oldUp = this.shownUp;
    const oldNewer = this.shownNewer;
    this.setElements(next);
    const cy = this.cy;
    cy.batch(() => {
      cy.nodes()
        .filter((n) => !keep.has(n.id()))
        .remove();
      // New elements come with the current frame's state; kept ones keep what they show.
      const added = [];
      for (let i = 0; i < next.length; i++) {
        const was = oldIndex.get(next[i].id);
        if (was === undefined) {
          const newer = this.targetNewer[i];
          added.push(toCyElement(this.sized(i), this.targetLoad[i], this.targetUp[i], newer));
          this.shownStep[i] = loadStep(this.targetLoad[i]);
          this.shownUp[i] = this.targetUp[i];
          this.shownNewer[i] = newerStep(newer);
        } else {
          this.shownStep[i] = oldStep[was];
          this.shownUp[i] = oldUp[was];
          this.shownNewer[i] = oldNewer[was];
        }
      }
      if (added.length > 0) cy.add(added);
    });
    this.level = level;
    this.builtRegion = region;
    this.builtZoom = zoom;
    this.nodes = next.map((e) => cy.getElementById(e.id) as NodeSingular);
    this.requestFlush();
    this.selectedElement = -1;
    this.hovered = -1;
    cy.nodes('.selected').removeClass('selected');
    this.failed = failedIndices(this.targetUp);
    this.setSelected(this.selectedNode);
    this.applyLabels();
    this.events.onLevel?.({
      detail: level.detail,
      elements: next.length,
      rebuildMs: performance.now() - t0,
    });
  }
}
