/**
 * Messages in flight as moving marks on a canvas above cytoscape (not graph elements: hundreds
 * of moving elements would each cost a style pass). Between frames the marks move on at the
 * session's speed; with prefers-reduced-motion they stay where each frame puts them (a change
 * of state shows as a jump, never as motion). Each kind has its own shape as well as its colour
 * (PACKET_SHAPES, in PACKET_KINDS order), outlined in the theme's background colour.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { readThemeColours, watchTheme } from '../presenter/themeColours';
import { PACKET_KINDS, packetDots, simTimeAt } from './packetMotion';

const DOT_RADIUS = 4;

export type PacketShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

/** Shape per kind of message, in PACKET_KINDS order; anything else is a cross. */
export const PACKET_SHAPES: readonly PacketShape[] = ['circle', 'square', 'triangle', 'diamond'];

const shapeByColour = new Map(PACKET_KINDS.map((k, i) => [k.colour, PACKET_SHAPES[i] ?? 'cross']));

/** Draws one mark of radius r centred at (x, y) as a closed path, ready to fill and stroke. */
export function tracePacket(
  ctx: Pick<
    CanvasRenderingContext2D,
    'beginPath' | 'arc' | 'rect' | 'moveTo' | 'lineTo' | 'closePath'
  >,
  shape: PacketShape,
  x: number,
  y: number,
  r: number,
): void {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else {
    const points =
      shape === 'triangle'
        ? [
            [0, -1.2],
            [1.1, 0.8],
            [-1.1, 0.8],
          ]
        : shape === 'diamond'
          ? [
              [0, -1.2],
              [1.2, 0],
              [0, 1.2],
              [-1.2, 0],
            ]
          : [
              [-1, -0.4],
              [-0.4, -1],
              [1, 0.4],
              [0.4, 1],
            ];
    ctx.moveTo(x + points[0][0] * r, y + points[0][1] * r);
    for (const [px, py] of points.slice(1)) ctx.lineTo(x + px * r, y + py * r);
  }
  ctx.closePath();
}

export class PacketOverlay {
  private frame: RuntimeFrame | null = null;
  private frameWall = 0;
  private nsPerSecond = 0;
  private raf = 0;
  private readonly reducedMotion: MediaQueryList | null;
  private outline = '#fff';
  private scale = 1;
  private readonly unwatchTheme: () => void;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** rendered (screen) position of the element showing a node, or null if not shown */
    private readonly positionOf: (node: number) => { x: number; y: number } | null,
  ) {
    this.reducedMotion =
      typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
    this.readTheme();
    this.unwatchTheme = watchTheme(() => {
      this.readTheme();
      this.request();
    });
  }

  /** A new frame, and how fast simulated time runs now (0 when paused). */
  show(frame: RuntimeFrame | null, nsPerSecond: number): void {
    this.frame = frame;
    this.frameWall = performance.now();
    this.nsPerSecond = this.reducedMotion?.matches ? 0 : nsPerSecond;
    // For tests and the curious: whether marks glide between frames now.
    this.canvas.dataset.moving = this.nsPerSecond > 0 ? 'yes' : 'no';
    this.request();
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.unwatchTheme();
  }

  private readTheme(): void {
    const theme = readThemeColours();
    this.outline = theme.colours.background;
    this.scale = theme.lineScale;
  }

  private request(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => this.draw());
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
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const list = this.frame?.inFlight;
    if (!this.frame || !list || list.types.length === 0) return;
    const now = simTimeAt(this.frame.timeNs, performance.now() - this.frameWall, this.nsPerSecond);
    const dots = packetDots(list, now, this.positionOf);
    const r = DOT_RADIUS * (this.scale > 1 ? 1.5 : 1);
    ctx.lineWidth = 1.5 * this.scale;
    ctx.strokeStyle = this.outline;
    for (const d of dots) {
      tracePacket(ctx, shapeByColour.get(d.colour) ?? 'cross', d.x, d.y, r);
      ctx.fillStyle = d.colour;
      ctx.fill();
      ctx.stroke();
    }
    canvas.dataset.dots = String(dots.length);
    // Keep moving until the next frame replaces this one (it restarts the loop).
    if (this.nsPerSecond > 0) this.raf = requestAnimationFrame(() => this.draw());
  }
}
