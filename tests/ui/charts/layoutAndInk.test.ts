import { describe, expect, it } from 'vitest';
import { fleetLayout } from '../../../src/ui/views/rollout/fleetLayout';
import { contrast, inkOn, viridis } from '../../../src/ui/views/tcp/heatColour';

describe('the fleet’s squares', () => {
  const dcs = new Array(50).fill(12);

  it('grow to fill a bigger box and still fit it', () => {
    const small = fleetLayout(dcs, 600, 250);
    const big = fleetLayout(dcs, 1000, 700);
    expect(big.square).toBeGreaterThan(small.square);
    for (const [l, w, h] of [
      [small, 600, 250],
      [big, 1000, 700],
    ] as const) {
      expect(l.columns * l.rows).toBeGreaterThanOrEqual(12);
      const blockW = l.columns * (l.square + 1) - 1 + 4;
      const blockH = l.rows * (l.square + 1) - 1 + 4;
      const perRow = Math.floor((w + 4) / (blockW + 4));
      expect(Math.ceil(50 / perRow) * (blockH + 4) - 4).toBeLessThanOrEqual(h);
    }
  });

  it('stop at the smallest size when nothing fits (the box scrolls)', () => {
    expect(fleetLayout(dcs, 100, 20).square).toBe(4);
  });
});

describe('the heat map’s numbers', () => {
  it('are readable on every cell colour (4.5:1 or better)', () => {
    for (let x = 0; x <= 1; x += 0.02) {
      const fill = viridis(x);
      const ink = inkOn(fill) === '#000' ? [0, 0, 0] : [255, 255, 255];
      expect(contrast(fill, ink)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
