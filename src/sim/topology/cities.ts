/**
 * The catalogue of metropolitan areas the topology places networks, servers and users in, and a
 * forgiving lookup by id or name (the CLI takes `--from boston --to london`). Coordinates are the
 * city centre to two decimals; Washington stands for the Ashburn/Northern Virginia hub as well.
 */
import type { RegionId } from './regions';

export interface City {
  /** lowercase, hyphenated, stable: used in node names and on the command line */
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
  readonly region: RegionId;
  /** degrees north */
  readonly lat: number;
  /** degrees east */
  readonly lon: number;
  /**
   * Relative internet-user weight: roughly the millions of internet users (around 2009) whose
   * traffic this metro's catchment stands for. Rough on purpose; it only steers where networks
   * and their users are placed.
   */
  readonly userWeight: number;
}

type Row = [
  id: string,
  name: string,
  country: string,
  region: RegionId,
  lat: number,
  lon: number,
  w: number,
];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['boston', 'Boston', 'US', 'north-america', 42.36, -71.06, 10],
  ['new-york', 'New York', 'US', 'north-america', 40.71, -74.01, 36],
  ['washington', 'Washington', 'US', 'north-america', 38.91, -77.04, 15],
  ['atlanta', 'Atlanta', 'US', 'north-america', 33.75, -84.39, 13],
  ['miami', 'Miami', 'US', 'north-america', 25.76, -80.19, 12],
  ['chicago', 'Chicago', 'US', 'north-america', 41.88, -87.63, 20],
  ['dallas', 'Dallas', 'US', 'north-america', 32.78, -96.8, 18],
  ['houston', 'Houston', 'US', 'north-america', 29.76, -95.37, 12],
  ['denver', 'Denver', 'US', 'north-america', 39.74, -104.99, 9],
  ['los-angeles', 'Los Angeles', 'US', 'north-america', 34.05, -118.24, 32],
  ['san-jose', 'San Jose', 'US', 'north-america', 37.34, -121.89, 15],
  ['seattle', 'Seattle', 'US', 'north-america', 47.61, -122.33, 10],
  ['toronto', 'Toronto', 'CA', 'north-america', 43.65, -79.38, 11],
  ['montreal', 'Montréal', 'CA', 'north-america', 45.5, -73.57, 7],
  ['vancouver', 'Vancouver', 'CA', 'north-america', 49.28, -123.12, 5],
  ['mexico-city', 'Mexico City', 'MX', 'north-america', 19.43, -99.13, 22],
  ['sao-paulo', 'São Paulo', 'BR', 'south-america', -23.55, -46.63, 38],
  ['rio-de-janeiro', 'Rio de Janeiro', 'BR', 'south-america', -22.91, -43.17, 22],
  ['buenos-aires', 'Buenos Aires', 'AR', 'south-america', -34.6, -58.38, 16],
  ['santiago', 'Santiago', 'CL', 'south-america', -33.45, -70.67, 8],
  ['bogota', 'Bogotá', 'CO', 'south-america', 4.71, -74.07, 13],
  ['lima', 'Lima', 'PE', 'south-america', -12.05, -77.04, 7],
  ['caracas', 'Caracas', 'VE', 'south-america', 10.48, -66.9, 7],
  ['london', 'London', 'GB', 'europe', 51.51, -0.13, 42],
  ['dublin', 'Dublin', 'IE', 'europe', 53.35, -6.26, 3],
  ['paris', 'Paris', 'FR', 'europe', 48.86, 2.35, 38],
  ['frankfurt', 'Frankfurt', 'DE', 'europe', 50.11, 8.68, 18],
  ['berlin', 'Berlin', 'DE', 'europe', 52.52, 13.4, 20],
  ['munich', 'Munich', 'DE', 'europe', 48.14, 11.58, 14],
  ['amsterdam', 'Amsterdam', 'NL', 'europe', 52.37, 4.9, 14],
  ['brussels', 'Brussels', 'BE', 'europe', 50.85, 4.35, 7],
  ['zurich', 'Zürich', 'CH', 'europe', 47.38, 8.54, 6],
  ['vienna', 'Vienna', 'AT', 'europe', 48.21, 16.37, 5],
  ['stockholm', 'Stockholm', 'SE', 'europe', 59.33, 18.07, 8],
  ['oslo', 'Oslo', 'NO', 'europe', 59.91, 10.75, 4],
  ['copenhagen', 'Copenhagen', 'DK', 'europe', 55.68, 12.57, 5],
  ['madrid', 'Madrid', 'ES', 'europe', 40.42, -3.7, 26],
  ['lisbon', 'Lisbon', 'PT', 'europe', 38.72, -9.14, 5],
  ['milan', 'Milan', 'IT', 'europe', 45.46, 9.19, 16],
  ['rome', 'Rome', 'IT', 'europe', 41.9, 12.5, 13],
  ['warsaw', 'Warsaw', 'PL', 'europe', 52.23, 21.01, 18],
  ['prague', 'Prague', 'CZ', 'europe', 50.08, 14.44, 6],
  ['budapest', 'Budapest', 'HU', 'europe', 47.5, 19.04, 6],
  ['bucharest', 'Bucharest', 'RO', 'europe', 44.43, 26.1, 8],
  ['athens', 'Athens', 'GR', 'europe', 37.98, 23.73, 5],
  ['kyiv', 'Kyiv', 'UA', 'europe', 50.45, 30.52, 10],
  ['moscow', 'Moscow', 'RU', 'europe', 55.76, 37.62, 30],
  ['st-petersburg', 'St Petersburg', 'RU', 'europe', 59.93, 30.36, 12],
  ['istanbul', 'Istanbul', 'TR', 'europe', 41.01, 28.98, 24],
  ['dubai', 'Dubai', 'AE', 'middle-east', 25.2, 55.27, 6],
  ['riyadh', 'Riyadh', 'SA', 'middle-east', 24.71, 46.68, 8],
  ['tel-aviv', 'Tel Aviv', 'IL', 'middle-east', 32.09, 34.78, 5],
  ['tehran', 'Tehran', 'IR', 'middle-east', 35.69, 51.39, 20],
  ['cairo', 'Cairo', 'EG', 'africa', 30.04, 31.24, 13],
  ['lagos', 'Lagos', 'NG', 'africa', 6.52, 3.38, 15],
  ['nairobi', 'Nairobi', 'KE', 'africa', -1.29, 36.82, 4],
  ['johannesburg', 'Johannesburg', 'ZA', 'africa', -26.2, 28.05, 6],
  ['casablanca', 'Casablanca', 'MA', 'africa', 33.57, -7.59, 8],
  ['mumbai', 'Mumbai', 'IN', 'south-asia', 19.08, 72.88, 24],
  ['delhi', 'Delhi', 'IN', 'south-asia', 28.61, 77.21, 26],
  ['bangalore', 'Bangalore', 'IN', 'south-asia', 12.97, 77.59, 14],
  ['chennai', 'Chennai', 'IN', 'south-asia', 13.08, 80.27, 12],
  ['karachi', 'Karachi', 'PK', 'south-asia', 24.86, 67.0, 12],
  ['dhaka', 'Dhaka', 'BD', 'south-asia', 23.81, 90.41, 2],
  ['singapore', 'Singapore', 'SG', 'southeast-asia', 1.35, 103.82, 4],
  ['jakarta', 'Jakarta', 'ID', 'southeast-asia', -6.21, 106.85, 20],
  ['kuala-lumpur', 'Kuala Lumpur', 'MY', 'southeast-asia', 3.14, 101.69, 14],
  ['bangkok', 'Bangkok', 'TH', 'southeast-asia', 13.76, 100.5, 14],
  ['manila', 'Manila', 'PH', 'southeast-asia', 14.6, 120.98, 18],
  ['ho-chi-minh-city', 'Ho Chi Minh City', 'VN', 'southeast-asia', 10.82, 106.63, 16],
  ['hong-kong', 'Hong Kong', 'HK', 'east-asia', 22.32, 114.17, 5],
  ['taipei', 'Taipei', 'TW', 'east-asia', 25.03, 121.57, 15],
  ['tokyo', 'Tokyo', 'JP', 'east-asia', 35.68, 139.65, 58],
  ['osaka', 'Osaka', 'JP', 'east-asia', 34.69, 135.5, 32],
  ['seoul', 'Seoul', 'KR', 'east-asia', 37.57, 126.98, 35],
  ['beijing', 'Beijing', 'CN', 'east-asia', 39.9, 116.41, 60],
  ['shanghai', 'Shanghai', 'CN', 'east-asia', 31.23, 121.47, 65],
  ['guangzhou', 'Guangzhou', 'CN', 'east-asia', 23.13, 113.26, 60],
  ['shenzhen', 'Shenzhen', 'CN', 'east-asia', 22.54, 114.06, 35],
  ['chengdu', 'Chengdu', 'CN', 'east-asia', 30.57, 104.07, 55],
  ['sydney', 'Sydney', 'AU', 'oceania', -33.87, 151.21, 8],
  ['melbourne', 'Melbourne', 'AU', 'oceania', -37.81, 144.96, 7],
  ['perth', 'Perth', 'AU', 'oceania', -31.95, 115.86, 3],
  ['auckland', 'Auckland', 'NZ', 'oceania', -36.85, 174.76, 3],
];

