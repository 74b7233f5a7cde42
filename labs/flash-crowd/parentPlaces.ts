/**
 * The data centres the parent-cache step talks about, found from the topology: per region, the
 * data centre nearest an origin (the one the model makes the region's parent when the round
 * trips agree with the distances, as they do here) stays open in the step's first run; the
 * others close, so that run has one data centre per region.
 */
import { topologyFor } from '@sim/topology/places';
import { greatCircleKm } from '@sim/net/geo';
import { SEED } from './scenario';

const topology = topologyFor('classroom', SEED);
const origins = topology.nodes.filter((n) => n.kind === 'origin');
const regionOf = (dc: number) => topology.cities[topology.dataCentres[dc].city].region;
const toOrigin = (dc: number) =>
  Math.min(...origins.map((o) => greatCircleKm(topology.cities[topology.dataCentres[dc].city], o)));

const kept = new Map<string, number>();
for (const dc of topology.dataCentres) {
  const held = kept.get(regionOf(dc.id));
  if (held === undefined || toOrigin(dc.id) < toOrigin(held)) kept.set(regionOf(dc.id), dc.id);
}

export const DATA_CENTRE_COUNT = topology.dataCentres.length;
/** regions with a data centre: one parent each */
export const PARENT_COUNT = kept.size;
/** the data centres closed for the one-per-region run, by id and by name */
export const EXTRA_DATA_CENTRES = topology.dataCentres
  .filter((dc) => kept.get(regionOf(dc.id)) !== dc.id)
  .map((dc) => dc.id);
export const EXTRA_NAMES = EXTRA_DATA_CENTRES.map((id) => topology.dataCentres[id].name);
