/**
 * Messages in flight as moving dots on a canvas above cytoscape (not graph elements: hundreds
 * of moving elements would each cost a style pass). Between frames the dots move on at the
 * session's speed; with prefers-reduced-motion they stay where each frame puts them.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { packetDots, simTimeAt } from './packetMotion';

const DOT_RADIUS = 4;

export class PacketOverlay {
  private frame: RuntimeFrame | null = null;
  private frameWall = 0;
  private nsPerSecond = 0;
  private raf = 0;
  private readonly reducedMotion: MediaQueryList | null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** rendered (screen) position of the element showing a node, or null if not shown */
    private readonly positionOf: (node: number) => { x: number; y: number } | null,
  ) {
    this.reducedMotion =
      typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  }

  /** A new frame, and how fast simulated time runs now (0 when paused). */
  show(frame: RuntimeFrame | null, nsPerSecond: number): void {
    this.frame = frame;
    this.frameWall = performance.now();
    this.nsPerSecond = this.reducedMotion?.matches ? 0 : nsPerSecond;
    if (!this.raf) this.raf = requestAnimationFrame(() => this.draw());
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
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
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#fff';
    for (const d of dots) {
      ctx.beginPath();
      ctx.arc(d.x, d.y, DOT_RADIUS, 0, 2 * Math.PI);
      ctx.fillStyle = d.colour;
      ctx.fill();
      ctx.stroke();
    }
    canvas.dataset.dots = String(dots.length);
    // Keep moving until the next frame replaces this one (it restarts the loop).
    if (this.nsPerSecond > 0) this.raf = requestAnimationFrame(() => this.draw());
  }
}
