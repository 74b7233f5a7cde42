/**
 * Property tests: random topologies, seeds, loads and failure schedules run a few simulated
 * seconds with assertions on (src/sim/assert.ts), and every report keeps the conservation
 * identities (src/sim/invariants). A failure prints fast-check's shrunk counterexample and seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAssertionsEnabled } from '@sim/assert';
import { playChecked, randomRun } from './randomRuns';

/** Cases per model: CI has 2 cores, so each property stays well under 20 s. */
const RUNS = { delivery: 12, dns: 12, probe: 15 } as const;

beforeAll(() => setAssertionsEnabled(true));
afterAll(() => setAssertionsEnabled(false));

describe.each(Object.keys(RUNS) as (keyof typeof RUNS)[])('random runs of the %s model', (id) => {
  it('keep every conservation identity at every report, whatever fails when', async () => {
    let reports = 0;
    let requests = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(randomRun(id), async (r) => {
        const result = await playChecked(r);
        reports += result.reports;
        requests += result.counters['net.sent'] ?? 0;
        // the in-flight gauges exist only with assertions on: they prove the switch reached the run
        expect(result.counters).toHaveProperty('net.inFlight');
      }),
      { numRuns: RUNS[id] },
    );
    console.log(
      `[invariants] ${id}: ${RUNS[id]} cases, ${reports} reports checked, ${requests} messages, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(reports).toBeGreaterThanOrEqual(RUNS[id]);
  });
});
