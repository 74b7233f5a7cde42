/**
 * Where the topology view looks when it shows "the whole map": the box around the topology's
 * nodes, with a margin of sea and land around it, fitted into the view both ways; then moved (not
 * shrunk) so that the view does not reach past the globe's top, bottom or sides where the nodes
 * leave room, since past them there is no map, only an empty band. Pure, tested in Node.
 */
import type { Extent } from './toCyElements';

/** Margin around the nodes: this share of their box on each side, at least MIN_MARGIN units. */
const MARGIN_SHARE = 0.08;
/** About nine degrees of longitude: room for a label and the sea beyond the outermost city. */
const MIN_MARGIN = 25;

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** The nodes' box with the margin the whole-map view leaves around it. */
export function withMargin(box: Extent): Extent {
  const mx = Math.max((box.x2 - box.x1) * MARGIN_SHARE, MIN_MARGIN);
  const my = Math.max((box.y2 - box.y1) * MARGIN_SHARE, MIN_MARGIN);
  return { x1: box.x1 - mx, y1: box.y1 - my, x2: box.x2 + mx, y2: box.y2 + my };
}

/** Moves [lo, hi] (length `span`) to lie inside [min, max] where it fits, keeping its length. */
function clampSpan(lo: number, span: number, min: number, max: number): number {
  if (span >= max - min) return min + (max - min - span) / 2;
  return Math.min(Math.max(lo, min), max - span);
}

/**
 * The zoom and pan that show `box` (model units) whole and centred in a view of `width` ×
 * `height` px, kept inside `world` (the globe's bounds) where there is room.
 */
export function fitViewport(box: Extent, width: number, height: number, world: Extent): Viewport {
  const target = withMargin(box);
  const zoom = Math.min(width / (target.x2 - target.x1), height / (target.y2 - target.y1));
  const spanX = width / zoom;
  const spanY = height / zoom;
  const left = clampSpan((target.x1 + target.x2) / 2 - spanX / 2, spanX, world.x1, world.x2);
  const top = clampSpan((target.y1 + target.y2) / 2 - spanY / 2, spanY, world.y1, world.y2);
  return { zoom, pan: { x: -left * zoom, y: -top * zoom } };
}
