/**
 * The world regions the topology groups cities into. A region is a teaching unit (a compound
 * node in the topology view, a phase of a rollout, a likely shard), not a legal or RIR boundary.
 */

export const REGION_IDS = [
  'north-america',
  'south-america',
  'europe',
  'middle-east',
  'africa',
  'south-asia',
  'southeast-asia',
  'east-asia',
  'oceania',
] as const;

export type RegionId = (typeof REGION_IDS)[number];

export interface Region {
  readonly id: RegionId;
  readonly name: string;
}

export const REGIONS: readonly Region[] = [
  { id: 'north-america', name: 'North America' },
  { id: 'south-america', name: 'South America' },
  { id: 'europe', name: 'Europe' },
  { id: 'middle-east', name: 'Middle East' },
  { id: 'africa', name: 'Africa' },
  { id: 'south-asia', name: 'South Asia' },
  { id: 'southeast-asia', name: 'Southeast Asia' },
  { id: 'east-asia', name: 'East Asia' },
  { id: 'oceania', name: 'Oceania' },
];
