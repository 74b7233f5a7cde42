/**
 * The BGP view ('bgp-routing'): its layout of the AS-level Internet, what it keeps from the bgp
 * model's observations, and what its parts draw, rendered (server-side, as HTML) from frames of a
 * real world: the classroom Internet of seed 3 (see tests/sim/bgp/watch.test.ts), where the
 * origin's hosting network net-11 (10.0.12.0/24) buys transit from the tier-1s net-0 and net-1.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { RuntimeFrame } from '@runtime/frame';
import { asTopologyOf } from '@sim/models/bgp/generatedAsTopology';
import { firstHostAddress } from '@sim/models/bgp/networkAddresses';
import { SECOND } from '@sim/time';
import { topologyFor } from '@sim/topology/places';
import { labelDrops, layoutAs } from '@ui/views/bgp/asLayout';
import { BgpHistory } from '@ui/views/bgp/bgpHistory.svelte';
import { networkName, rightfulOrigin } from '@ui/views/bgp/routingTree';
import RoutingTreeGraph from '@ui/views/bgp/RoutingTreeGraph.svelte';
import ReachChart from '@ui/views/bgp/ReachChart.svelte';
import UpdateLog from '@ui/views/bgp/UpdateLog.svelte';
import BgpRouting from '@ui/views/bgp/BgpRouting.svelte';
import { watchedWorld } from '../sim/bgp/support';
import { updateFields } from '@ui/views/bgp/updateLog';
import { decodeUpdate, encodeUpdate } from '@sim/models/bgp/wire';

const SEED = 3;
const ORIGIN_NET = 11;
const ORIGIN = firstHostAddress(ORIGIN_NET);
const topology = topologyFor('classroom', SEED);
const names = topology.networks.map((n) => n.name);
const name = (net: number) => networkName(net, names, {});

/** Frames of a world watching the origin, one per second, with commands given at their second. */
function frames(seconds: number, commands: Record<number, unknown> = {}): RuntimeFrame[] {
  const world = watchedWorld({ watch: [ORIGIN], logUpdates: true }, SEED);
  const out: RuntimeFrame[] = [];
  for (let t = 0; t <= seconds; t++) {
    world.w.engine.runUntil(t * SECOND);
    if (commands[t]) world.command(commands[t]);
    out.push({ timeNs: t * SECOND, observations: world.runUntil(t * SECOND) } as RuntimeFrame);
  }
  return out;
}

const HIJACK = { type: 'bgp.announce', network: 2, prefix: '10.0.12.0/25' };
const CUT = { type: 'bgp.cutLink', networkA: 0, networkB: ORIGIN_NET };

function historyOf(run: RuntimeFrame[]): BgpHistory {
  const h = new BgpHistory();
  for (const f of run) h.add(f);
  return h;
}

function drawTree(h: BgpHistory): string {
  const origins = h.origins[ORIGIN] ?? [];
  return plain(
    render(RoutingTreeGraph, {
      props: {
        layout: layoutAs(topology, asTopologyOf(topology, SEED)),
        tree: h.trees[ORIGIN] ?? null,
        rightful: rightfulOrigin(ORIGIN, topology.networks.length, {}),
        origins,
        name,
      },
    }).body,
  );
}

