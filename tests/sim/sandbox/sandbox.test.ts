import { describe, expect, it } from 'vitest';
import { TraceDigest } from '@sim/engine/TraceDigest';
import {
  mergeStatsSnapshots,
  parseSandboxConfig,
  runSandbox,
  SandboxConfigError,
  summarizeStats,
} from '@sim/models/delivery';
import { DETECTION_DELAY_NS } from '@sim/models/mapping';
import { SECOND } from '@sim/time';
import { classroom, nodesOfKind } from './helpers';

/** A few seconds of classroom traffic at three times the default rate, origin not a bottleneck. */
function hitRatio(config: { cacheMegabytes: number; catalogueObjects: number }): number {
  return runSandbox(
    { scale: 'classroom', seconds: 5, config: { ...config, loadFactor: 3, originWorkers: 100 } },
    1,
  ).stats.hitRatio;
}

describe('the sandbox CDN', () => {
  it('has a hit ratio that rises with cache size', () => {
    const ratios = [1, 5, 20].map((mb) =>
      hitRatio({ cacheMegabytes: mb, catalogueObjects: 10_000 }),
    );
    expect(ratios[1]).toBeGreaterThan(ratios[0] + 0.05);
    expect(ratios[2]).toBeGreaterThan(ratios[1] + 0.03);
  });

  it('has a hit ratio that falls as the catalogue grows', () => {
    const ratios = [2_000, 10_000, 50_000].map((n) =>
      hitRatio({ cacheMegabytes: 5, catalogueObjects: n }),
    );
    expect(ratios[0]).toBeGreaterThan(ratios[1] + 0.05);
    expect(ratios[1]).toBeGreaterThan(ratios[2] + 0.03);
  });

  it('is deterministic: same seed, same statistics and trace digest; another seed, another run', () => {
    const a = runSandbox({ scale: 'classroom', seconds: 3 }, 7);
    const b = runSandbox({ scale: 'classroom', seconds: 3 }, 7);
    const c = runSandbox({ scale: 'classroom', seconds: 3 }, 8);
    expect(b.stats).toEqual(a.stats);
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
    expect(c.stats.requests).not.toBe(a.stats.requests);
    expect(a.stats.requests).toBeGreaterThan(500);
  });

  it('runs the same when told it owns every node, and starts nothing at nodes it does not own', () => {
    const run = (ownsNode?: (id: number) => boolean) => {
      const { world, sandbox } = classroom({}, { seed: 3, ownsNode });
      const digest = new TraceDigest();
      world.engine.observe(digest.observer);
      world.engine.runUntil(2 * SECOND);
      return { digest: digest.toString(), stats: sandbox.sandboxStats(), world };
    };
    const plain = run();
    const all = run(() => true);
    expect(all.digest).toBe(plain.digest);
    expect(all.stats).toEqual(plain.stats);
    const none = run(() => false);
    expect(none.stats.requests).toBe(0);
    expect(none.world.engine.executed).toBe(0);
    // Owning only some client groups starts only their request processes.
    const clients = nodesOfKind(plain.world, 'client');
    const some = classroom({}, { seed: 3, ownsNode: (id) => id === clients[0] });
    expect(some.sandbox.client(clients[0])).toBeDefined();
    expect(some.sandbox.client(clients[1])).toBeUndefined();
    expect(some.world.engine.pending).toBe(1);
  });

  it('moves a failed edge server’s requests to other servers, failing only those in flight to it', () => {
    const { world, sandbox } = classroom();
    const { engine, network } = world;
    const edges = nodesOfKind(world, 'edge');
    const clients = nodesOfKind(world, 'client').map((id) => sandbox.client(id)!);
    engine.runUntil(2 * SECOND);
    const busiest = edges.reduce((a, b) =>
      (sandbox.edge(b)?.requests ?? 0) > (sandbox.edge(a)?.requests ?? 0) ? b : a,
    );
    // Step until some requests are waiting on it, so the failure has something to break.
    let inFlight = 0;
    while (inFlight === 0) {
      engine.runUntil(engine.now + SECOND / 100);
      inFlight = clients.reduce((n, c) => n + c.outstandingAt(busiest), 0);
    }
    const before = sandbox.sandboxStats();
    const servedByBusiest = sandbox.edge(busiest)!.requests;
    // Switched off behind the mapping's back, so seen at once (the delay is tested below).
    network.setNodeUp(busiest, false);
    engine.runUntil(engine.now + 15 * SECOND); // past every timeout of the requests in flight
    const after = sandbox.sandboxStats();
    expect(before.failed).toBe(0);
    expect(after.failures.timeout).toBeGreaterThan(0);
    expect(after.failures.timeout).toBeLessThanOrEqual(inFlight);
    expect(after.failed).toBe(after.failures.timeout);
    expect(sandbox.edge(busiest)!.requests).toBe(servedByBusiest);
    expect(after.responses - before.responses).toBeGreaterThan(
      0.9 * (after.requests - before.requests),
    );
    // Its data centre's other servers now take its share of the objects.
    const dc = world.topology.dataCentres[world.topology.nodes[busiest].dataCentre];
    for (const other of dc.servers.filter((s) => s !== busiest))
      expect(sandbox.edge(other)!.requests).toBeGreaterThan(0);
  });

  it('keeps sending requests to a failed server until the monitoring agents see the failure', () => {
    const { world, sandbox } = classroom();
    const { engine, network } = world;
    const edges = nodesOfKind(world, 'edge');
    engine.runUntil(2 * SECOND);
    const busiest = edges.reduce((a, b) =>
      (sandbox.edge(b)?.requests ?? 0) > (sandbox.edge(a)?.requests ?? 0) ? b : a,
    );
    const clients = nodesOfKind(world, 'client').map((id) => sandbox.client(id)!);
    // Given as the world command is in a run: every shard applies it, and tells the model.
    const failedAt = engine.now;
    network.setNodeUp(busiest, false);
    sandbox.networkChanged({ type: 'node.setUp', node: busiest, up: false });
    engine.runUntil(failedAt + DETECTION_DELAY_NS - SECOND);
    const stillSent = clients.reduce((n, c) => n + c.outstandingAt(busiest), 0);
    expect(stillSent).toBeGreaterThan(0);
    // Past the delay and every request timeout: nothing is waiting on it any more.
    engine.runUntil(failedAt + DETECTION_DELAY_NS + 11 * SECOND);
    expect(clients.reduce((n, c) => n + c.outstandingAt(busiest), 0)).toBe(0);
    const timedOut = sandbox.sandboxStats().failures.timeout;
    engine.runUntil(engine.now + 10 * SECOND);
    expect(sandbox.sandboxStats().failures.timeout).toBe(timedOut);
  });

  it('accounts for every request: answered, failed with a reason, or still outstanding', () => {
    // Loss on every last mile (not repaired) and more than the origin can take: every failure
    // path is in play.
    const { world, sandbox } = classroom(
      { loadFactor: 3, originTimeoutSeconds: 0.5, requestTimeoutSeconds: 1, lossRecovery: false },
      { lastMileLossRate: 0.05 },
    );
    for (let t = 1; t <= 6; t++) {
      world.engine.runUntil(t * SECOND);
      const s = sandbox.sandboxStats();
      expect(s.requests).toBe(s.responses + s.failed + s.outstanding);
    }
    const s = sandbox.sandboxStats();
    expect(s.failures.timeout).toBeGreaterThan(0);
    expect(s.failures.originRejected).toBeGreaterThan(0);
    expect(s.messagesDropped).toBeGreaterThan(0);
    expect(s.failures.originTimeout).toBeGreaterThan(0);
    expect(s.responses).toBeGreaterThan(0);
  });

  it('merges statistics snapshots from several shards into totals', () => {
    const { world, sandbox } = classroom();
    world.engine.runUntil(3 * SECOND);
    const snap = structuredClone(sandbox.statsSnapshot());
    const one = summarizeStats(snap);
    expect(one).toEqual(sandbox.sandboxStats());
    const two = summarizeStats(mergeStatsSnapshots([snap, snap]));
    expect(two.requests).toBe(2 * one.requests);
    expect(two.hits).toBe(2 * one.hits);
    expect(two.hitRatio).toBeCloseTo(one.hitRatio, 12);
    expect(two.originUtilisation).toBeCloseTo(one.originUtilisation, 12);
    expect(two.latencyMs.p95).toBe(one.latencyMs.p95);
  });

  it('reports the load of each owned server that has served, and leaves the others alone', () => {
    const { world, sandbox } = classroom({}, { ownsNode: (id) => id % 2 === 0 });
    world.engine.runUntil(2 * SECOND);
    const load = new Float32Array(world.topology.nodes.length).fill(-1);
    sandbox.fillNodeLoad(load);
    const edges = nodesOfKind(world, 'edge');
    // Owned edges that have served anything get their load; the rest keep what was there
    // (callers pass a zeroed array, where an idle edge's 0 is right).
    for (const id of edges) {
      const served = id % 2 === 0 && sandbox.edge(id) !== undefined;
      expect(load[id]).toBe(served ? Math.fround(sandbox.load(id)) : -1);
    }
    const busy = edges.filter((id) => load[id] > 0);
    expect(busy.length).toBeGreaterThan(0);
    // About 20 requests/s per edge against a capacity of 2,000/s.
    for (const id of busy) expect(load[id]).toBeLessThan(0.1);
    const origin = nodesOfKind(world, 'origin')[0];
    expect(load[origin]).toBe(origin % 2 === 0 ? Math.fround(sandbox.load(origin)) : -1);
  });
});

describe('the sandbox config', () => {
  it('fills in defaults for everything left out', () => {
    expect(parseSandboxConfig({})).toMatchObject({
      catalogueObjects: 10_000,
      zipfExponent: 0.8,
      objectSizeBytes: 50_000,
      ttlSeconds: 300,
      uncacheableFraction: 0.05,
      loadFactor: 1,
      requestTimeoutSeconds: 10,
      originWorkers: 8,
      originQueueLength: 200,
      originServiceMeanMs: 20,
    });
  });

  it.each([
    [{ cacheMegabytes: -1 }, /delivery\.cacheMegabytes/],
    [{ originWorkers: 2.5 }, /delivery\.originWorkers/],
    [{ uncacheableFraction: 2 }, /delivery\.uncacheableFraction/],
    [{ catalogObjects: 10 }, /delivery\.catalogObjects: unknown field/],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(() => parseSandboxConfig(input)).toThrow(SandboxConfigError);
    expect(() => parseSandboxConfig(input)).toThrow(message);
  });
});