export const CITIES: readonly City[] = ROWS.map(([id, name, country, region, lat, lon, w]) => ({
  id,
  name,
  country,
  region,
  lat,
  lon,
  userWeight: w,
}));

/** Other spellings people type; normalised like ids before lookup. */
const ALIASES: Readonly<Record<string, string>> = {
  ashburn: 'washington',
  'washington dc': 'washington',
  'washington d.c.': 'washington',
  'washington (ashburn)': 'washington',
  'northern virginia': 'washington',
  nyc: 'new-york',
  'new york city': 'new-york',
  'silicon valley': 'san-jose',
  kiev: 'kyiv',
  'saint petersburg': 'st-petersburg',
  bengaluru: 'bangalore',
  bombay: 'mumbai',
  'new delhi': 'delhi',
  saigon: 'ho-chi-minh-city',
};

/** Lowercase, accents stripped, runs of anything but letters and digits turned into one '-'. */
export function normaliseCityKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const INDEX_BY_KEY: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  CITIES.forEach((c, i) => {
    m.set(c.id, i);
    m.set(normaliseCityKey(c.name), i);
  });
  for (const [alias, id] of Object.entries(ALIASES)) m.set(normaliseCityKey(alias), m.get(id)!);
  return m;
})();

/** Index into CITIES of a city given by id, name or alias (case- and accent-insensitive), or -1. */
export function findCityIndex(idOrName: string): number {
  return INDEX_BY_KEY.get(normaliseCityKey(idOrName)) ?? -1;
}

/** The city with this id, name or alias ('New York', 'new-york', 'NYC', 'Sao Paulo'), if known. */
export function findCity(idOrName: string): City | undefined {
  const i = findCityIndex(idOrName);
  return i < 0 ? undefined : CITIES[i];
}

/** The ids of all cities, for help texts and error messages. */
export function cityIds(): string[] {
  return CITIES.map((c) => c.id);
}
