import { describe, expect, it } from 'vitest';
import { fitViewport, withMargin } from '@ui/topology/viewportFit';

const WORLD = { x1: 0, y1: 0, x2: 1000, y2: 520 };

/** The model rectangle a viewport shows in a view of w × h px. */
function shown(v: ReturnType<typeof fitViewport>, w: number, h: number) {
  return {
    x1: -v.pan.x / v.zoom,
    y1: -v.pan.y / v.zoom,
    x2: (w - v.pan.x) / v.zoom,
    y2: (h - v.pan.y) / v.zoom,
  };
}

describe('fitting the map to its box', () => {
  const nodes = { x1: 200, y1: 100, x2: 900, y2: 220 };

  it('shows every node with a margin, filling the limiting side of the box', () => {
    for (const [w, h] of [
      [750, 450],
      [1000, 760],
      [600, 350],
      [300, 900],
    ]) {
      const v = fitViewport(nodes, w, h, WORLD);
      const s = shown(v, w, h);
      const m = withMargin(nodes);
      expect(s.x1).toBeLessThanOrEqual(m.x1 + 1e-6);
      expect(s.x2).toBeGreaterThanOrEqual(m.x2 - 1e-6);
      expect(s.y1).toBeLessThanOrEqual(nodes.y1);
      expect(s.y2).toBeGreaterThanOrEqual(nodes.y2);
      // One side of the margin box fills the box exactly.
      const fills =
        Math.abs((m.x2 - m.x1) * v.zoom - w) < 1e-6 || Math.abs((m.y2 - m.y1) * v.zoom - h) < 1e-6;
      expect(fills).toBe(true);
    }
  });

  it('keeps the view on the globe where there is room, instead of an empty band', () => {
    // A tall box: centred on the nodes it would show sky above the globe; it is moved down.
    const v = fitViewport({ x1: 400, y1: 20, x2: 600, y2: 60 }, 400, 400, WORLD);
    const s = shown(v, 400, 400);
    expect(s.y1).toBeGreaterThanOrEqual(-1e-6);
    expect(s.y2).toBeLessThanOrEqual(520 + 1e-6);
    expect(s.y1).toBeLessThanOrEqual(20);
  });
});
