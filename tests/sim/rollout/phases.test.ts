import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import { parsePhases, planRollout } from '@sim/models/rollout/phases';
import { layoutOf } from './helpers';

describe('rollout phases', () => {
  it('parse counts, percentages, dc, region and world, and must end at the whole network', () => {
    expect(parsePhases('1,dc,10%,world').map((s) => s.kind)).toEqual([
      'count',
      'dc',
      'percent',
      'world',
    ]);
    expect(parsePhases('5,region,100%')).toHaveLength(3);
    for (const bad of ['1,dc', '0,world', 'x,world', '150%,world', '', '1,,world'])
      expect(() => parsePhases(bad), bad).toThrow();
  });

  it('deploy in nested steps: the first machine, then its data centre, then its region, then the rest', () => {
    const layout = layoutOf();
    const n = layout.node.length;
    const plan = planRollout(
      layout,
      parsePhases('1,dc,region,10%,world'),
      new RandomStream(4, 'p'),
    );
    expect([...plan.order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    const first = plan.order[0];
    const dc = layout.byDataCentre.get(layout.dataCentre[first])!;
    const region = layout.byRegion.get(layout.region[first])!;
    expect(plan.sizes[0]).toBe(1);
    expect(plan.sizes[1]).toBe(dc.length);
    expect(plan.sizes[2]).toBe(region.length);
    expect(new Set(plan.order.slice(0, dc.length))).toEqual(new Set(dc));
    expect(new Set(plan.order.slice(0, region.length))).toEqual(new Set(region));
    // 10 % of 300 is less than a region here: a phase never shrinks what already runs it
    expect(plan.sizes[3]).toBe(Math.max(region.length, 30));
    expect(plan.sizes[4]).toBe(n);
    expect(plan.labels).toEqual(['1', 'dc', 'region', '10%', 'world']);
  });
});
