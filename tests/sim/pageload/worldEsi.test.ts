/**
 * ESI in a world: an edge keeps the fragments it fetched across the loads it serves, so a second
 * load of the portal ten seconds after the first fetches only the personal greeting; each load
 * reports its bytes per leg and its origin requests (`pageload.bytes`) for a view's per-minute sums.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import type { LoadBytesSeen } from '@sim/models/pageload/observations';
import { TOKYO_PORTAL } from './helpers';
import { SECOND } from '@sim/time';

describe('ESI in a world', () => {
  it('the second load through the same edge fetches only the expired fragments', async () => {
    const load = { ...TOKYO_PORTAL, esi: true };
    const run = new Run({
      scenario: { scale: 'classroom', seed: 1 },
      model: {
        id: 'pageload',
        config: {
          loads: [
            { name: 'first', ...load },
            { name: 'second', startMs: 10_000, ...load },
          ],
        },
      },
      shards: 1,
    });
    const seen: LoadBytesSeen[] = [];
    try {
      await run.start();
      await run.advanceTo(30 * SECOND);
      for (const o of (await run.snapshot()).observations as LoadBytesSeen[])
        if (o.type === 'pageload.bytes') seen.push(o);
    } finally {
      run.dispose();
    }
    const of = (name: string) => seen.find((s) => s.load === `pageload.${name}.0`)!;
    expect(of('first').fragmentFetches).toBe(4);
    expect(of('second').fragmentFetches).toBe(1);
    // The greeting (2,000 B) with its headers, and the 15 objects (each load's edge copies are its own).
    const objects = 334_000 + 15 * 250;
    expect(of('second').originResponseBytes).toBe(2_000 + 250 + objects);
    expect(of('first').originResponseBytes).toBe(32_000 + 4 * 250 + objects);
    expect(of('second').startNs).toBe(10 * SECOND);
    expect(of('second').middleBytes).toBeLessThan(of('first').middleBytes);
  }, 60_000);
});
