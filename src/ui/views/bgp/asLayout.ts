/**
 * Where the routing-tree view draws each network of the AS-level Internet (the one the bgp model
 * derives, asTopologyOf): in tiers by its relationships, as routing diagrams do, so a route goes
 * up through providers and down to customers. Tier-1 networks (no provider) on the top row,
 * transit networks (providers with providers) in the middle, the rest (access, hosting, DNS, the
 * CDN: networks without customers) below, in as many rows as keep them apart. Within a row,
 * west to east by home city, so a customer sits near the providers it buys from (the nearest).
 * Coordinates are in the drawing's own units (WIDTH wide); the SVG scales them to its box.
 */
import type { AsTopology } from '@sim/models/bgp/asTopology';
import { networkOfAsn } from '@sim/models/bgp/networkAddresses';
import type { Topology } from '@sim/topology';

export type Tier = 'tier1' | 'transit' | 'edge';

export interface PlacedNetwork {
  net: number;
  x: number;
  y: number;
  r: number;
  tier: Tier;
  /** hosting, DNS or the CDN's own network rather than an access network with users */
  infrastructure: boolean;
}

export interface AsLink {
  /** world network ids: `a` the customer of a transit link, `b` its provider */
  a: number;
  b: number;
  rel: 'peer' | 'transit';
}

export interface AsLayout {
  width: number;
  height: number;
  networks: PlacedNetwork[];
  links: AsLink[];
}

export const WIDTH = 1000;
/** Most networks in one row of the lowest tier (beyond, a second row, and so on). */
const ROW_MAX = 40;
const MARGIN = 30;

export function layoutAs(topology: Topology, as: AsTopology): AsLayout {
  const n = topology.networks.length;
  const links: AsLink[] = as.links.map((l) => ({
    a: networkOfAsn(l.a),
    b: networkOfAsn(l.b),
    rel: l.rel,
  }));
  const hasProvider = new Uint8Array(n);
  const hasCustomer = new Uint8Array(n);
  for (const l of links)
    if (l.rel === 'transit') {
      hasProvider[l.a] = 1;
      hasCustomer[l.b] = 1;
    }
  const tierOf = (net: number): Tier =>
    !hasProvider[net] ? 'tier1' : hasCustomer[net] ? 'transit' : 'edge';
  const lon = (net: number) => topology.cities[topology.networks[net].cities[0]].lon;
  const byTier = (t: Tier) =>
    topology.networks
      .map((x) => x.id)
      .filter((net) => tierOf(net) === t)
      .sort((x, y) => lon(x) - lon(y) || x - y);
  const edges = byTier('edge');
  const edgeRows = Math.max(1, Math.ceil(edges.length / ROW_MAX));
  const rows: { nets: number[]; tier: Tier }[] = [
    { nets: byTier('tier1'), tier: 'tier1' as const },
    { nets: byTier('transit'), tier: 'transit' as const },
    // Dealt round the rows, so each row still runs west to east.
    ...Array.from({ length: edgeRows }, (_, k) => ({
      nets: edges.filter((_, i) => i % edgeRows === k),
      tier: 'edge' as const,
    })),
  ].filter((row) => row.nets.length > 0);
  const widest = Math.max(...rows.map((r) => r.nets.length));
  // Circles shrink as rows fill, so neighbours never touch.
  const r = Math.max(4, Math.min(16, (WIDTH - 2 * MARGIN) / widest / 2.6));
  const radius = { tier1: r * 1.25, transit: r, edge: r * 0.85 };
  const gap = { tier1: 0, transit: 150, edge: 140 };
  const networks: PlacedNetwork[] = [];
  let y = MARGIN + 40;
  rows.forEach((row, k) => {
    if (k > 0) y += row.tier === rows[k - 1].tier ? 4 * r : gap[row.tier];
    const step = (WIDTH - 2 * MARGIN) / row.nets.length;
    row.nets.forEach((net, i) =>
      networks.push({
        net,
        x: MARGIN + step * (i + 0.5),
        y,
        r: radius[row.tier],
        tier: row.tier,
        infrastructure: topology.networks[net].role === 'infrastructure',
      }),
    );
  });
  networks.sort((p, q) => p.net - q.net);
  return { width: WIDTH, height: y + MARGIN + 30, networks, links };
}

/** The top row of each tier, for its caption. */
export function tierTops(layout: AsLayout): { tier: Tier; y: number }[] {
  const top: Partial<Record<Tier, number>> = {};
  for (const p of layout.networks) top[p.tier] = Math.min(top[p.tier] ?? Infinity, p.y);
  return (Object.entries(top) as [Tier, number][]).map(([tier, y]) => ({ tier, y }));
}

/**
 * How far below its network each label starts (by network id): in a row too tight for its
 * labels' `lines` at `font` (drawing units), every other one two lines lower, so that
 * neighbours' names do not run into each other.
 */
export function labelDrops(
  layout: AsLayout,
  lines: (net: number) => readonly string[],
  font: number,
): number[] {
  const drop: number[] = [];
  const rows: Record<number, PlacedNetwork[]> = {};
  for (const p of layout.networks) (rows[p.y] ??= []).push(p);
  for (const row of Object.values(rows)) {
    row.sort((p, q) => p.x - q.x);
    const widest = Math.max(...row.map((p) => Math.max(...lines(p.net).map((l) => l.length))));
    const step = row.length > 1 ? row[1].x - row[0].x : Infinity;
    // An average character of a sans-serif face is a little over half its size wide.
    const tight = step < widest * font * 0.58 + 8;
    row.forEach((p, i) => (drop[p.net] = p.r + font + 2 + (tight && i % 2 ? 2.2 * font : 0)));
  }
  return drop;
}
