/**
 * dns.configure while running: the design (one tier or two) and the background lookups change
 * from that instant, the same in every shard, which is what the lab's two-tier step relies on.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';

const SCENARIO = { seed: 3, scale: 'classroom' as const };

async function counters(shards: number, script: [number, object][], untilS: number) {
  const run = new Run({ scenario: SCENARIO, model: { id: 'dns', config: {} }, shards });
  try {
    await run.start();
    for (const [at, cmd] of script) {
      await run.advanceTo(at * SECOND);
      run.command(cmd);
    }
    await run.advanceTo(untilS * SECOND);
    const snap = await run.snapshot();
    return { counters: snap.counters, digest: snap.digest };
  } finally {
    run.dispose();
  }
}

describe('dns.configure', () => {
  it('starts and stops the background lookups at the given times', async () => {
    const idle = await counters(1, [], 300);
    expect(idle.counters['dns.lookups'] ?? 0).toBe(0);
    const busy = await counters(
      1,
      [
        [10, { type: 'dns.configure', lookupsPerClientPerSecond: 0.5 }],
        [110, { type: 'dns.configure', lookupsPerClientPerSecond: 0 }],
      ],
      300,
    );
    // 9 client groups × 0.5 /s × 100 s ≈ 450 lookups (Poisson: well within ± 25 %).
    expect(busy.counters['dns.lookups']).toBeGreaterThan(340);
    expect(busy.counters['dns.lookups']).toBeLessThan(560);
  });

  it('switches to one tier: the top level then answers what the low level answered', async () => {
    const workload = { type: 'dns.configure', lookupsPerClientPerSecond: 0.5 };
    const two = await counters(1, [[0, workload]], 600);
    const one = await counters(1, [[0, { ...workload, oneTier: true }]], 600);
    expect(two.counters['dns.queries.lowlevel']).toBeGreaterThan(500);
    expect(two.counters['dns.queries.toplevel']).toBeLessThan(30);
    expect(one.counters['dns.queries.lowlevel'] ?? 0).toBe(0);
    expect(one.counters['dns.queries.toplevel']).toBeGreaterThan(500);
  });

  it('gives the same run with 1 and 2 shards', async () => {
    const script: [number, object][] = [
      [5, { type: 'dns.configure', lookupsPerClientPerSecond: 0.3 }],
      [60, { type: 'dns.configure', oneTier: true }],
    ];
    const a = await counters(1, script, 120);
    const b = await counters(2, script, 120);
    expect(b.digest).toBe(a.digest);
    expect(b.counters).toEqual(a.counters);
  });
});
