/**
 * Repeated loads in a world (`everyS`, `untilS`): each repetition is a load of its own, the
 * repetitions through one edge share its fragments (ESI) and, once the first has brought them,
 * the page's static objects; bad settings are config errors naming the field.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { parseModelConfig } from '@sim/model/SimModel';
import { pageloadModel } from '@sim/models/pageload/model';
import type { LoadBytesSeen } from '@sim/models/pageload/observations';
import { builtInPage } from '@sim/models/pageload/pages';
import { TOKYO_PORTAL } from './helpers';
import { SECOND } from '@sim/time';

const PORTAL = { name: 'portal', ...TOKYO_PORTAL, esi: true };

/** The portal every `everyS` for `minutes`; every load's `pageload.bytes`, in start order. */
async function series(everyS: number, minutes: number, shards = 1): Promise<LoadBytesSeen[]> {
  const untilS = minutes * 60;
  const run = new Run({
    scenario: { scale: 'classroom', seed: 1 },
    model: { id: 'pageload', config: { loads: [{ ...PORTAL, everyS, untilS }] } },
    shards,
  });
  const seen: LoadBytesSeen[] = [];
  try {
    await run.start();
    await run.advanceTo((untilS + 30) * SECOND);
    for (const o of (await run.snapshot()).observations as LoadBytesSeen[])
      if (o.type === 'pageload.bytes') seen.push(o);
  } finally {
    run.dispose();
  }
  return seen.sort((a, b) => a.startNs - b.startNs);
}

describe('repeated loads in a world', () => {
  it('fetches each fragment once per lifetime and the static objects once', async () => {
    const everyS = 10;
    const minutes = 10;
    const seen = await series(everyS, minutes);
    const loads = (minutes * 60) / everyS;
    expect(seen).toHaveLength(loads);
    expect(seen.map((s) => s.load)).toEqual(seen.map((_, n) => `pageload.portal.${n}`));
    expect(seen.map((s) => s.startNs)).toEqual(seen.map((_, n) => n * everyS * SECOND));
    // The TTL arithmetic (everyS divides every lifetime here): a personal fragment on every
    // load, the others once per lifetime that the run's span reaches into.
    const page = builtInPage('portal')!;
    const expected = page.html.fragments!.map((f) =>
      f.ttlSeconds === 0 ? loads : Math.ceil((minutes * 60) / f.ttlSeconds),
    );
    expect(expected).toEqual([1, 1, 10, 60]); // template, headlines, quotes, greeting
    const fetches = seen.reduce((s, o) => s + o.fragmentFetches, 0);
    expect(fetches).toBe(expected.reduce((a, b) => a + b, 0));
    // A minute's first load also fetches the quotes; the others only the greeting.
    for (const [n, s] of seen.entries())
      expect(s.fragmentFetches, s.load).toBe(n === 0 ? 4 : n % 6 === 0 ? 2 : 1);
    // The objects come from the origin on the first load only: the edge holds them after it.
    const objects = page.objects.length;
    expect(seen.reduce((s, o) => s + o.originRequests, 0)).toBe(fetches + objects);
    expect(seen[1].originResponseBytes).toBe(2_000 + 250);
    expect(seen[1].middleBytes).toBeLessThan(seen[0].middleBytes / 10);
  }, 120_000);

  it('repeats alike on two shards (the loads run in the shard of their client)', async () => {
    const key = (s: LoadBytesSeen) => `${s.load} ${s.timeNs} ${s.fragmentFetches} ${s.middleBytes}`;
    const one = await series(20, 2);
    expect(one).toHaveLength(6);
    expect((await series(20, 2, 2)).map(key)).toEqual(one.map(key));
  }, 60_000);

  it('rejects a bad everyS or untilS with a message naming it', () => {
    const config = (extra: object) => ({ loads: [{ ...PORTAL, ...extra }] });
    expect(() => parseModelConfig(pageloadModel, config({ everyS: 0 }))).toThrow(
      /loads\.0\.everyS: must be above 0/,
    );
    expect(() => parseModelConfig(pageloadModel, config({ everyS: -5 }))).toThrow(/everyS/);
    expect(() => parseModelConfig(pageloadModel, config({ untilS: 60 }))).toThrow(
      /loads\.0\.untilS: untilS needs everyS/,
    );
    expect(() =>
      parseModelConfig(pageloadModel, config({ everyS: 10, startMs: 5000, untilS: 5 })),
    ).toThrow(/untilS must be after startMs/);
    expect(parseModelConfig(pageloadModel, config({ everyS: 10, untilS: 60 })).loads[0]).toEqual(
      expect.objectContaining({ everyS: 10, untilS: 60 }),
    );
  });
});
