/**
 * A run disposed of while a call is pending (the page resets the simulation mid-run) ends
 * there: the call fails, but nothing counts as a worker failure and no worker is restarted.
 * Before this was fixed, the disposed run restarted its workers three times behind the page's
 * back and the page reported "3 restarts did not help" for the run it had just replaced.
 */
import { describe, expect, it } from 'vitest';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';

describe('disposing of a busy run', () => {
  it('fails the pending call without restarting anything', async () => {
    const failures: string[] = [];
    const run = new Run({
      scenario: { seed: 2, scale: 'classroom' },
      model: { id: 'delivery' },
      shards: 2,
      makeWorker: nodeShardWorker,
      onFailure: (f) => failures.push(f.reason),
    });
    await run.start();
    const pending = run.advanceTo(600 * SECOND);
    run.dispose();
    await expect(pending).rejects.toThrow();
    expect(failures).toEqual([]);
    expect(run.restarts).toBe(0);
  }, 60_000);
});
