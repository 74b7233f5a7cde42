/**
 * The tcp model split across shards: each connection runs in the shard that owns its server, the
 * shards need no windows (the model sends nothing over the network), and every connection ends
 * exactly as it does on one shard: the fat-file table's rows can run in parallel.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { mergeTotalsByName } from '@sim/models/tcp/groupTotals';
import type { TcpConnTotals, TcpTotals } from '@sim/models/tcp/tcpRuntime';
import { SECOND } from '@sim/time';
import * as S from '../../labs/fat-file/scenario';

/** The table's four rows, one seed each, three simulated seconds. */
const config = () => {
  const table = S.figure2Table(2);
  return {
    ...table,
    reportEveryMs: 1000,
    connections: table.connections
      .filter((c) => c.name.endsWith('-1'))
      .map((c) => ({ ...c, durationMs: 3000 })),
  };
};

async function run(shards: number) {
  const r = new Run({
    scenario: S.simulation.scenario,
    model: { id: 'tcp', config: config() },
    shards,
  });
  await r.start();
  let totals: TcpConnTotals[] = [];
  const reporters = new Set<string>();
  for (let s = 1; s <= 4; s++) {
    await r.advanceTo(s * SECOND);
    const snap = await r.snapshot();
    for (const o of snap.observations as TcpTotals[])
      if (o.type === 'sim.tcpTotals') {
        totals = mergeTotalsByName(totals, o.conns);
        reporters.add(o.conns.map((c) => c.name).join());
      }
  }
  const windows = r.windows;
  r.dispose();
  return { totals, reporters, windows };
}

describe('the tcp model across shards', () => {
  it('runs each row once, in the shard of its server, with the same results as one shard', async () => {
    const one = await run(1);
    const two = await run(2);
    expect(one.totals.map((t) => t.name)).toEqual(config().connections.map((c) => c.name));
    expect(two.totals.map((t) => t.name)).toEqual(one.totals.map((t) => t.name));
    // Both shards ran some of the rows (two different sets of connections reported).
    expect(two.reporters.size).toBeGreaterThanOrEqual(2);
    for (const [i, t] of two.totals.entries()) {
      expect(t.done).toBe(true);
      expect(t.bytesDelivered).toBeGreaterThan(0);
      expect(t.bytesDelivered).toBe(one.totals[i].bytesDelivered);
      expect(t.retransmits).toBe(one.totals[i].retransmits);
      expect(t.goodputMbps).toBe(one.totals[i].goodputMbps);
    }
    // No lookahead-long windows: a window per advance, not one per hop latency.
    expect(two.windows).toBeLessThan(20);
  });
});
