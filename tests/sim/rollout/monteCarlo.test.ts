import { describe, expect, it } from 'vitest';
import { runMonteCarlo, type MonteCarloResult } from '@sim/models/rollout/monteCarlo';
import { HOUR } from '@sim/time';
import { config, layoutOf } from './helpers';

const layout = () => layoutOf(3000, 1);
const RELEASES = 200;

function mc(phases = '1,dc,10%,world', soakHours = 1, seed = 1): MonteCarloResult {
  return runMonteCarlo(layout(), config(phases, { soakNs: soakHours * HOUR }), {
    releases: RELEASES,
    seed,
    bugs: 'random',
  });
}

const base = mc();
const world = (r: MonteCarloResult) =>
  r.abortPhaseHistogram[Object.keys(r.abortPhaseHistogram).at(-1)!];

describe('Monte Carlo of randomised releases', () => {
  it('is reproducible for a seed and differs for another', () => {
    const again = mc();
    expect(again.digest).toBe(base.digest);
    expect(again.abortPhaseHistogram).toEqual(base.abortPhaseHistogram);
    expect(again.releases).toEqual(base.releases);
    expect(mc('1,dc,10%,world', 1, 2).digest).not.toBe(base.digest);
  });

  it('aborts most often in phase one, next most at world level, the rest in between', () => {
    const h = base.abortPhaseHistogram;
    expect(Object.keys(h)).toEqual(['1:1', '2:dc', '3:10%', '4:world']);
    expect(h['1:1']).toBeGreaterThan(h['4:world']);
    expect(h['4:world']).toBeGreaterThan(h['2:dc']);
    expect(h['4:world']).toBeGreaterThan(h['3:10%']);
    expect(h['2:dc'] + h['3:10%']).toBeGreaterThan(0);
    const aborted = Object.values(h).reduce((a, b) => a + b, 0);
    expect(aborted + base.shipped).toBe(RELEASES);
    // the paper's ratio is 36 : 23; ours is of the same order
    expect(h['1:1'] / h['4:world']).toBeGreaterThan(1.2);
    expect(h['1:1'] / h['4:world']).toBeLessThan(3);
  });

  it('catches more before world level with a longer soak', () => {
    const long = mc('1,dc,10%,world', 4);
    expect(world(long)).toBeLessThan(world(base));
    expect(long.abortPhaseHistogram['1:1']).toBeGreaterThan(base.abortPhaseHistogram['1:1']);
  });

  it('with fewer phases aborts more at world level and users see more errors; more phases, fewer', () => {
    const two = mc('1,world');
    expect(world(two)).toBeGreaterThan(world(base));
    expect(two.errorMinutes).toBeGreaterThan(base.errorMinutes);
    const six = mc('1,dc,1%,10%,50%,world');
    expect(world(six)).toBeLessThan(world(base));
  });
});
