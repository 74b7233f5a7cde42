/** The topology generator's public API: cities, scales, generation and summary. */
export { CITIES, cityIds, findCity, findCityIndex, normaliseCityKey, type City } from './cities';
export { REGIONS, REGION_IDS, type Region, type RegionId } from './regions';
export {
  MAX_SERVERS,
  MIN_SERVERS,
  SCALE_NAMES,
  parseScaleArg,
  resolveScale,
  scaleForServers,
  type Scale,
  type ScaleName,
} from './scales';
export { generateTopology } from './generateTopology';
export { findNode, topologyFor } from './places';
export { summarizeTopology, type TopologySummary } from './summarizeTopology';
export { solveZipfExponent, topShare, zipfShares, TOP_K, TOP_K_SHARE } from './userShares';
export * from './types';
