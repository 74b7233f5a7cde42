import { describe, expect, it } from 'vitest';
import { atBottom, visibleRows } from '@ui/log/virtualRows';

describe('a windowed list', () => {
  it('renders only the rows in view plus the overscan, and pads for the rest', () => {
    const w = visibleRows(2000, 200, 20, 5000, 5);
    expect(w).toEqual({ start: 95, end: 115, padTop: 1900, padBottom: (5000 - 115) * 20 });
    // Every row is either rendered or padded for: the content keeps its full height.
    expect(w.padTop + (w.end - w.start) * 20 + w.padBottom).toBe(5000 * 20);
  });

  it('stays inside the list at both ends and when it is short', () => {
    expect(visibleRows(0, 200, 20, 5000, 5)).toMatchObject({ start: 0, end: 15, padTop: 0 });
    expect(visibleRows(99_980, 200, 20, 5000, 5)).toMatchObject({ end: 5000, padBottom: 0 });
    expect(visibleRows(0, 200, 20, 3, 5)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(visibleRows(-50, 200, 20, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('follows new rows only when scrolled to the bottom', () => {
    expect(atBottom(800, 200, 1000, 20)).toBe(true);
    expect(atBottom(790, 200, 1000, 20)).toBe(true);
    expect(atBottom(700, 200, 1000, 20)).toBe(false);
  });
});
