/**
 * The map's moving layer, on a canvas above cytoscape (not graph elements: hundreds of moving
 * elements would each cost a style pass):
 *
 * - at speeds where a message's trip can be followed (or paused), each message in flight as a
 *   mark of its kind's shape and colour moving along its route, over a faint line to where it
 *   goes, with a word for its kind when few are on the map;
 * - faster, the flows between places as arcs, thicker the higher their rate, labelled with it
 *   when few;
 * - at every speed and zoom, a cross of fixed screen size on every node or data centre that is
 *   down, with how many of its servers are down.
 *
 * Routes go the shorter way round (across the map's edge where that is shorter, see
 * projection.ts). Between frames the marks move on at the session's speed; with
 * prefers-reduced-motion they stay where each frame puts them (a change of state shows as a
 * jump, never as motion). `data-drawn` holds the number of messages and arcs drawn in the last
 * painted frame, `data-dots` the messages alone, for tests.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology';
import { readThemeColours, resolveColour, watchTheme } from '../presenter/themeColours';
import { PACKET_KINDS, median, messagesFollowable, simTimeAt, tripShare } from './packetMotion';
import { tracePacket } from './packetShapes';
import { OverlayModel, type OverlayFlow, type OverlayMessage } from './overlayModel';
import {
  edgeCrossing,
  pointOnRoute,
  routePieces,
  topologyCentre,
  type ScreenPoint,
} from './projection';
import type { FailedMark } from './TopologyCanvas';
import { placeArcLabels, type ArcToLabel, type LabelBox } from './arcLabels';

export { PACKET_SHAPES, tracePacket, type PacketShape } from './packetShapes';

const DOT_RADIUS = 5;
/** Words beside marks only while there are at most this many. */
const MAX_TAGGED = 12;
/** Arcs labelled with their rate: the busiest few. */
const MAX_LABELLED_ARCS = 4;
/** Thinnest and thickest arc, px before the theme's line scale. */
const ARC_MIN_WIDTH = 1.5;
const ARC_MAX_WIDTH = 9;
/** How far a mark may be from a click to count as clicked, px. */
const HIT_SLOP = 6;

/** Where the overlay finds things on screen (the cytoscape canvas knows). */
export interface OverlayGeometry {
  /** rendered position of the element showing a node, or null if none does */
  positionOf(node: number): ScreenPoint | null;
  /** the world's west edge and width on screen, px */
  worldOnScreen(): { left: number; width: number };
  /** elements with members down, on screen */
  failedMarks(): FailedMark[];
  /** city names and node labels on screen, px: rate labels keep off them */
  labelBoxes?(): LabelBox[];
}

interface DrawnMessage extends ScreenPoint {
  message: OverlayMessage;
}

/** Rate as the arc's label gives it: two significant figures, the unit after. */
export function formatRate(flow: Pick<OverlayFlow, 'rate' | 'unit'>): string {
  const r = flow.rate;
  // A flow dying away (the rollout's orders hours after the release) decays towards zero: its
  // significant figures would fill the map with zeros.
  if (r > 0 && r < 0.001) return `< 0.001 ${flow.unit}`;
  // Below 1, significant figures: a flow of a few messages a minute is not "0 msg/s".
  const digits =
    r >= 1
      ? { maximumFractionDigits: r >= 100 ? 0 : r >= 10 ? 1 : 2 }
      : { maximumSignificantDigits: 2 };
  return `${r.toLocaleString('en', digits)} ${flow.unit}`;
}

