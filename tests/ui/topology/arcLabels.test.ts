import { describe, expect, it } from 'vitest';
import { placeArcLabels, type ArcToLabel, type LabelBox } from '@ui/topology/arcLabels';

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** A flat arc from (100, 200) to (500, 200), bowed up to y 160 in the middle. */
const arc = (text: string, dy = 0): ArcToLabel => ({
  from: { x: 100, y: 200 + dy },
  via: { x: 300, y: 120 + dy },
  to: { x: 500, y: 200 + dy },
  text,
  width: 90,
  height: 18,
});
const BOUNDS = { width: 800, height: 400 };

describe('rate labels on the map’s flow arcs', () => {
  it('go at the middle of the arc when nothing is there', () => {
    const [l] = placeArcLabels([arc('1,830 msg/s')], [], BOUNDS);
    // The quadratic's middle: (300, 160); the text centred on it.
    expect(l.x + 45).toBeCloseTo(300, 6);
    expect((l.box.y1 + l.box.y2) / 2).toBeCloseTo(160, 6);
  });

  it('keep off a city name that sits on the arc, and stay near the arc', () => {
    const city: LabelBox = { x1: 250, y1: 145, x2: 350, y2: 175 };
    const [l] = placeArcLabels([arc('1,830 msg/s')], [city], BOUNDS);
    expect(overlaps(l.box, city)).toBe(false);
    const cx = (l.box.x1 + l.box.x2) / 2;
    expect(cx).toBeGreaterThan(100);
    expect(cx).toBeLessThan(500);
  });

  it('never cover one another, the busiest placed first; one with no room is left out', () => {
    const placed = placeArcLabels([arc('900 msg/s'), arc('500 msg/s', 2)], [], BOUNDS);
    expect(placed[0].text).toBe('900 msg/s');
    for (const a of placed)
      for (const b of placed) if (a !== b) expect(overlaps(a.box, b.box)).toBe(false);
    // Everything around the arc taken: no label.
    const wall: LabelBox = { x1: 0, y1: 0, x2: 800, y2: 400 };
    expect(placeArcLabels([arc('1 msg/s')], [wall], BOUNDS)).toEqual([]);
  });

  it('stay inside the map', () => {
    const edge: ArcToLabel = {
      ...arc('70 msg/s'),
      from: { x: 0, y: 5 },
      via: { x: 40, y: 0 },
      to: { x: 80, y: 5 },
    };
    for (const l of placeArcLabels([edge], [], BOUNDS)) {
      expect(l.box.x1).toBeGreaterThanOrEqual(0);
      expect(l.box.y1).toBeGreaterThanOrEqual(0);
    }
  });
});
