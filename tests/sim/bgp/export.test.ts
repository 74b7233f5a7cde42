import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BGP,
  generatedAsTopology,
  parseAsTopology,
  runBgp,
  type AsTopology,
  type BgpPolicy,
} from '@sim/models/bgp';
import { as, peer, run, transit } from './support';

/** The relationship of each step of a path: up (to a provider), across (a peer), down (a customer). */
function relations(t: AsTopology): Map<string, 'up' | 'across' | 'down'> {
  const rel = new Map<string, 'up' | 'across' | 'down'>();
  for (const l of t.links) {
    if (l.rel === 'peer') {
      rel.set(`${l.a} ${l.b}`, 'across');
      rel.set(`${l.b} ${l.a}`, 'across');
    } else {
      rel.set(`${l.a} ${l.b}`, 'up');
      rel.set(`${l.b} ${l.a}`, 'down');
    }
  }
  return rel;
}

function steps(rel: Map<string, 'up' | 'across' | 'down'>, path: number[]) {
  return path.slice(1).map((v, i) => rel.get(`${path[i]} ${v}`)!);
}

/** Gao-Rexford: up*, at most one peering, then down* (no valley, no two peerings). */
const valleyFree = (s: string[]) =>
  /^(up )*(across )?(down )*$/.test(s.map((x) => `${x} `).join(''));

function allPaths(t: AsTopology, policy: BgpPolicy) {
  const r = runBgp({
    topology: t,
    config: { ...DEFAULT_BGP, policy },
    events: [],
    probes: [],
    seconds: 300,
    seed: 3,
  });
  const paths: number[][] = [];
  for (const [asn, byPrefix] of Object.entries(r.routes))
    for (const path of Object.values(byPrefix))
      if (path) paths.push([Number(asn), ...path.split(' ').map(Number)]);
  return { r, paths };
}

const SMALL = {
  ases: [as(1), as(2), as(3), as(4), as(5), as(9, ['192.0.2.0/24'])],
  links: [transit(9, 1), peer(1, 2), peer(2, 3), transit(4, 2), transit(2, 5)],
};

describe('valley-free export (Gao and Rexford 2001)', () => {
  it('a route learned from a peer goes to customers only, not to another peer or a provider', () => {
    const topo = SMALL;
    const gr = run(topo);
    expect(gr.routes['2']['192.0.2.0/24']).toBe('1 9');
    expect(gr.routes['4']['192.0.2.0/24']).toBe('2 1 9'); // 2's customer hears it
    expect(gr.routes['3']['192.0.2.0/24']).toBeNull(); // 2's other peer does not
    expect(gr.routes['5']['192.0.2.0/24']).toBeNull(); // nor 2's provider
    const sp = run(topo, { config: { policy: 'shortest-path' } });
    expect(sp.routes['3']['192.0.2.0/24']).toBe('2 1 9');
    expect(sp.routes['5']['192.0.2.0/24']).toBe('2 1 9');
  });

  it('in a generated Internet of about 300 networks every chosen path is valley-free, and every network reaches every prefix', () => {
    const t = generatedAsTopology(820, 1);
    expect(t.ases.length).toBeGreaterThan(250);
    const { paths } = allPaths(t, 'gao-rexford');
    expect(paths.length).toBe(t.ases.length * (t.ases.length - 1));
    const rel = relations(t);
    expect(paths.filter((p) => !valleyFree(steps(rel, p)))).toEqual([]);
  });

  it('the checker can fail: shortest-path routing makes paths with two peerings or a valley', () => {
    const t = parseAsTopology(SMALL);
    const { paths } = allPaths(t, 'shortest-path');
    const bad = paths.filter((p) => !valleyFree(steps(relations(t), p))).map((p) => p.join(' '));
    expect(bad).toContain('3 2 1 9'); // across, across
    expect(bad).toContain('5 2 1 9'); // down, across
  });
});
