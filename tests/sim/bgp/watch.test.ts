/**
 * What the bgp model reports to a lab that watches an address (issue 18, views): the routing
 * tree of every network for it, at the start and at each change, and the UPDATEs sent.
 *
 * The classroom Internet of seed 3 (see bgpInWorld.test.ts): the origin's hosting network net-11
 * (AS12, 10.0.12.0/24) buys transit from the tier-1s net-0 and net-1; net-2 is the third tier-1.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { bgpModel } from '@sim/models/bgp/model';
import { firstHostAddress } from '@sim/models/bgp/networkAddresses';
import { MAX_UPDATES_PER_REPORT, WatchRoutes } from '@sim/models/bgp/watchRoutes';
import { MS, SECOND } from '@sim/time';
import type { RoutingTreeSeen } from '@sim/models/bgp/observations';
import { parseModelConfig } from '@sim/model/SimModel';
import { watchedWorld } from './support';

const SCENARIO = { seed: 3, scale: 'classroom' as const };
const ORIGIN_NET = 11;
/** the origin server's address: the first host of net-11's /24 */
const ORIGIN = firstHostAddress(ORIGIN_NET);
/** an address of net-11 outside the lower /25 a hijacker announces */
const UPPER_HALF = '10.0.12.200';

const world = (config: unknown) => watchedWorld(config);

/** The networks a packet from `net` crosses following the tree's arrows (it ends where next is null). */
function walk(tree: RoutingTreeSeen, net: number): number[] {
  const path = [net];
  for (let n = tree.next[net]; n !== null && path.length <= tree.next.length; n = tree.next[n])
    path.push(n);
  return path;
}

describe('the routing tree of a watched address', () => {
  it('is sent at the start: every network reaches the origin, along the paths messages take', () => {
    const { w, services, runUntil, trees } = world({ watch: [ORIGIN] });
    runUntil(SECOND);
    const [tree, ...more] = trees(ORIGIN);
    expect(more).toEqual([]);
    expect(tree.timeNs).toBe(0);
    expect(tree.origin).toEqual(w.topology.networks.map(() => ORIGIN_NET));
    expect(tree.lost.every((l) => l === null)).toBe(true);
    expect(tree.next[ORIGIN_NET]).toBeNull();
    // The arrows are the forwarding the world's messages follow: from each network's first node
    // to the origin server, the AS path is the walk along the tree.
    const origin = w.topology.nodes.find((n) => n.kind === 'origin')!.id;
    for (const net of w.topology.networks) {
      const node = w.topology.nodes.find((n) => n.network === net.id);
      if (node) expect(services.asPath(node.id, origin)).toEqual(walk(tree, net.id));
    }
    expect(walk(tree, 3)).toEqual([3, 0, 11]);
  });

  it('changes to the next-best route when a link is cut, and back when it is restored', () => {
    const { runUntil, trees, command } = world({ watch: [ORIGIN] });
    runUntil(10 * SECOND);
    command({ type: 'bgp.cutLink', networkA: 0, networkB: ORIGIN_NET });
    runUntil(60 * SECOND);
    const [start, cut, ...after] = trees(ORIGIN);
    // At the cut net-0's table still points at the dead link: its packets (and those of every
    // network routed through it) are lost there until its decision process runs.
    expect(cut.timeNs).toBe(10 * SECOND);
    expect(cut.lost[0]).toBe('dead-link');
    expect(cut.origin[3]).toBeNull();
    // net-3's packets are lost where net-0's are: at net-0, on the cut link.
    expect(cut.lostAt[3]).toBe(0);
    expect(cut.lostAt[0]).toBe(0);
    expect(start.next[0]).toBe(ORIGIN_NET);
    // Then net-0 goes through its peer net-1, which still has its customer route to net-11:
    // one AS longer (bgpInWorld.test.ts: Frankfurt's edges move from 3 0 11 to 3 0 1 11).
    const last = after.at(-1)!;
    expect(last.timeNs).toBeGreaterThanOrEqual(10 * SECOND + 50 * MS);
    expect(walk(last, 3)).toEqual([3, 0, 1, 11]);
    expect(last.origin.every((o) => o === ORIGIN_NET)).toBe(true);
    // Each tree sent differs from the one before it.
    const all = trees(ORIGIN);
    for (let i = 1; i < all.length; i++)
      expect(all[i]).not.toEqual({ ...all[i - 1], timeNs: all[i].timeNs });
    command({ type: 'bgp.restoreLink', networkA: 0, networkB: ORIGIN_NET });
    runUntil(120 * SECOND);
    expect(walk(trees(ORIGIN).at(-1)!, 3)).toEqual([3, 0, 11]);
  });

  it('turns to the hijacker of a more specific prefix, for the addresses it covers only', () => {
    const { w, runUntil, trees, command } = world({ watch: [ORIGIN, UPPER_HALF] });
    runUntil(10 * SECOND);
    command({ type: 'bgp.announce', network: 2, prefix: '10.0.12.0/25' });
    runUntil(120 * SECOND);
    const last = trees(ORIGIN).at(-1)!;
    // net-2 is a tier-1: its own route goes to its peers and customers, and the peers pass it to
    // theirs; longest prefix first, every network now sends the origin's packets to net-2.
    expect(last.origin).toEqual(w.topology.networks.map(() => 2));
    // net-11 hears it from both its providers, two ASes long: the lower ASN wins the tie.
    expect(walk(last, ORIGIN_NET)).toEqual([ORIGIN_NET, 0, 2]);
    // The upper half is not in the /25: its tree never changed, so none was sent again.
    expect(trees(UPPER_HALF).map((t) => t.timeNs)).toEqual([0]);
    expect(trees(UPPER_HALF)[0].origin.every((o) => o === ORIGIN_NET)).toBe(true);
  });
});

