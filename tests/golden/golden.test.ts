/**
 * Golden traces, one per lab scenario (tests/golden/<lab>.trace.txt): a short run of the lab's
 * own scenario written out as text. When behaviour changes, the test fails with a line diff of
 * the trace; if the change is intended, regenerate with `npm run golden -- --update` and review
 * the diff of the .trace.txt files like code.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE, MS, SECOND } from '@sim/time';
import { goldenTrace, type TraceOptions } from './goldenTrace';
import { LAB_SCRIPTS } from './labScripts';
import { ALL_LABS } from '../labFolders';

const OPTIONS: Record<string, TraceOptions> = {
  'dns-resolution': {
    everyNs: 100 * MS,
    maxMessages: 40,
    maxPerObservation: 12,
    omit: ['sim.dnsMessage'],
  },
  'flash-crowd': { everyNs: 100 * MS, maxMessages: 30, maxPerObservation: 12 },
  'phased-rollout': { everyNs: MINUTE, maxMessages: 30, maxPerObservation: 12 },
  'fat-file': { everyNs: 100 * MS, maxMessages: 30, maxPerObservation: 12 },
  'middle-mile': { everyNs: SECOND, maxMessages: 30, maxPerObservation: 48 },
  acceleration: { everyNs: 100 * MS, maxMessages: 30, maxPerObservation: 12 },
};

describe.each(LAB_SCRIPTS)('the golden trace of the $id lab scenario', (s) => {
  it('is unchanged', async () => {
    const trace = await goldenTrace(s, OPTIONS[s.id]);
    await expect(trace).toMatchFileSnapshot(`./${s.id}.trace.txt`);
  });
});

describe('the golden scripts', () => {
  it('cover every lab folder', () => {
    expect(LAB_SCRIPTS.map((s) => s.id).sort()).toEqual(ALL_LABS.map((l) => l.id).sort());
  });
});
