/**
 * Which servers form the overlay: those the config lists, or by default one edge server per
 * network that has edge servers (its lowest id), then the origins, up to a cap, so that the
 * overlay spans as many networks as it can.
 */
import type { Topology } from '../../topology/types';

export function overlayMembers(
  topology: Topology,
  listed: readonly number[],
  max: number,
  flowEnds: readonly number[],
): number[] {
  const count = topology.nodes.length;
  for (const id of [...listed, ...flowEnds])
    if (!Number.isInteger(id) || id < 0 || id >= count)
      throw new Error(`bad overlay config: there is no node ${id} (the world has ${count} nodes)`);
  let members: number[];
  if (listed.length > 0) members = [...listed];
  else {
    const firstEdge = new Map<number, number>();
    for (const n of topology.nodes)
      if (n.kind === 'edge' && !firstEdge.has(n.network)) firstEdge.set(n.network, n.id);
    const edges = [...firstEdge.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    const origins = topology.nodes.filter((n) => n.kind === 'origin').map((n) => n.id);
    members = [...edges, ...origins].slice(0, max);
  }
  // A flow's ends are members whatever the list says: they send and answer over the overlay.
  for (const id of flowEnds) if (!members.includes(id)) members.push(id);
  const unique = [...new Set(members)].sort((a, b) => a - b);
  if (unique.length < 2)
    throw new Error('bad overlay config: the overlay needs at least 2 members');
  return unique;
}
