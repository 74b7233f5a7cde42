/**
 * A fork keeps the future it replaces, as a definition: the flash-crowd lab's scripted run (load
 * ×4 at 1 s, a purge at 2 s), played to 3 s with its commands given live, then taken back to
 * 1.5 s and changed there. The run forked away, replayed from its definition alone (on one
 * shard, as a comparison plays it), ends with the digest and counters the original future had,
 * while the changed run ends elsewhere; and nothing forks when a command is given at the end
 * of the run so far.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { travelTo } from '@runtime/rewind';
import { forkAt, runOf } from '@runtime/fork';
import type { SimCommand } from '@sim/models/commands';
import { LAB_SCRIPTS } from '../golden/labScripts';

const script = LAB_SCRIPTS.find((s) => s.id === 'flash-crowd')!;
const FORK_NS = 1_500_000_000;

/** Gives the script's commands at their times, as a student's clicks would, and runs to `endNs`. */
async function playLive(run: Run, endNs: number): Promise<void> {
  for (const { atNs, cmd } of script.commands) {
    await run.advanceTo(atNs);
    run.command(cmd as SimCommand);
  }
  await run.advanceTo(endNs);
}

describe('a fork', () => {
  it('keeps the future it replaces: replayed from its definition, it ends as that future did', async () => {
    const original = new Run({ scenario: script.scenario, model: script.model, shards: 2 });
    let replayed: Run | null = null;
    try {
      await original.start();
      await playLive(original, script.endNs);
      const future = await original.snapshot();
      const headNs = original.now;

      // Nothing forks at the end of the run so far.
      const change: SimCommand = { type: 'delivery.setLoad', loadFactor: 0.5 };
      const atHead = { ...original.definition, commands: original.position().commands };
      expect(forkAt(atHead, original.now, headNs, change)).toBeNull();

      await travelTo(original, { timeNs: FORK_NS, steps: 0 });
      const had = { ...original.definition, commands: original.position().commands };
      const given = original.command(change);
      const fork = forkAt(had, original.now, headNs, given)!;
      expect(fork).not.toBeNull();
      expect(fork.atNs).toBe(FORK_NS);
      // The purge at 2 s belongs to the future forked away: the changed run no longer has it.
      expect(fork.before.commands.map((c) => c.atNs)).toEqual(script.commands.map((c) => c.atNs));
      expect(original.position().commands.map((c) => c.atNs)).toEqual([1e9, FORK_NS]);

      await original.advanceTo(script.endNs);
      const changed = await original.snapshot();
      expect(changed.digest).not.toBe(future.digest);

      replayed = runOf(fork.before, { shards: 1 });
      await replayed.start();
      await replayed.advanceTo(script.endNs);
      const again = await replayed.snapshot();
      expect(again.digest).toBe(future.digest);
      expect(again.counters).toEqual(future.counters);
    } finally {
      original.dispose();
      replayed?.dispose();
    }
  }, 120_000);
});