describe('the update log', () => {
  it('logs the UPDATEs after a withdrawal, each carrying the withdrawn prefix, and no others', () => {
    const { model, runUntil, trees, updates, command } = world({
      watch: [ORIGIN],
      logUpdates: true,
    });
    runUntil(10 * SECOND);
    // The warm-up's UPDATEs (the Internet converging before the lab) are not the lab's.
    expect(updates()).toEqual([]);
    command({ type: 'bgp.withdraw', network: ORIGIN_NET, prefix: '10.0.12.0/24' });
    runUntil(10 * 60 * SECOND);
    const log = updates();
    const prefix = '10.0.12.0/24';
    // The first leave net-11, for each of its providers, withdrawing only, after its batch of
    // route processing (50 ms).
    const start = log[0].timeNs;
    expect(start).toBe(10 * SECOND + 50 * MS);
    const first = log.filter((u) => u.timeNs === start);
    expect(first.map((u) => [u.from, u.to]).sort()).toEqual([
      [11, 0],
      [11, 1],
    ]);
    expect(first.every((u) => u.withdrawn.includes(prefix) && u.asPath === null)).toBe(true);
    // Every later one is about the prefix: a withdrawal, or on the way an alternative path that
    // no longer leads anywhere (path exploration, Labovitz et al. 2000), through net-11's AS12.
    for (const u of log) {
      expect([...u.withdrawn, ...u.nlri]).toEqual([prefix]);
      if (u.asPath) expect(u.asPath.at(-1)).toBe(12);
    }
    expect(log.some((u) => u.asPath !== null)).toBe(true);
    // Each session's last word is the withdrawal.
    const lastOf = new Map(log.map((u) => [`${u.from}>${u.to}`, u]));
    for (const u of lastOf.values()) expect(u.withdrawn).toEqual([prefix]);
    // As many as the model counted (none dropped), in time order; every network ends with no route.
    expect(log.length).toBe(model.report().counters['bgp.updates']);
    expect(log.map((u) => u.timeNs)).toEqual(log.map((u) => u.timeNs).sort((a, b) => a - b));
    const end = trees(ORIGIN).at(-1)!;
    expect(end.lost.every((l) => l === 'no-route')).toBe(true);
    // Converged: no network has a route left, so each loses its packets itself.
    expect(end.lostAt).toEqual(end.lostAt.map((_, net) => net));
  });

  it('records at most MAX_UPDATES_PER_REPORT per report, and counts the rest', () => {
    const watch = new WatchRoutes(
      { forward: () => ({ origin: 1, path: [1], lost: null }), nextAsn: () => null },
      1,
      [],
    );
    const update = { withdrawn: ['10.0.1.0/24'], nlri: [], path: null };
    for (let i = 0; i < MAX_UPDATES_PER_REPORT + 5; i++) watch.updateSent(i, 1, 2, update);
    const seen = watch.take();
    expect(seen.length).toBe(MAX_UPDATES_PER_REPORT + 1);
    expect(seen.at(-1)).toEqual({
      type: 'bgp.updatesDropped',
      timeNs: MAX_UPDATES_PER_REPORT,
      count: 5,
    });
    watch.updateSent(9999, 1, 2, update);
    expect(watch.take().map((o) => o.type)).toEqual(['bgp.update']);
  });
});

