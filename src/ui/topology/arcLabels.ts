/**
 * Where the map's flow arcs get their rate labels ("1,830 msg/s"): on the arc, or just beside
 * it, where the label covers no city name, no node label and no other rate label, and stays
 * inside the map; a label with no such place is left out (the arc's width still shows its
 * rate, and the busiest arcs choose first). Pure: boxes in, places out (tests/ui/topology).
 */
import type { ScreenPoint } from './projection';

/** A rectangle on screen, px. */
export interface LabelBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One arc to label: a quadratic curve from `from` through the control point `via` to `to`. */
export interface ArcToLabel {
  from: ScreenPoint;
  via: ScreenPoint;
  to: ScreenPoint;
  text: string;
  /** the label's size as drawn, px */
  width: number;
  height: number;
}

export interface PlacedArcLabel {
  text: string;
  /** where the text starts and its baseline, px */
  x: number;
  y: number;
  box: LabelBox;
}

/** Points along the arc tried in turn: the middle first, then out towards the ends. */
const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8];
/** Offsets across the arc tried at each point, in label heights: on it, then either side. */
const ACROSS = [0, 0.8, -0.8, 1.4, -1.4];

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

function pointOn(a: ArcToLabel, t: number): ScreenPoint {
  const u = 1 - t;
  return {
    x: u * u * a.from.x + 2 * u * t * a.via.x + t * t * a.to.x,
    y: u * u * a.from.y + 2 * u * t * a.via.y + t * t * a.to.y,
  };
}

/** The unit normal of the arc at t (the chord's when the curve is degenerate). */
function normalAt(a: ArcToLabel, t: number): ScreenPoint {
  const dx = 2 * (1 - t) * (a.via.x - a.from.x) + 2 * t * (a.to.x - a.via.x);
  const dy = 2 * (1 - t) * (a.via.y - a.from.y) + 2 * t * (a.to.y - a.via.y);
  const len = Math.hypot(dx, dy) || 1;
  return { x: -dy / len, y: dx / len };
}

/**
 * Places the labels of `arcs` (most important first) avoiding `obstacles` (city names, node
 * labels) and each other, inside `bounds` (the map's box, from 0,0). Returns the placed ones.
 */
export function placeArcLabels(
  arcs: readonly ArcToLabel[],
  obstacles: readonly LabelBox[],
  bounds: { width: number; height: number },
  margin = 2,
): PlacedArcLabel[] {
  const taken: LabelBox[] = [...obstacles];
  const placed: PlacedArcLabel[] = [];
  for (const a of arcs) {
    const spot = findSpot(a, taken, bounds, margin);
    if (!spot) continue;
    taken.push(spot.box);
    placed.push(spot);
  }
  return placed;
}

function findSpot(
  a: ArcToLabel,
  taken: readonly LabelBox[],
  bounds: { width: number; height: number },
  margin: number,
): PlacedArcLabel | null {
  for (const t of ALONG) {
    const p = pointOn(a, t);
    const n = normalAt(a, t);
    for (const k of ACROSS) {
      const cx = p.x + n.x * k * a.height;
      const cy = p.y + n.y * k * a.height;
      const box = {
        x1: cx - a.width / 2 - margin,
        y1: cy - a.height / 2 - margin,
        x2: cx + a.width / 2 + margin,
        y2: cy + a.height / 2 + margin,
      };
      if (box.x1 < 0 || box.y1 < 0 || box.x2 > bounds.width || box.y2 > bounds.height) continue;
      if (taken.some((b) => overlaps(b, box))) continue;
      // Text starts at the box's left; its baseline sits about a fifth of a line above the foot.
      return { text: a.text, x: cx - a.width / 2, y: cy + a.height * 0.3, box };
    }
  }
  return null;
}
