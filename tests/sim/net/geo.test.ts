import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, FIBRE_KM_PER_MS, greatCircleKm, propagationNs } from '@sim/net/geo';
import { CITIES, findCity } from '@sim/topology/cities';
import { haversineKm, R_KM } from './helpers';

/** Distance through 3-D unit vectors: chord length c, then arc = 2R·asin(c/2). A different route to the same number. */
function chordArcKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const v = (p: { lat: number; lon: number }) => {
    const la = (p.lat * Math.PI) / 180;
    const lo = (p.lon * Math.PI) / 180;
    return [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
  };
  const [x1, y1, z1] = v(a);
  const [x2, y2, z2] = v(b);
  const chord = Math.hypot(x1 - x2, y1 - y2, z1 - z2);
  return 2 * R_KM * Math.asin(Math.min(1, chord / 2));
}

function city(id: string): { lat: number; lon: number } {
  const c = findCity(id);
  if (!c) throw new Error(`no city ${id}`);
  return c;
}

describe('great-circle distance', () => {
  it('uses the IUGG mean Earth radius and 200 km of fibre per millisecond', () => {
    expect(EARTH_RADIUS_KM).toBeCloseTo(6371.0088, 4);
    expect(FIBRE_KM_PER_MS).toBe(200);
  });

  it('agrees with an independent haversine and a chord-based formula for every pair of catalogue cities', () => {
    let pairs = 0;
    for (let i = 0; i < CITIES.length; i += 3) {
      for (let j = i + 1; j < CITIES.length; j += 5) {
        const d = greatCircleKm(CITIES[i], CITIES[j]);
        expect(d).toBeCloseTo(haversineKm(CITIES[i], CITIES[j]), 6);
        expect(Math.abs(d - chordArcKm(CITIES[i], CITIES[j]))).toBeLessThan(1e-6);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
  });

  it('puts London 5,570 km from New York, within 1% of the published figure', () => {
    const d = greatCircleKm(city('london'), city('new-york'));
    expect(Math.abs(d - 5570) / 5570).toBeLessThan(0.01);
  });

  it('puts Sydney 7,800 km from Tokyo, within 1% of the published figure', () => {
    const d = greatCircleKm(city('sydney'), city('tokyo'));
    expect(Math.abs(d - 7800) / 7800).toBeLessThan(0.01);
  });

  it('gives a quarter of the Earth’s circumference from the equator to a pole and half of it to the antipode', () => {
    expect(greatCircleKm({ lat: 0, lon: 17 }, { lat: 90, lon: 17 })).toBeCloseTo(
      (Math.PI * R_KM) / 2,
      6,
    );
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * R_KM, 6);
    expect(greatCircleKm({ lat: 30, lon: 40 }, { lat: -30, lon: -140 })).toBeCloseTo(
      Math.PI * R_KM,
      6,
    );
  });

  it('gives 2πR/360 ≈ 111.19 km for one degree along the equator', () => {
    expect(greatCircleKm({ lat: 0, lon: 10 }, { lat: 0, lon: 11 })).toBeCloseTo(
      (2 * Math.PI * R_KM) / 360,
      9,
    );
  });

  it('stays accurate for points a metre apart, where the law of cosines would break down', () => {
    const dLat = 0.001 / ((Math.PI / 180) * R_KM); // 1 m of latitude
    expect(greatCircleKm({ lat: 45, lon: 7 }, { lat: 45 + dLat, lon: 7 })).toBeCloseTo(0.001, 9);
  });

  it('is zero between a point and itself', () => {
    for (const c of CITIES) expect(greatCircleKm(c, c)).toBe(0);
  });

  it('is symmetric', () => {
    for (let i = 0; i + 1 < CITIES.length; i += 2) {
      expect(greatCircleKm(CITIES[i], CITIES[i + 1])).toBe(greatCircleKm(CITIES[i + 1], CITIES[i]));
    }
  });

  it('treats longitudes 360° apart as the same meridian', () => {
    expect(greatCircleKm({ lat: 10, lon: -170 }, { lat: 10, lon: 190 })).toBeLessThan(1e-9);
    expect(greatCircleKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(
      (2 * Math.PI * R_KM) / 360,
      9,
    );
  });
});

describe('propagation time', () => {
  it('takes exactly 1 ms for 200 km of fibre', () => {
    expect(propagationNs(200, 1)).toBe(1_000_000);
  });

  it('scales with path inflation and rounds to the nearest ns', () => {
    expect(propagationNs(1000, 1.5)).toBe(7_500_000);
    expect(propagationNs(0.0001, 1)).toBe(1); // 0.5 ns rounds up
    expect(propagationNs(0.00009, 1)).toBe(0); // 0.45 ns rounds down
    expect(propagationNs(0, 3)).toBe(0);
  });

  it('puts the ideal London–New York one-way time near 27.9 ms, as light at 2c/3 would take', () => {
    const km = greatCircleKm(city('london'), city('new-york'));
    const lightInFibreKmPerMs = (299_792.458 * 2) / 3 / 1000; // c·2/3 in km per ms ≈ 199.86
    expect(propagationNs(km, 1) / 1e6).toBeCloseTo(km / lightInFibreKmPerMs, 1);
  });
});
