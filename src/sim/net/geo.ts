/**
 * Geography of the network model: great-circle distance and the time light takes through fibre.
 */

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Light in optical fibre covers about 200 km per millisecond (refractive index ≈ 1.5, so two
 * thirds of c). Leighton 2009's latency column is this ideal figure for the round trip.
 */
export const FIBRE_KM_PER_MS = 200;

export interface GeoPoint {
  /** degrees north */
  readonly lat: number;
  /** degrees east */
  readonly lon: number;
}

/** Great-circle distance in km by the haversine formula (numerically stable for short distances). */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const s =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** One-way propagation time in ns over a fibre path `inflation` times longer than the great circle. */
export function propagationNs(distanceKm: number, inflation: number): number {
  return Math.round(((distanceKm * inflation) / FIBRE_KM_PER_MS) * 1_000_000);
}
