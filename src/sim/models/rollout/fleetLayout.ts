/**
 * The edge servers a rollout works on, as flat arrays indexed by server (0..servers − 1), built
 * once from a topology and shared by every release of a Monte Carlo run.
 */
import { hashString, keyedUniform } from '../../util/hash';
import type { Topology } from '../../topology/types';
import { REGION_IDS } from '../../topology/regions';
import { HARDWARE_TYPES } from './bugs';

export interface FleetLayout {
  /** node id of each server */
  node: Int32Array;
  dataCentre: Int32Array;
  /** index into REGION_IDS */
  region: Uint8Array;
  /** index into HARDWARE_TYPES */
  hardware: Uint8Array;
  /** server indices of each data centre / region, in server order */
  byDataCentre: Map<number, number[]>;
  byRegion: Map<number, number[]>;
}

const HARDWARE_KEY = hashString('rollout/hardware');

/**
 * A server's hardware type: a keyed draw on (topology seed, node id) alone, so every shard, every
 * release and every scale-independent replay agrees on it without sharing a random stream.
 */
export function hardwareOf(topologySeed: number, node: number): number {
  const u = keyedUniform(HARDWARE_KEY, topologySeed, node, 0);
  let acc = 0;
  for (let t = 0; t < HARDWARE_TYPES.length; t++) {
    acc += HARDWARE_TYPES[t].share;
    if (u < acc) return t;
  }
  return HARDWARE_TYPES.length - 1;
}

export function fleetLayout(topology: Topology): FleetLayout {
  const edges = topology.nodes.filter((n) => n.kind === 'edge');
  const layout: FleetLayout = {
    node: Int32Array.from(edges.map((n) => n.id)),
    dataCentre: Int32Array.from(edges.map((n) => n.dataCentre)),
    region: Uint8Array.from(edges.map((n) => REGION_IDS.indexOf(topology.cities[n.city].region))),
    hardware: Uint8Array.from(edges.map((n) => hardwareOf(topology.seed, n.id))),
    byDataCentre: new Map(),
    byRegion: new Map(),
  };
  edges.forEach((_, i) => {
    push(layout.byDataCentre, layout.dataCentre[i], i);
    push(layout.byRegion, layout.region[i], i);
  });
  return layout;
}

function push(m: Map<number, number[]>, key: number, i: number): void {
  const list = m.get(key);
  if (list) list.push(i);
  else m.set(key, [i]);
}
