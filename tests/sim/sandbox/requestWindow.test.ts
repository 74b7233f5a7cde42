import { describe, expect, it } from 'vitest';
import { RequestWindow } from '@sim/models/delivery/RequestWindow';

describe('RequestWindow', () => {
  it('keeps what a Map keyed by request number keeps, as requests end out of order', () => {
    const window = new RequestWindow<string>();
    const map = new Map<number, string>();
    let state = 12345;
    const draw = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    let next = 0;
    for (let step = 0; step < 20_000; step++) {
      if (draw(3) < 2 || map.size === 0) {
        // numbers skipped now and then, as when a request fails before it is numbered
        next += 1 + (draw(10) === 0 ? draw(5) : 0);
        window.add(next, `r${next}`);
        map.set(next, `r${next}`);
      } else {
        // mostly the older requests end, sometimes one long outstanding
        const live = [...map.keys()];
        const id = live[draw(4) === 0 ? draw(live.length) : Math.min(draw(8), live.length - 1)];
        expect(window.delete(id)).toBe(true);
        map.delete(id);
      }
      const probe = next - draw(200);
      expect(window.get(probe)).toBe(map.get(probe));
      expect(window.size).toBe(map.size);
    }
    expect([...window.values()].sort()).toEqual([...map.values()].sort());
    expect(window.delete(next + 1)).toBe(false);
  });

  it('refuses a number not after the last one added', () => {
    const window = new RequestWindow<number>();
    window.add(5, 5);
    expect(() => window.add(5, 5)).toThrow(/not numbered after 5/);
  });
});
