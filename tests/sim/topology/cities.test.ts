import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '@sim/net/geo';
import { CITIES, REGION_IDS, findCity, findCityIndex } from '@sim/topology';

const REQUIRED = [
  'boston',
  'new-york',
  'washington',
  'chicago',
  'dallas',
  'los-angeles',
  'san-jose',
  'seattle',
  'toronto',
  'miami',
  'sao-paulo',
  'london',
  'paris',
  'frankfurt',
  'amsterdam',
  'stockholm',
  'madrid',
  'milan',
  'warsaw',
  'moscow',
  'istanbul',
  'dubai',
  'cairo',
  'johannesburg',
  'lagos',
  'mumbai',
  'delhi',
  'singapore',
  'hong-kong',
  'tokyo',
  'seoul',
  'beijing',
  'shanghai',
  'sydney',
];

describe('city catalogue', () => {
  it('holds about eighty metros including every city the labs name', () => {
    expect(CITIES.length).toBeGreaterThanOrEqual(75);
    expect(CITIES.length).toBeLessThanOrEqual(95);
    for (const id of REQUIRED) expect(findCity(id)?.id, id).toBe(id);
  });

  it('uses unique lowercase hyphenated ids', () => {
    const ids = CITIES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every city sane coordinates, a known region, a country code and a positive user weight', () => {
    for (const c of CITIES) {
      expect(Math.abs(c.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(c.lon)).toBeLessThanOrEqual(180);
      expect(Math.round(c.lat * 100) / 100).toBe(c.lat);
      expect(Math.round(c.lon * 100) / 100).toBe(c.lon);
      expect(REGION_IDS).toContain(c.region);
      expect(c.country).toMatch(/^[A-Z]{2}$/);
      expect(c.userWeight).toBeGreaterThan(0);
    }
  });

  it('places spot-checked cities at their known coordinates', () => {
    const known: [string, number, number][] = [
      ['london', 51.51, -0.13],
      ['new-york', 40.71, -74.01],
      ['tokyo', 35.68, 139.65],
      ['sydney', -33.87, 151.21],
      ['sao-paulo', -23.55, -46.63],
      ['johannesburg', -26.2, 28.05],
    ];
    for (const [id, lat, lon] of known) {
      const c = findCity(id)!;
      expect(c.lat, id).toBeCloseTo(lat, 1);
      expect(c.lon, id).toBeCloseTo(lon, 1);
    }
  });

  it('reproduces well-known great-circle distances between cities within 1 %', () => {
    const km = (a: string, b: string) => greatCircleKm(findCity(a)!, findCity(b)!);
    expect(km('london', 'new-york')).toBeCloseTo(5570, -2);
    expect(km('boston', 'london') / 5265).toBeCloseTo(1, 2);
    expect(km('sydney', 'singapore') / 6300).toBeCloseTo(1, 1);
  });

  it('sits every city in the hemisphere its region implies', () => {
    for (const c of CITIES) {
      if (c.region === 'north-america') expect(c.lon, c.id).toBeLessThan(-50);
      if (c.region === 'oceania') expect(c.lat, c.id).toBeLessThan(0);
      if (c.region === 'east-asia') expect(c.lon, c.id).toBeGreaterThan(100);
      if (c.region === 'europe') expect(c.lat, c.id).toBeGreaterThan(35);
    }
  });
});

describe('findCity', () => {
  it('accepts ids and names in any case, with or without accents', () => {
    expect(findCity('New York')?.id).toBe('new-york');
    expect(findCity('new-york')?.id).toBe('new-york');
    expect(findCity('NEW YORK')?.id).toBe('new-york');
    expect(findCity('São Paulo')?.id).toBe('sao-paulo');
    expect(findCity('Sao Paulo')?.id).toBe('sao-paulo');
    expect(findCity('  hong kong ')?.id).toBe('hong-kong');
  });

  it('knows the common aliases, Ashburn among them', () => {
    expect(findCity('Ashburn')?.id).toBe('washington');
    expect(findCity('Washington DC')?.id).toBe('washington');
    expect(findCity('NYC')?.id).toBe('new-york');
    expect(findCity('Bengaluru')?.id).toBe('bangalore');
  });

  it('returns undefined, and index -1, for an unknown city', () => {
    expect(findCity('atlantis')).toBeUndefined();
    expect(findCity('')).toBeUndefined();
    expect(findCityIndex('atlantis')).toBe(-1);
  });

  it('returns an index that points at the same city in the catalogue', () => {
    const i = findCityIndex('Frankfurt');
    expect(CITIES[i].id).toBe('frankfurt');
  });
});
