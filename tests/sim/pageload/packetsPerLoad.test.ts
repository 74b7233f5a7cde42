/**
 * Per-load packet counts in a world: `pageload.bytes` comes once a load's last packet has
 * arrived (closes and last ACKs included), so several loads in one run can each be judged
 * against Nielsen et al. 1997 (pipelining needs 2–10 times fewer packets than HTTP/1.0; about
 * half of HTTP/1.0's packets open and close connections), and the loads' counts add up to the
 * run's counters.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import type { LoadBytesSeen, PageDoneSeen } from '@sim/models/pageload/observations';
import { builtInPage } from '@sim/models/pageload/pages';
import type { HttpMode } from '@sim/models/pageload/pageloadConfig';
import { routePath } from '@sim/models/pageload/routePath';
import { runPageLoad } from '@sim/models/pageload/runPageLoad';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { SECOND } from '@sim/time';

const world = buildWorld(parseScenario({ scale: 'classroom', seed: 1 }));
const node = (name: string) => world.topology.nodes.find((n) => n.name === name)!.id;
const CLIENT = node('client:tokyo-n0');
const ORIGIN = node('origin:new-york');
const EDGE = node('edge:tokyo-n0-1');

const LOADS = [
  { name: 'http10', http: '1.0' as const, connections: 4 },
  { name: 'pipelined', http: 'pipelined' as const },
  { name: 'edge', http: '1.1' as const, edge: EDGE, warm: true },
];

const LOSSY = {
  scale: 'classroom' as const,
  seed: 1,
  network: { linkClasses: { lastMile: { lossRate: 0.03 } } },
};

async function runAll(scenario: object = { scale: 'classroom', seed: 1 }) {
  const run = new Run({
    scenario,
    model: {
      id: 'pageload',
      config: {
        loads: LOADS.map((l) => ({ ...l, client: CLIENT, origin: ORIGIN, page: 'microscape' })),
      },
    },
    shards: 1,
  });
  try {
    await run.start();
    await run.advanceTo(60 * SECOND);
    const snap = await run.snapshot();
    const obs = snap.observations as (LoadBytesSeen | PageDoneSeen)[];
    const bytes = new Map<string, LoadBytesSeen>();
    const done = new Map<string, PageDoneSeen>();
    for (const o of obs)
      if (o.type === 'pageload.bytes') bytes.set(o.load, o);
      else if (o.type === 'pageload.done') done.set(o.load, o);
    return { bytes, done, counters: snap.counters };
  } finally {
    run.dispose();
  }
}

/** The loads' counts add up to the run's, each reported after its load completed. */
function expectWhole(
  bytes: Map<string, LoadBytesSeen>,
  done: Map<string, PageDoneSeen>,
  counters: Record<string, number>,
) {
  const all = [...bytes.values()];
  expect(all).toHaveLength(LOADS.length);
  const sum = (f: (b: LoadBytesSeen) => number) => all.reduce((s, b) => s + f(b), 0);
  expect(sum((b) => b.accessPackets)).toBe(counters['pageload.accessPackets']);
  expect(sum((b) => b.middlePackets)).toBe(counters['pageload.middlePackets']);
  // The closes cross the path after the load has completed.
  for (const [load, b] of bytes) expect(b.timeNs, load).toBeGreaterThan(done.get(load)!.timeNs);
}

describe('packets per load in a world', () => {
  it('counts each load’s packets whole, after its closes, adding up to the run', async () => {
    const { bytes, done, counters } = await runAll();
    const of = (name: string) => bytes.get(`pageload.${name}.0`)!;
    expectWhole(bytes, done, counters);

    // The same load alone on an engine run until nothing is left has the same packets.
    for (const l of LOADS) {
      const alone = runPageLoad(
        builtInPage('microscape')!,
        {
          http: l.http as HttpMode,
          connections: l.connections ?? (l.http === '1.1' ? 4 : 1),
          warm: l.warm ?? false,
          ...routePath(world.routes, CLIENT, ORIGIN, l.edge),
        },
        1,
      );
      expect(of(l.name).accessPackets, l.name).toBe(alone.legs.access.packets);
      expect(of(l.name).openClosePackets, l.name).toBe(alone.legs.access.openClosePackets);
      expect(of(l.name).middlePackets, l.name).toBe(alone.legs.middle?.packets ?? 0);
    }

    // Six open/close packets per connection: 43 connections for HTTP/1.0, one pipelined.
    expect(of('http10').openClosePackets).toBe(43 * 6);
    expect(of('pipelined').openClosePackets).toBe(6);
    const ratio = of('http10').accessPackets / of('pipelined').accessPackets;
    expect(ratio).toBeGreaterThanOrEqual(2);
    expect(ratio).toBeLessThanOrEqual(10);
    const share = of('http10').openClosePackets / of('http10').accessPackets;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  }, 60_000);

  it('waits for resent closes and retransmissions under loss', async () => {
    const { bytes, done, counters } = await runAll(LOSSY);
    expectWhole(bytes, done, counters);
    // Lost open/close packets are resent (and counted) when their timeouts fire.
    const http10 = bytes.get('pageload.http10.0')!;
    expect(http10.openClosePackets).toBeGreaterThan(43 * 6);
  }, 60_000);
});
