/**
 * What the lab says about the classroom network, found from the topology rather than by number.
 */
import type { Measurements } from '@lab/types';
import { topologyFor } from '@sim/topology/places';
import { SEED } from './scenario';

const topology = topologyFor('classroom', SEED);

/** Region names in the order of the per-region figures (topology.regions). */
export const REGION_NAMES = topology.regions.map((r) => r.name);

const EDGES = topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
export const EDGE_COUNT = EDGES.length;

/** Edge servers carrying at least 5 % of their capacity in a frame. */
export function edgeServersBusy(frame: Measurements['frame']): number {
  if (!frame) return 0;
  return EDGES.filter((id) => (frame.nodeLoad[id] ?? 0) >= 0.05).length;
}

/**
 * The data centre the "cdn" step's what-if fails at the crowd's peak: Europe's only one, so its
 * users must be served from another continent.
 */
export const FRANKFURT_DATA_CENTRE = topology.dataCentres.find(
  (dc) => topology.cities[dc.city].name === 'Frankfurt',
)!.id;