const count = (html: string, s: string) => html.split(s).length - 1;
/** The rendered HTML without svelte's scoping classes and hydration comments. */
const plain = (html: string) =>
  html
    .replace(/ class="svelte-\w+"/g, '')
    .replace(/ svelte-\w+"/g, '"')
    .replace(/<!--[^>]*-->/g, '');

describe('the layout of the AS-level Internet', () => {
  const layout = layoutAs(topology, asTopologyOf(topology, SEED));

  it('puts the tier-1 clique on top, transit below, and networks without customers at the bottom', () => {
    const tier = (net: number) => layout.networks[net].tier;
    // The derivation (generatedAsTopology.ts) makes round(13 / 40) → 3 tier-1s, round(13 / 10)
    // → 1 transit network: the largest access networks.
    expect([0, 1, 2].map(tier)).toEqual(['tier1', 'tier1', 'tier1']);
    expect(tier(3)).toBe('transit');
    expect(topology.networks.filter((n) => tier(n.id) === 'edge').length).toBe(9);
    const y = (net: number) => layout.networks[net].y;
    expect(y(0)).toBeLessThan(y(3));
    expect(y(3)).toBeLessThan(y(ORIGIN_NET));
    expect(layout.networks[ORIGIN_NET].infrastructure).toBe(true);
  });

  it("drops every other label of a row too tight for its names, so they don't overlap", () => {
    const lines = (net: number) => name(net).split(' ');
    const drops = labelDrops(layout, lines, 16);
    const bottom = layout.networks.filter((p) => p.tier === 'edge').sort((p, q) => p.x - q.x);
    // Nine in a row 1,000 units wide: ~104 apart, and "dns-root-operators" is ~170 wide at 16.
    const low = bottom.map((p) => drops[p.net] > drops[bottom[0].net]);
    expect(low).toEqual(bottom.map((_, i) => i % 2 === 1));
    // The tier-1 row has room: all at one height.
    expect(new Set([0, 1, 2].map((net) => drops[net])).size).toBe(1);
  });

  it('keeps every network apart at the 300-server scale too', () => {
    for (const scale of ['classroom', 300] as const) {
      const t = topologyFor(scale, SEED);
      const l = layoutAs(t, asTopologyOf(t, SEED));
      expect(l.networks.map((p) => p.net)).toEqual(t.networks.map((n) => n.id));
      for (const p of l.networks) {
        expect(p.x - p.r).toBeGreaterThanOrEqual(0);
        expect(p.x + p.r).toBeLessThanOrEqual(l.width);
        expect(p.y + p.r).toBeLessThanOrEqual(l.height);
      }
      const rows = new Map<number, typeof l.networks>();
      for (const p of l.networks) rows.set(p.y, [...(rows.get(p.y) ?? []), p]);
      for (const row of rows.values()) {
        const xs = row.map((p) => p.x).sort((a, b) => a - b);
        for (let i = 1; i < xs.length; i++)
          expect(xs[i] - xs[i - 1]).toBeGreaterThan(2 * Math.max(...row.map((p) => p.r)));
      }
    }
  });
});

describe('the routing tree drawn', () => {
  it('draws an arrow from every network but the origin, all to the rightful origin', () => {
    const h = historyOf(frames(2));
    const html = drawTree(h);
    const n = topology.networks.length;
    expect(count(html, 'class="arrow')).toBe(n - 1);
    expect(count(html, '--ink: var(--colour-series-blue)')).toBe(2 * n - 1); // arrows and networks
    expect(count(html, 'class="origin-ring')).toBe(1);
    expect(html).toContain(
      `aria-label="Routing tree for ${ORIGIN}, of ${n} networks: ${n} reach net-11 origin-hosting (the rightful origin)."`,
    );
  });

  it('turns the arrows to the hijacker of a more specific prefix, in another colour', () => {
    const h = historyOf(frames(60, { 5: HIJACK }));
    const html = drawTree(h);
    const n = topology.networks.length;
    // net-2 delivers: every network's arrow (net-2 has none) leads there, dashed vermillion.
    expect(count(html, 'class="arrow')).toBe(n - 1);
    expect(count(html, 'var(--colour-series-blue)')).toBe(0);
    expect(count(html, '--ink: var(--colour-series-vermillion)')).toBe(2 * n - 1);
    expect(html).toContain('stroke-dasharray="8 5"');
    expect(html).toContain(`${n} reach net-2 (not the rightful origin)`);
    // The data table says so row by row.
    expect(html).toContain(
      '<th scope="row">net-3</th><td>4</td><td>net-2</td><td>reach net-2 (not the rightful origin)</td>',
    );
  });

  it('marks where packets are lost: at the cut, net-0 and every network behind it', () => {
    const run = frames(10, { 5: CUT });
    const h = new BgpHistory();
    for (const f of run.slice(0, 6)) h.add(f);
    // At 5 s the cut tree came: net-0 still points at the dead link.
    const tree = h.trees[ORIGIN]!;
    expect(tree.timeNs).toBeGreaterThanOrEqual(5 * SECOND);
    const lost = tree.lost.filter((l) => l !== null).length;
    expect(lost).toBeGreaterThan(1);
    const html = drawTree(h);
    // Only net-0 is marked: the others' packets are lost there, on its cut link.
    expect(tree.lostAt.filter((at) => at !== null)).toEqual(new Array(lost).fill(0));
    expect(count(html, '<text class="mark"')).toBe(1);
    expect(html).toContain(
      '<title>net-3 (AS4): lost: a link that no longer carries at net-0</title>',
    );
    expect(html).toContain(`${lost} lost to a link that no longer carries`);
    // Reach over time: everyone at the origin, then some lost, then everyone again.
    for (const f of run.slice(6)) h.add(f);
    const reach = h.reach[ORIGIN]!;
    expect(reach[0]).toMatchObject({ t: 0, lost: 0, o11: 13 });
    expect(reach.some((p) => p.lost === lost && p.o11 === 13 - lost)).toBe(true);
    expect(reach.at(-1)).toMatchObject({ lost: 0, o11: 13 });
  });
});

describe('the reach chart and the update log', () => {
  it('counts the networks reaching each origin over time, the hijacker a line of its own', () => {
    const h = historyOf(frames(60, { 5: HIJACK }));
    const html = plain(
      render(ReachChart, {
        props: {
          address: ORIGIN,
          points: h.reach[ORIGIN]!,
          nowS: h.nowS,
          rightful: ORIGIN_NET,
          origins: h.origins[ORIGIN]!,
          networks: 13,
          name,
        },
      }).body,
    );
    expect(h.origins[ORIGIN]).toEqual([ORIGIN_NET, 2]);
    // The data table's latest row, at the run's time now: nobody reaches net-11, all net-2.
    expect(html).toContain('<th scope="col">reach net-2 (another origin)</th>');
    expect(html).toMatch(/<td>60\.00<\/td><td>0<\/td><td>13<\/td><td>0<\/td>/);
  });

  it('lists the UPDATEs newest first, and opens none until asked', () => {
    const h = historyOf(
      frames(120, { 5: { type: 'bgp.withdraw', network: ORIGIN_NET, prefix: '10.0.12.0/24' } }),
    );
    expect(h.updatesSeen).toBe(h.updates.length);
    expect(h.updatesSeen).toBeGreaterThan(10);
    const html = plain(
      render(UpdateLog, {
        props: { updates: h.updates, seen: h.updatesSeen, dropped: 0, name },
      }).body,
    );
    expect(html).toContain(`${h.updatesSeen} sent.`);
    const rows = [...html.matchAll(/<button[^>]*>\s*([^<]*)<\/button>/g)].map((m) => m[1].trim());
    expect(rows.length).toBe(h.updatesSeen);
    // Newest first: the last is the first withdrawal, from net-11 to a provider.
    expect(rows.at(-1)).toMatch(
      /^5\.050 s · net-11 origin-hosting → net-[01] · withdraws 10\.0\.12\.0\/24$/,
    );
    expect(rows.some((r) => /announces 10\.0\.12\.0\/24, AS path [\d ]+ 12$/.test(r))).toBe(true);
    expect(html).toContain('Choose an UPDATE');
  });

  it('shows an open UPDATE field by field as decoded from its bytes', () => {
    const h = historyOf(frames(60, { 5: HIJACK }));
    // net-1 (AS2) passes net-2's (AS3) /25 on to its customers: AS path 2 3. 19 octets of
    // header, 2 + 0 of withdrawn routes, 2 + 24 of attributes (ORIGIN 4, AS_PATH 3 + 2 + 2 × 4,
    // NEXT_HOP 7) and a /25 (5): 52.
    const u = h.updates.find((x) => x.from === 1 && x.asPath !== null)!;
    const fields = updateFields(u, decodeUpdate(encodeUpdate(u)), name);
    expect(Object.fromEntries(fields.map((f) => [f.name, f.value]))).toMatchObject({
      Length: '52 octets',
      'Withdrawn routes': '(none)',
      ORIGIN: 'IGP',
      AS_PATH: '2 3 (net-1, net-2)',
      NEXT_HOP: "10.0.2.1 (net-1's router)",
      NLRI: '10.0.12.0/25',
    });
  });

  it('waits for its first tree, saying what will be drawn', () => {
    const html = plain(
      render(BgpRouting, {
        props: {
          frame: null,
          topology,
          step: 's',
          options: {},
          give: () => {},
          page: {} as never,
        },
      }).body,
    );
    expect(html).toContain('Once the run starts: the routing tree of each address');
  });
});
