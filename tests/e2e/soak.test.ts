/**
 * The soak run as part of CI: one minute of the 2009-scale sandbox played flat out (SOAK_MINUTES
 * changes it; `npm run soak` runs ten). Fails if the page's heap grows past its budget, a kept
 * structure (event log, DOM, listeners) passes its bound, the simulation stops, or, on runs long
 * enough to judge them, a worker's heap grows past its budget (src/cli/experiments/soak.ts).
 */
import { describe, expect, it } from 'vitest';
import { soakExperiment } from '../../src/cli/experiments/soak';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 1);

describe('a long run of the 2009-scale sandbox', () => {
  it(
    'keeps its memory and what it shows bounded',
    async () => {
      const result = await soakExperiment.run(
        { minutes: MINUTES, scale: '2009', workers: 2, samples: 12 },
        1,
      );
      const { samples, ...summary } = result;
      console.log(JSON.stringify(summary));
      expect(Array.isArray(samples) && samples.length).toBeGreaterThanOrEqual(3);
      expect(summary.logRowsMax).toBeLessThanOrEqual(5000);
    },
    240_000 + MINUTES * 60_000,
  );
});
