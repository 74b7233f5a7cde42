/**
 * The data centre carrying the most load now, by the frame's per-server load: what "fail the
 * busiest data centre" fails, chosen by the simulation's own figures at the moment of the click.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology';

/** Its id, or null while no server has carried any load (ties: the lower id). */
export function busiestDataCentre(topology: Topology, frame: RuntimeFrame | null): number | null {
  if (!frame) return null;
  let best: number | null = null;
  let bestLoad = 0;
  for (const dc of topology.dataCentres) {
    let load = 0;
    for (const id of dc.servers) load += frame.nodeLoad[id] ?? 0;
    if (load > bestLoad) {
      bestLoad = load;
      best = dc.id;
    }
  }
  return best;
}

/** Whether a data centre is down in the frame (all its servers are). */
export function dataCentreDown(
  topology: Topology,
  frame: RuntimeFrame | null,
  dc: number,
): boolean {
  const servers = topology.dataCentres[dc]?.servers ?? [];
  return frame !== null && servers.length > 0 && servers.every((id) => frame.nodeUp[id] === 0);
}
