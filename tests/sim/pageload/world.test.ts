/**
 * The page-load model in a world: loads between nodes of the topology take their round trips
 * from the route service (a client far from the origin waits longer than one near it, an edge
 * near the client splits the path), report their observations, and start again on command.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import type { PageDoneSeen, RequestSeen } from '@sim/models/pageload/observations';
import { generateTopology } from '@sim/topology';
import { SECOND } from '@sim/time';

const topology = generateTopology('classroom', 1);
const node = (name: string) => topology.nodes.find((n) => n.name === name)!.id;
const ORIGIN = node('origin:new-york');
const NEAR = node('client:new-york-n0');
const FAR = node('client:tokyo-n0');
const TOKYO_EDGE = node('edge:tokyo-n0-1');

/** Runs the three loads (and one more on command) on `shards` shards; their completions. */
async function loadAll(shards: number): Promise<{ done: PageDoneSeen[]; rows: RequestSeen[] }> {
  const common = {
    page: 'microscape' as const,
    http: 'multiplexed' as const,
    tls: '1.3' as const,
  };
  const run = new Run({
    scenario: { scale: 'classroom', seed: 1 },
    model: {
      id: 'pageload',
      config: {
        loads: [
          { name: 'near', client: NEAR, origin: ORIGIN, ...common },
          { name: 'far', client: FAR, origin: ORIGIN, ...common },
          {
            name: 'far-edge',
            client: FAR,
            origin: ORIGIN,
            edge: TOKYO_EDGE,
            warm: true,
            ...common,
          },
        ],
      },
    },
    shards,
  });
  const done: PageDoneSeen[] = [];
  const rows: RequestSeen[] = [];
  try {
    await run.start();
    await run.advanceTo(20 * SECOND);
    for (const o of (await run.snapshot()).observations as (PageDoneSeen | RequestSeen)[])
      if (o.type === 'pageload.done') done.push(o);
      else if (o.type === 'pageload.request') rows.push(o);
    run.command({ type: 'pageload.start', load: 'near' });
    await run.advanceTo(40 * SECOND);
    for (const o of (await run.snapshot()).observations as PageDoneSeen[])
      if (o.type === 'pageload.done') done.push(o);
  } finally {
    run.dispose();
  }
  return { done, rows };
}

describe('the pageload model in a world', () => {
  it('loads pages over the routes, through an edge when given, and again on command', async () => {
    const { done, rows } = await loadAll(1);
    const ms = (load: string) => done.find((d) => d.load === load)!.pageLoadMs;
    expect(
      done
        .map((d) => d.load)
        .slice(0, 3)
        .sort(),
    ).toEqual(['pageload.far-edge.0', 'pageload.far.0', 'pageload.near.0']);
    expect(ms('pageload.far.0')).toBeGreaterThan(ms('pageload.near.0'));
    expect(ms('pageload.far-edge.0')).toBeLessThan(ms('pageload.far.0'));
    expect(rows.filter((r) => r.load === 'pageload.near.0')).toHaveLength(43);
    expect(done.map((d) => d.load)).toContain('pageload.near.1');
  }, 60_000);

  it('gives the same loads on two shards (each runs in the shard of its client)', async () => {
    const one = await loadAll(1);
    const two = await loadAll(2);
    const key = (d: PageDoneSeen) => `${d.load} ${d.pageLoadMs} ${d.timeNs}`;
    expect(two.done.map(key).sort()).toEqual(one.done.map(key).sort());
  }, 60_000);
});
