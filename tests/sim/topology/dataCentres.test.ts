import { describe, expect, it } from 'vitest';
import { RandomStream } from '@sim/random/RandomStream';
import { apportion } from '@sim/topology/apportion';
import {
  chooseHostingNetworks,
  dataCentreSizes,
  placeDataCentres,
} from '@sim/topology/dataCentres';
import { presenceCount } from '@sim/topology/networks';

describe('apportion', () => {
  it('splits a whole number into whole parts that sum exactly to it', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(15, [1, 1, 1, 1, 1], 2)).toEqual([3, 3, 3, 3, 3]);
    const parts = apportion(36_001, [0.3, 5, 1.7, 2, 9.1, 0.01], 2);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(36_001);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(2);
  });

  it('refuses a total too small for the minimum', () => {
    expect(() => apportion(5, [1, 1, 1], 2)).toThrow(/cannot give 3 parts/);
  });
});

describe('data-centre placement', () => {
  it('gives every hosting network a home data centre before any network gets a second', () => {
    const cities = [[5, 6, 7], [8], [9, 10]];
    const sites = placeDataCentres([0, 1, 2], cities, 5);
    expect(sites).toEqual([
      { network: 0, city: 5, ordinal: 0 },
      { network: 0, city: 6, ordinal: 0 },
      { network: 1, city: 8, ordinal: 0 },
      { network: 2, city: 9, ordinal: 0 },
      { network: 2, city: 10, ordinal: 0 },
    ]);
  });

  it('doubles up in a city only once every city of every hosting network has a data centre', () => {
    const sites = placeDataCentres([0, 1], [[1, 2], [3]], 5);
    expect(sites.filter((s) => s.ordinal > 0)).toEqual([
      { network: 0, city: 1, ordinal: 1 },
      { network: 1, city: 3, ordinal: 1 },
    ]);
  });

  it('sizes data centres to sum exactly to the servers, equal when the spread is zero', () => {
    const rng = new RandomStream(1, 'test/dc-size');
    expect(dataCentreSizes(15, 5, 0, rng)).toEqual([3, 3, 3, 3, 3]);
    const sizes = dataCentreSizes(36_000, 2412, 0.5, rng);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(36_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeGreaterThan(2 * Math.min(...sizes));
  });

  it('chooses distinct hosting networks, in rank order, mostly from the head', () => {
    const shares = Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
    const hosting = chooseHostingNetworks(shares, 100, new RandomStream(3, 'test/hosting'));
    expect(hosting).toHaveLength(100);
    expect(new Set(hosting).size).toBe(100);
    expect([...hosting].sort((a, b) => a - b)).toEqual(hosting);
    expect(hosting.filter((r) => r < 100).length).toBeGreaterThan(
      hosting.filter((r) => r >= 900).length,
    );
  });
});

describe('network presence', () => {
  it('puts average and smaller networks in one city and the largest in several', () => {
    expect(presenceCount(1 / 13_000, 13_000, 85)).toBe(1);
    expect(presenceCount(1e-6, 13_000, 85)).toBe(1);
    expect(presenceCount(0.14, 13_000, 85)).toBeGreaterThanOrEqual(8);
    expect(presenceCount(0.14, 13_000, 3)).toBe(3);
  });
});
