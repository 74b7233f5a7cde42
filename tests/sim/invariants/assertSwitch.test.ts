/**
 * The assertion switch reaches shards on worker threads (RunOptions.assertions → ShardSpec), and
 * is off by default: the in-flight gauges that only the checks keep show which one ran.
 */
import { MODELS } from '@sim/models/registry';
import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { conservationViolations } from '@sim/invariants/conservation';
import { SECOND } from '@sim/time';

async function countersOf(assertions: boolean) {
  const run = new Run({
    scenario: { seed: 4, scale: 80 },
    model: { id: 'delivery', config: { loadFactor: 2 } },
    shards: 2,
    makeWorker: nodeShardWorker,
    assertions,
  });
  try {
    await run.start();
    await run.advanceTo(SECOND);
    return (await run.snapshot()).counters;
  } finally {
    run.dispose();
  }
}

describe('the assertion switch', () => {
  it('turns the checks on in worker threads when asked, and leaves them off otherwise', async () => {
    const on = await countersOf(true);
    expect(on['net.inFlight']).toBeGreaterThanOrEqual(0);
    expect(on['net.handedOff']).toBeGreaterThan(0);
    expect(conservationViolations(on, MODELS)).toEqual([]);
    const off = await countersOf(false);
    expect(off).not.toHaveProperty('net.inFlight');
    // The checks only watch: the run itself is the same.
    expect(off['net.sent']).toBe(on['net.sent']);
  }, 60_000);
});