export class PacketOverlay {
  private readonly model: OverlayModel;
  private readonly centre: number;
  private frame: RuntimeFrame | null = null;
  private frameWall = 0;
  /** the session's speed, and the speed marks move at (0 with reduced motion) */
  private speed = 0;
  private nsPerSecond = 0;
  /** draw messages and arcs (false: only failures, as for large topologies) */
  private traffic = true;
  private raf = 0;
  private readonly reducedMotion: MediaQueryList | null;
  private colours = { outline: '#fff', text: '#000', arc: '#0072b2', failed: '#d55e00' };
  private scale = 1;
  private readonly unwatchTheme: () => void;
  private drawn: DrawnMessage[] = [];
  /** kinds drawn so far since the last reset, for the legend */
  private readonly seenKinds = new Set<number>();

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly topology: Topology,
    private readonly geometry: () => OverlayGeometry | null,
    /** told when a kind of message is drawn for the first time (for the legend) */
    private readonly onKinds?: (kinds: number[]) => void,
  ) {
    this.model = new OverlayModel(topology);
    this.centre = topologyCentre(topology);
    this.reducedMotion =
      typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
    this.readTheme();
    this.unwatchTheme = watchTheme(() => {
      this.readTheme();
      this.request();
    });
  }

  /**
   * A new frame, and how fast simulated time runs now (0 when paused, null for no messages or
   * flows: only failures are drawn).
   */
  show(frame: RuntimeFrame | null, nsPerSecond: number | null): void {
    if (frame !== this.frame) {
      this.model.update(frame);
      if (!frame || (this.frame && frame.timeNs < this.frame.timeNs)) this.forgetKinds();
    }
    this.frame = frame;
    this.frameWall = performance.now();
    this.traffic = nsPerSecond !== null;
    this.speed = nsPerSecond ?? 0;
    this.nsPerSecond = this.reducedMotion?.matches ? 0 : this.speed;
    // For tests and the curious: whether marks glide between frames now.
    this.canvas.dataset.moving = this.traffic && this.nsPerSecond > 0 ? 'yes' : 'no';
    this.request();
  }

  /** Draws again at the next animation frame (after a pan or zoom). */
  request(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => this.draw());
  }

  /** The message drawn nearest to (x, y) on the canvas, if one is within reach. */
  messageAt(x: number, y: number): OverlayMessage | null {
    const reach = (DOT_RADIUS * this.scale + HIT_SLOP) ** 2;
    let best: DrawnMessage | null = null;
    let bestD = reach;
    for (const d of this.drawn) {
      const dd = (d.x - x) ** 2 + (d.y - y) ** 2;
      if (dd <= bestD) {
        best = d;
        bestD = dd;
      }
    }
    return best?.message ?? null;
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.unwatchTheme();
  }

  private forgetKinds(): void {
    if (this.seenKinds.size === 0) return;
    this.seenKinds.clear();
    this.onKinds?.([]);
  }

  private readTheme(): void {
    const theme = readThemeColours();
    this.colours = {
      outline: theme.colours.background,
      text: theme.colours.text,
      arc: theme.colours['series-blue'],
      failed: resolveColour('--colour-series-vermillion'),
    };
    this.scale = theme.lineScale > 1 ? 1.5 : 1;
  }

  private draw(): void {
    this.raf = 0;
    const { canvas } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    const geometry = this.geometry();
    if (!ctx || !geometry) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.lineJoin = 'round';
    let dots = 0;
    let arcs = 0;
    this.drawn = [];
    if (this.frame && this.traffic) {
      const messages = this.model.messages();
      const trip = median(messages.map((m) => m.dueNs - m.sentNs));
      if (messages.length > 0 && messagesFollowable(trip, this.speed)) {
        dots = this.drawMessages(ctx, geometry, messages);
      } else {
        arcs = this.drawFlows(ctx, geometry, this.model.flows());
      }
    }
    this.drawFailures(ctx, geometry.failedMarks());
    canvas.dataset.dots = String(dots);
    canvas.dataset.drawn = String(dots + arcs);
    // Keep moving until the next frame replaces this one (it restarts the loop).
    if (this.traffic && this.nsPerSecond > 0 && dots > 0) {
      this.raf = requestAnimationFrame(() => this.draw());
    }
  }

  private drawMessages(
    ctx: CanvasRenderingContext2D,
    geometry: OverlayGeometry,
    messages: readonly OverlayMessage[],
  ): number {
    const frame = this.frame!;
    const now = simTimeAt(frame.timeNs, performance.now() - this.frameWall, this.nsPerSecond);
    const world = geometry.worldOnScreen();
    const nodes = this.topology.nodes;
    const placed: {
      at: ScreenPoint;
      m: OverlayMessage;
      a: ScreenPoint;
      b: ScreenPoint;
      cross: -1 | 0 | 1;
    }[] = [];
    for (const m of messages) {
      const a = geometry.positionOf(m.from);
      const b = geometry.positionOf(m.to);
      if (!a || !b || !nodes[m.from] || !nodes[m.to]) continue;
      const cross = edgeCrossing(nodes[m.from].lon, nodes[m.to].lon, this.centre);
      const f = tripShare(m.sentNs, m.dueNs, now);
      placed.push({ at: pointOnRoute(a, b, cross, f, world.left, world.width), m, a, b, cross });
    }
    // Faint routes first, so every mark sits on top of all of them.
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1 * this.scale;
    for (const p of placed) {
      ctx.strokeStyle = PACKET_KINDS[p.m.kind].colour;
      ctx.beginPath();
      for (const [s, e] of routePieces(p.a, p.b, p.cross, world.width)) {
        ctx.moveTo(s.x, s.y);
        ctx.lineTo(e.x, e.y);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    const r = DOT_RADIUS * this.scale;
    ctx.lineWidth = 1.5 * this.scale;
    ctx.strokeStyle = this.colours.outline;
    const fresh: number[] = [];
    for (const p of placed) {
      const kind = PACKET_KINDS[p.m.kind];
      tracePacket(ctx, kind.shape, p.at.x, p.at.y, r);
      ctx.fillStyle = kind.colour;
      ctx.fill();
      ctx.stroke();
      this.drawn.push({ ...p.at, message: p.m });
      if (!this.seenKinds.has(p.m.kind)) {
        this.seenKinds.add(p.m.kind);
        fresh.push(p.m.kind);
      }
    }
    if (placed.length <= MAX_TAGGED) {
      for (const p of placed) {
        const tag = PACKET_KINDS[p.m.kind].tag;
        if (tag) this.text(ctx, tag, p.at.x + r + 3, p.at.y - r, 11);
      }
    }
    if (fresh.length > 0) this.onKinds?.([...this.seenKinds].sort((a, b) => a - b));
    return placed.length;
  }

  private drawFlows(
    ctx: CanvasRenderingContext2D,
    geometry: OverlayGeometry,
    flows: readonly OverlayFlow[],
  ): number {
    const world = geometry.worldOnScreen();
    const nodes = this.topology.nodes;
    const top: Record<OverlayFlow['unit'], number> = { 'msg/s': 0, 'Mbit/s': 0 };
    for (const f of flows) top[f.unit] = Math.max(top[f.unit], f.rate);
    // Busiest last, so they are drawn on top; their labels are the ones kept.
    const ordered = [...flows].sort((x, y) => x.rate / top[x.unit] - y.rate / top[y.unit]);
    const labelFrom = ordered.length - MAX_LABELLED_ARCS;
    let drawn = 0;
    const labels: Omit<ArcToLabel, 'width' | 'height'>[] = [];
    ctx.strokeStyle = this.colours.arc;
    ctx.lineCap = 'round';
    for (const [k, f] of ordered.entries()) {
      const a = geometry.positionOf(f.a);
      const b = geometry.positionOf(f.b);
      if (!a || !b || !nodes[f.a] || !nodes[f.b]) continue;
      if (a.x === b.x && a.y === b.y) continue;
      const cross = edgeCrossing(nodes[f.a].lon, nodes[f.b].lon, this.centre);
      // Width by the square root of the rate: the area of ink follows it, and small flows show.
      const share = top[f.unit] > 0 ? Math.sqrt(f.rate / top[f.unit]) : 0;
      ctx.lineWidth = (ARC_MIN_WIDTH + (ARC_MAX_WIDTH - ARC_MIN_WIDTH) * share) * this.scale;
      ctx.globalAlpha = 0.75;
      ctx.beginPath();
      for (const [s, e] of routePieces(a, b, cross, world.width)) {
        // A gentle bow, so flows that share a city stay apart and read as arcs.
        const mx = (s.x + e.x) / 2 - (e.y - s.y) * 0.12;
        const my = (s.y + e.y) / 2 + (e.x - s.x) * 0.12;
        ctx.moveTo(s.x, s.y);
        ctx.quadraticCurveTo(mx, my, e.x, e.y);
        if (k >= labelFrom) {
          labels.push({ from: s, via: { x: mx, y: my }, to: e, text: formatRate(f) });
        }
      }
      ctx.stroke();
      drawn++;
    }
    ctx.globalAlpha = 1;
    this.drawArcLabels(ctx, geometry, labels.reverse());
    return drawn;
  }

  /**
   * The rate labels of the busiest arcs (busiest first), each on or beside its arc where it
   * covers no city name, node label or other rate label; one with no such place is left out.
   */
  private drawArcLabels(
    ctx: CanvasRenderingContext2D,
    geometry: OverlayGeometry,
    arcs: Omit<ArcToLabel, 'width' | 'height'>[],
  ): void {
    if (arcs.length === 0) return;
    const px = 12;
    ctx.font = `600 ${px * this.scale}px system-ui, sans-serif`;
    const height = px * this.scale * 1.25;
    const sized = arcs.map((a) => ({ ...a, width: ctx.measureText(a.text).width, height }));
    const bounds = { width: this.canvas.clientWidth, height: this.canvas.clientHeight };
    for (const l of placeArcLabels(sized, geometry.labelBoxes?.() ?? [], bounds))
      this.text(ctx, l.text, l.x, l.y, px);
  }

  private drawFailures(ctx: CanvasRenderingContext2D, marks: readonly FailedMark[]): void {
    const s = 9 * this.scale;
    for (const m of marks) {
      const all = m.down >= m.total;
      // A halo, then the cross outlined in the background colour: visible on land, sea and nodes.
      ctx.globalAlpha = 0.25;
      ctx.fillStyle = this.colours.failed;
      ctx.beginPath();
      ctx.arc(m.x, m.y, s * 1.9, 0, 2 * Math.PI);
      ctx.fill();
      ctx.globalAlpha = 1;
      const arm = all ? s : s * 0.7;
      ctx.lineCap = 'round';
      for (const [width, colour] of [
        [7 * this.scale, this.colours.outline],
        [3.5 * this.scale, this.colours.failed],
      ] as const) {
        ctx.lineWidth = width;
        ctx.strokeStyle = colour;
        ctx.beginPath();
        ctx.moveTo(m.x - arm, m.y - arm);
        ctx.lineTo(m.x + arm, m.y + arm);
        ctx.moveTo(m.x + arm, m.y - arm);
        ctx.lineTo(m.x - arm, m.y + arm);
        ctx.stroke();
      }
      if (m.total > 1) this.text(ctx, `${m.down}/${m.total} down`, m.x + s * 1.9, m.y + 4, 12);
    }
    this.canvas.dataset.failed = String(marks.length);
  }

  /** Text with a halo in the background colour, readable over land, sea and marks. */
  private text(
    ctx: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    px: number,
  ): void {
    ctx.font = `600 ${px * this.scale}px system-ui, sans-serif`;
    ctx.lineWidth = 3 * this.scale;
    ctx.strokeStyle = this.colours.outline;
    ctx.fillStyle = this.colours.text;
    ctx.strokeText(text, x, y);
    ctx.fillText(text, x, y);
  }
}
