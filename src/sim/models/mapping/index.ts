/** The CDN's one mapping system, shared by the DNS and delivery models (see MappingSystem). */
export { ConsistentHashRing, DEFAULT_RING_POINTS, ringKeyHash } from './ConsistentHashRing';
export { DETECTION_DELAY_NS, Health, MISSED_PROBES, PROBE_INTERVAL_NS } from './Health';
export {
  DEFAULT_THRESHOLDS,
  EMPTY_VIEW,
  keepsShare,
  LoadTable,
  toLoadView,
  type LoadView,
  type PublishedLoad,
  type Thresholds,
} from './LoadTable';
export { MappingSystem, type MappingSpec } from './MappingSystem';
export { LOSS_PENALTY_NS, pathDeliveryProbability, pathRttNs, pathScoreNs } from './route';