describe('the config', () => {
  it('refuses an address that is not one, naming it, and more than 8', () => {
    expect(() => parseModelConfig(bgpModel, { watch: ['10.0.12.1', '10.0.300.1'] })).toThrow(
      /bad bgp config: watch.1: '10.0.300.1' is not an IPv4 address/,
    );
    const nine = Array.from({ length: 9 }, (_, i) => `10.0.${i}.1`);
    expect(() => parseModelConfig(bgpModel, { watch: nine })).toThrow(/at most 8/);
  });

  it('refuses logUpdates where routes are computed without messages', () => {
    expect(() => world({ routes: 'policy', logUpdates: true })).toThrow(/send no UPDATEs/);
    // Trees come from the policy routes, which change at once.
    const { runUntil, trees, command } = world({ routes: 'policy', watch: [ORIGIN] });
    command({ type: 'bgp.cutLink', networkA: 0, networkB: ORIGIN_NET });
    runUntil(SECOND);
    expect(walk(trees(ORIGIN).at(-1)!, 3)).toEqual([3, 0, 1, 11]);
  });
});

/** The world run through the runtime on `shards` shards: the cut, then a hijack. */
async function watched(shards: number, config: object) {
  const run = new Run({ scenario: SCENARIO, model: [{ id: 'bgp', config }], shards });
  try {
    await run.start();
    const seen: unknown[] = [];
    for (let t = 1; t <= 40; t++) {
      if (t - 1 === 5) run.command({ type: 'bgp.cutLink', networkA: 0, networkB: ORIGIN_NET });
      if (t - 1 === 20) run.command({ type: 'bgp.announce', network: 2, prefix: '10.0.12.0/25' });
      await run.advanceTo(t * SECOND);
      const snap = await run.snapshot();
      seen.push(...snap.observations);
      if (t === 40) return { digest: snap.digest, seen };
    }
    throw new Error('unreachable');
  } finally {
    run.dispose();
  }
}

describe('in the runtime', () => {
  it('gives the same observations on 1 and 2 shards, and the same trace as a world not watching', async () => {
    const config = { watch: [ORIGIN, UPPER_HALF], logUpdates: true };
    const one = await watched(1, config);
    const two = await watched(2, config);
    expect(one.seen.length).toBeGreaterThan(3);
    expect(two.seen).toEqual(one.seen);
    expect(two.digest).toBe(one.digest);
    const plain = await watched(1, {});
    expect(plain.seen).toEqual([]);
    expect(plain.digest).toBe(one.digest);
  }, 60_000);
});
